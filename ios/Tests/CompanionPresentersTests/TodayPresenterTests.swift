import CompanionCore
import XCTest

@testable import CompanionPresenters

final class TodayPresenterTests: XCTestCase {
    @MainActor
    func testShowsTheCoresTodayFromWhatIOSSays() async throws {
        let store = try makeStore(self)
        let environment = testEnvironment()
        try addSession(store) { $0.title = "Walk group" }
        let notifications = FakeNotifications(authorization: .notDetermined)
        let presenter = TodayPresenter(source: store, platform: notifications, environment: environment)

        await presenter.refresh()

        let facts = await notifications.facts()
        let held = await notifications.held()
        XCTAssertEqual(
            presenter.screen,
            try store.todayScreen(
                now: monday, zone: "America/New_York", clockStyle: .twelveHour, facts: .ios(facts: facts),
                heldNow: held))
        XCTAssertNil(presenter.error)
        XCTAssertFalse(presenter.loading)
    }

    @MainActor
    func testTheTwentyFourHourClockReachesTheCore() async throws {
        let store = try makeStore(self)
        try addSession(store) { $0.title = "Walk group" }
        let notifications = FakeNotifications()
        let presenter = TodayPresenter(
            source: store, platform: notifications, environment: testEnvironment(locale: "en_GB"))

        await presenter.refresh()

        let facts = await notifications.facts()
        XCTAssertEqual(
            presenter.screen,
            try store.todayScreen(
                now: monday, zone: "America/New_York", clockStyle: .twentyFourHour, facts: .ios(facts: facts),
                heldNow: []))
    }

    @MainActor
    func testTheReminderCardAsksForNotificationsBeforeIOSHasAsked() async throws {
        let store = try makeStore(self)
        try addSession(store) { $0.title = "Walk group" }
        let presenter = TodayPresenter(
            source: store, platform: FakeNotifications(authorization: .notDetermined), environment: testEnvironment())

        await presenter.refresh()

        let card = try XCTUnwrap(presenter.screen?.reminderCard, "something to remind of, nothing asked yet")
        XCTAssertEqual(card.notice, .askPermission)
        XCTAssertEqual(presenter.reminderCardAction, .askPermission)
    }

    @MainActor
    func testTheReminderCardOpensReminderHealthWhenNotificationsAreOff() async throws {
        let store = try makeStore(self)
        try addSession(store) { $0.title = "Walk group" }
        let presenter = TodayPresenter(
            source: store, platform: FakeNotifications(authorization: .denied), environment: testEnvironment())

        await presenter.refresh()

        let card = try XCTUnwrap(presenter.screen?.reminderCard)
        guard case .needsAttention = card.notice else {
            return XCTFail("reminders cannot reach the participant: \(card.notice)")
        }
        XCTAssertEqual(presenter.reminderCardAction, .openReminderHealth)
    }

    @MainActor
    func testNoCardNoButton() async throws {
        let store = try makeStore(self)
        // Nothing to remind of (no session, the daily check-in reminder off), notifications allowed.
        _ = try store.settingsAct(action: .setCheckinReminder(time: nil), clockStyle: .twelveHour)
        let presenter = TodayPresenter(source: store, platform: FakeNotifications(), environment: testEnvironment())

        await presenter.refresh()

        XCTAssertNil(presenter.screen?.reminderCard)
        XCTAssertNil(presenter.reminderCardAction)
    }

    @MainActor
    func testADayWithNoSessionSaysSoInTheCoresWords() async throws {
        let store = try makeStore(self)
        let notifications = FakeNotifications()
        let presenter = TodayPresenter(source: store, platform: notifications, environment: testEnvironment())

        await presenter.refresh()

        XCTAssertEqual(presenter.screen?.sessions, [])
        let facts = await notifications.facts()
        let expected = try store.todayScreen(
            now: monday, zone: "America/New_York", clockStyle: .twelveHour, facts: .ios(facts: facts), heldNow: [])
        XCTAssertEqual(presenter.screen?.emptyLabel, expected.emptyLabel)
        XCTAssertFalse(presenter.screen?.emptyLabel.isEmpty ?? true)
    }

    @MainActor
    func testTodaysCheckInLineIsTheCores() async throws {
        let store = try makeStore(self)
        let form = try store.checkinScreenToday(now: monday, zone: "America/New_York")
        var values = form.values
        values.mood = form.mood.max
        _ = try store.saveCheckinForm(
            date: form.date, opened: form.values, edited: values, now: monday, zone: "America/New_York")
        let notifications = FakeNotifications()
        let presenter = TodayPresenter(source: store, platform: notifications, environment: testEnvironment())

        await presenter.refresh()

        let line = try XCTUnwrap(presenter.screen?.checkin?.label)
        let facts = await notifications.facts()
        let expected = try store.todayScreen(
            now: monday, zone: "America/New_York", clockStyle: .twelveHour, facts: .ios(facts: facts), heldNow: [])
        XCTAssertEqual(line, expected.checkin?.label)
        XCTAssertEqual(presenter.screen?.checkin?.mood, form.mood.max)
    }

    @MainActor
    func testTheCoresErrorIsShown() async throws {
        let store = try makeStore(self)
        // A clock in 2302, past what the core accepts.
        let far = Date(timeIntervalSince1970: 10_500_000_000)
        let notifications = FakeNotifications()
        let presenter = TodayPresenter(
            source: store, platform: notifications, environment: testEnvironment(now: far))

        await presenter.refresh()

        let facts = await notifications.facts()
        let expected = message {
            _ = try store.todayScreen(
                now: far, zone: "America/New_York", clockStyle: .twelveHour, facts: .ios(facts: facts),
                heldNow: [])
        }
        XCTAssertNotNil(expected)
        XCTAssertEqual(presenter.error, expected)
        XCTAssertNil(presenter.screen)
    }
}
