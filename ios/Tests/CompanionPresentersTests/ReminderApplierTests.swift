import CompanionCore
import XCTest

@testable import CompanionPresenters

/// The apply step carries the core's answer to iOS and records what iOS then holds; every rule
/// (what to plan, when to re-word, the window's last slot) is the core's.
final class ReminderApplierTests: XCTestCase {
    private func context(_ zone: String = "America/New_York") -> ReminderContext {
        ReminderContext(
            now: monday, zone: zone, platform: .ios, clockStyle: .twelveHour, exactAlarmsAllowed: true,
            osCleared: false)
    }

    /// A session every day and the daily check-in reminder.
    @MainActor
    private func busyStore(leads: Int = 1) throws -> CompanionStore {
        let store = try makeStore(self)
        _ = try store.settingsAct(action: .setCheckinReminder(time: ClockTime(hour: 20, minute: 0)), clockStyle: .twelveHour)
        try addSession(store) { values in
            values.title = "Walk group"
        }
        let form = try store.sessionForm(sessionId: nil, now: monday, zone: "America/New_York")
        try addSession(store) { values in
            values.title = "Daily group"
            // Repeat turned on (the core's weekly series for the start), then every day the form offers.
            var daily = weeklyRepeat(start: values.start)
            daily.weekdays = form.choices.weekdays
            values.recurrence = daily
            values.ownLeads = Array(form.choices.leadChoices.map(\.minutes).prefix(leads))
        }
        return store
    }

    @MainActor
    func testHandsIOSWhatTheCorePlansInItsWords() async throws {
        let store = try busyStore()
        let notifications = FakeNotifications()
        let applier = ReminderApplier(source: store, platform: notifications, environment: testEnvironment())
        let expected = try store.reminderChanges(ctx: context(), held: [])
        XCTAssertFalse(expected.schedule.isEmpty)

        let outcome = try await applier.apply()

        let pending = await notifications.pending
        XCTAssertEqual(Set(pending.keys), Set(expected.schedule.map(\.reminder.id)))
        for request in expected.schedule {
            XCTAssertEqual(pending[request.reminder.id], request, "scheduled as the core worded it")
        }
        XCTAssertEqual(outcome.scheduled, expected.schedule.map(\.reminder.id))
        XCTAssertEqual(outcome.failed, [])
        XCTAssertEqual(try store.remindersApplied()?.held, expected.heldAfter)
        XCTAssertEqual(try store.remindersApplied()?.zone, "America/New_York")
        XCTAssertEqual(try store.remindersApplied()?.clockStyle, .twelveHour, "the clock the words were made for")
    }

    @MainActor
    func testASecondPassChangesNothing() async throws {
        let store = try busyStore()
        let notifications = FakeNotifications()
        let applier = ReminderApplier(source: store, platform: notifications, environment: testEnvironment())
        try await applier.apply()
        let before = await notifications.pending

        let again = try await applier.apply()

        XCTAssertEqual(again.scheduled, [])
        XCTAssertEqual(again.cancelled, [])
        let after = await notifications.pending
        XCTAssertEqual(after, before)
    }

    @MainActor
    func testRemovesWhatTheCoreCancels() async throws {
        let store = try busyStore()
        let notifications = FakeNotifications()
        let applier = ReminderApplier(source: store, platform: notifications, environment: testEnvironment())
        try await applier.apply()
        _ = try store.settingsAct(action: .setCheckinReminder(time: nil), clockStyle: .twelveHour)
        let held = await notifications.held()
        let expected = try store.reminderChanges(ctx: context(), held: held)
        XCTAssertFalse(expected.cancel.isEmpty)

        let outcome = try await applier.apply()

        XCTAssertEqual(outcome.cancelled, expected.cancel)
        let pending = await notifications.pending
        XCTAssertTrue(expected.cancel.allSatisfy { pending[$0] == nil })
        XCTAssertFalse(pending.values.contains { $0.reminder.kind == .checkIn })
    }

    @MainActor
    func testTheWindowsLastSlotIsScheduledLikeTheRest() async throws {
        // Three reminders a day for thirty days: more than iOS holds.
        let store = try busyStore(leads: 3)
        let notifications = FakeNotifications()
        let applier = ReminderApplier(source: store, platform: notifications, environment: testEnvironment())
        let expected = try store.reminderChanges(ctx: context(), held: [])
        let last = try XCTUnwrap(expected.schedule.last)
        XCTAssertEqual(last.reminder.kind, .keepComing)

        try await applier.apply()

        let pending = await notifications.pending
        XCTAssertEqual(pending[last.reminder.id], last)
        XCTAssertEqual(pending.count, expected.schedule.count)
        XCTAssertLessThanOrEqual(pending.count, FakeNotifications.iosLimit)
    }

    @MainActor
    func testAfterATripEveryReminderIsReworded() async throws {
        let store = try busyStore()
        let notifications = FakeNotifications()
        try await ReminderApplier(source: store, platform: notifications, environment: testEnvironment()).apply()
        let held = await notifications.held()
        let expected = try store.reminderChanges(ctx: context("America/Chicago"), held: held)
        XCTAssertTrue(expected.reworded)

        let outcome = try await ReminderApplier(
            source: store, platform: notifications, environment: testEnvironment(zone: "America/Chicago")
        ).apply()

        XCTAssertTrue(outcome.reworded)
        let pending = await notifications.pending
        for request in expected.schedule {
            XCTAssertEqual(pending[request.reminder.id]?.notification, request.notification)
        }
        XCTAssertEqual(try store.remindersApplied()?.zone, "America/Chicago")
    }

    @MainActor
    func testAfterASwitchTo24HourTimeEveryReminderIsReworded() async throws {
        let store = try busyStore()
        let notifications = FakeNotifications()
        try await ReminderApplier(source: store, platform: notifications, environment: testEnvironment()).apply()
        let held = await notifications.held()
        // Same place, the phone now on the 24-hour clock (en_GB's "j" is "HH").
        let twentyFour = testEnvironment(locale: "en_GB")
        XCTAssertEqual(twentyFour.clockStyle, .twentyFourHour)
        let expected = try store.reminderChanges(
            ctx: ReminderContext(
                now: monday, zone: "America/New_York", platform: .ios, clockStyle: .twentyFourHour,
                exactAlarmsAllowed: true, osCleared: false),
            held: held)
        XCTAssertTrue(expected.reworded)

        let outcome = try await ReminderApplier(source: store, platform: notifications, environment: twentyFour).apply()

        XCTAssertTrue(outcome.reworded)
        let pending = await notifications.pending
        for request in expected.schedule {
            XCTAssertEqual(pending[request.reminder.id]?.notification, request.notification)
        }
        XCTAssertEqual(try store.remindersApplied()?.clockStyle, .twentyFourHour)
    }

    @MainActor
    func testARefusedRequestIsNotRecordedAndComesBackNextTime() async throws {
        let store = try busyStore()
        let notifications = FakeNotifications()
        let applier = ReminderApplier(source: store, platform: notifications, environment: testEnvironment())
        let first = try XCTUnwrap(try store.reminderChanges(ctx: context(), held: []).schedule.first)
        await notifications.refuse([first.reminder.id])

        let outcome = try await applier.apply()

        XCTAssertEqual(outcome.failed, [first.reminder.id])
        XCTAssertFalse(try store.remindersApplied()?.held.contains { $0.id == first.reminder.id } ?? true)

        await notifications.refuse([])
        let again = try await applier.apply()
        XCTAssertEqual(again.scheduled, [first.reminder.id])
        let pending = await notifications.pending
        XCTAssertEqual(pending[first.reminder.id], first)
    }

    @MainActor
    func testPassesRunOneAfterAnother() async throws {
        let store = try busyStore()
        let notifications = FakeNotifications()
        let applier = ReminderApplier(source: store, platform: notifications, environment: testEnvironment())

        async let one = applier.apply()
        async let two = applier.apply()
        let outcomes = try await [one, two]

        // The second saw what the first handed over: together they scheduled each id once.
        let scheduled = outcomes.flatMap(\.scheduled)
        XCTAssertEqual(scheduled.count, Set(scheduled).count)
        let pending = await notifications.pending
        XCTAssertEqual(Set(pending.keys), Set(scheduled))
    }
}
