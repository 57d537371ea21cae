import CompanionCore
import XCTest

@testable import CompanionPresenters

final class SchedulePresenterTests: XCTestCase {
    private let zone = "America/New_York"

    @MainActor
    func testShowsTheCoresSchedule() throws {
        let store = try makeStore(self)
        try addSession(store) { $0.title = "Walk group" }
        let presenter = SchedulePresenter(source: store, environment: testEnvironment())

        presenter.refresh()

        XCTAssertEqual(presenter.screen, try store.scheduleScreen(now: monday, zone: zone, clockStyle: .twelveHour))
    }

    @MainActor
    func testANewSessionIsTheCoresFormAsEdited() throws {
        let store = try makeStore(self)
        let presenter = SchedulePresenter(source: store, environment: testEnvironment())

        presenter.openForm(sessionId: nil)
        let opened = try store.sessionForm(sessionId: nil, now: monday, zone: zone)
        XCTAssertEqual(presenter.form?.form, opened)
        XCTAssertEqual(presenter.form?.edited, opened.values)
        XCTAssertEqual(presenter.form?.isNew, true)

        presenter.editForm { $0.title = "Walk group" }
        presenter.editForm { $0.location = "The park" }
        XCTAssertTrue(presenter.saveForm())

        XCTAssertNil(presenter.form)
        let screen = try store.scheduleScreen(now: monday, zone: zone, clockStyle: .twelveHour)
        XCTAssertEqual(presenter.screen, screen)
        let session = try XCTUnwrap(screen.sessions.first)
        XCTAssertEqual(session.title, "Walk group")
        XCTAssertEqual(session.location, "The park")
    }

    @MainActor
    func testAnEditWritesOnlyWhatChangedHere() throws {
        let store = try makeStore(self)
        let added = try addSession(store) { $0.title = "Walk group"; $0.location = "The park" }
        let id = try XCTUnwrap(added.sessions.first?.id)
        let presenter = SchedulePresenter(source: store, environment: testEnvironment())
        presenter.openForm(sessionId: id)
        XCTAssertEqual(presenter.form?.form.canRemove, true)

        // Another device moves the group indoors while this form is open.
        let other = try store.sessionForm(sessionId: id, now: monday, zone: zone)
        var indoors = other.values
        indoors.location = "Room 2"
        _ = try store.scheduleAct(
            action: .saveSessionForm(sessionId: id, opened: other.values, edited: indoors),
            now: monday, zone: zone, clockStyle: .twelveHour)

        presenter.editForm { $0.title = "Morning walk" }
        XCTAssertTrue(presenter.saveForm())

        let session = try XCTUnwrap(presenter.screen?.sessions.first { $0.id == id })
        XCTAssertEqual(session.title, "Morning walk")
        XCTAssertEqual(session.location, "Room 2")
    }

    @MainActor
    func testRepeatFollowsTheStartAsMoved() throws {
        let store = try makeStore(self)
        let presenter = SchedulePresenter(source: store, environment: testEnvironment())
        presenter.openForm(sessionId: nil)
        let opened = try XCTUnwrap(presenter.form)

        // The participant moves the new session to the next day, then turns Repeat on.
        let nextDay = DayTime(epochMinute: opened.edited.start.epochMinute + 24 * 60)
        presenter.editForm { $0.title = "Walk group"; $0.start = nextDay }
        presenter.setRepeat(true)

        let repeating = try XCTUnwrap(presenter.form?.edited.recurrence)
        XCTAssertEqual(repeating, weeklyRepeat(start: nextDay))
        XCTAssertNotEqual(repeating.weekdays, opened.form.weekly.weekdays, "not the day the form opened on")
        XCTAssertTrue(presenter.saveForm(), "the core takes the series it started")
        XCTAssertEqual(presenter.screen?.sessions.first?.recurrence, repeating)
    }

    @MainActor
    func testRepeatOffIsAOneOff() throws {
        let store = try makeStore(self)
        let presenter = SchedulePresenter(source: store, environment: testEnvironment())
        presenter.openForm(sessionId: nil)
        presenter.setRepeat(true)
        XCTAssertNotNil(presenter.form?.edited.recurrence)

        presenter.setRepeat(false)

        XCTAssertNil(presenter.form?.edited.recurrence)
    }

    @MainActor
    func testWeeksApartAreTheCoresChoicesAndEachSaves() throws {
        let store = try makeStore(self)
        let presenter = SchedulePresenter(source: store, environment: testEnvironment())
        presenter.openForm(sessionId: nil)
        let form = try XCTUnwrap(presenter.form?.form)

        // The picker's entries are the core's, in its words.
        let intervals = try XCTUnwrap(presenter.form?.intervalChoices)
        XCTAssertEqual(intervals, form.choices.intervalChoices)
        XCTAssertGreaterThan(intervals.count, 1)

        presenter.editForm { $0.title = "Walk group" }
        presenter.setRepeat(true)
        let widest = try XCTUnwrap(intervals.last)
        presenter.setIntervalWeeks(widest.weeks)
        XCTAssertTrue(presenter.saveForm(), "the core takes its own widest interval")
        XCTAssertEqual(presenter.screen?.sessions.first?.recurrence?.intervalWeeks, widest.weeks)
    }

    @MainActor
    func testWeeksApartNeedARepeat() throws {
        let store = try makeStore(self)
        let presenter = SchedulePresenter(source: store, environment: testEnvironment())
        presenter.openForm(sessionId: nil)
        let widest = try XCTUnwrap(presenter.form?.intervalChoices?.last)

        // A one-off has no interval to set.
        presenter.setIntervalWeeks(widest.weeks)

        XCTAssertNil(presenter.form?.edited.recurrence)
    }

    @MainActor
    func testARefusedFormStaysOpenWithTheCoresWords() throws {
        let store = try makeStore(self)
        let presenter = SchedulePresenter(source: store, environment: testEnvironment())
        presenter.openForm(sessionId: nil)
        let state = try XCTUnwrap(presenter.form)

        XCTAssertFalse(presenter.saveForm(), "a session needs a title")

        XCTAssertEqual(
            presenter.form?.error,
            message {
                _ = try store.scheduleAct(
                    action: .saveSessionForm(sessionId: nil, opened: state.form.values, edited: state.edited),
                    now: monday, zone: zone, clockStyle: .twelveHour)
            })
        XCTAssertEqual(try store.scheduleScreen(now: monday, zone: zone, clockStyle: .twelveHour).sessions, [])
    }

    @MainActor
    func testCancelMoveAndRestoreAnOccurrence() throws {
        let store = try makeStore(self)
        try addSession(store) { $0.title = "Walk group" }
        let presenter = SchedulePresenter(source: store, environment: testEnvironment())
        presenter.refresh()
        let occurrence = try XCTUnwrap(presenter.screen?.days.first?.occurrences.first)
        XCTAssertTrue(occurrence.canCancel)

        presenter.cancel(occurrence)
        XCTAssertEqual(find(occurrence, in: presenter)?.status, .cancelled)

        let cancelled = try XCTUnwrap(find(occurrence, in: presenter))
        XCTAssertTrue(cancelled.canRestore)
        presenter.restore(cancelled)
        XCTAssertEqual(find(occurrence, in: presenter)?.status, .scheduled)

        let later = try XCTUnwrap(move(occurrence, minutesLater: 120, in: presenter))
        let moved = try XCTUnwrap(find(occurrence, in: presenter))
        XCTAssertEqual(moved.status, .moved)
        XCTAssertEqual(moved.localStart, later)
        XCTAssertEqual(presenter.screen, try store.scheduleScreen(now: monday, zone: zone, clockStyle: .twelveHour))
    }

    @MainActor
    func testAnOccurrenceOffersItsVideoOnlyWhileTheCoreSaysItCanBeJoined() throws {
        let store = try makeStore(self)
        try addSession(store) {
            $0.title = "Online group"
            $0.videoLink = "https://meet.example.org/online-group"
        }
        let presenter = SchedulePresenter(source: store, environment: testEnvironment())
        presenter.refresh()
        let occurrence = try XCTUnwrap(presenter.screen?.days.first?.occurrences.first)
        XCTAssertTrue(occurrence.canJoin, "coming up, with a link")
        XCTAssertNil(occurrence.statusLabel, "as scheduled: no status words")

        presenter.cancel(occurrence)
        let cancelled = try XCTUnwrap(find(occurrence, in: presenter))
        XCTAssertFalse(cancelled.canJoin)
        XCTAssertNotNil(cancelled.statusLabel)

        presenter.restore(cancelled)
        XCTAssertEqual(find(occurrence, in: presenter)?.canJoin, true)
        XCTAssertNil(find(occurrence, in: presenter)?.statusLabel)

        XCTAssertNotNil(move(occurrence, minutesLater: 120, in: presenter))
        let moved = try XCTUnwrap(find(occurrence, in: presenter))
        XCTAssertTrue(moved.canJoin, "moved, still to come")
        XCTAssertNotNil(moved.statusLabel)
        XCTAssertNotEqual(moved.statusLabel, cancelled.statusLabel, "moved is worded apart from cancelled")
    }

    @MainActor
    func testAnOccurrenceThatIsOverOffersNoVideo() throws {
        let store = try makeStore(self)
        try addSession(store) {
            $0.title = "Online group"
            $0.videoLink = "https://meet.example.org/online-group"
            $0.start = DayTime(epochMinute: $0.start.epochMinute - 24 * 60)
        }
        let presenter = SchedulePresenter(source: store, environment: testEnvironment())
        presenter.refresh()

        let entry = try XCTUnwrap(presenter.screen?.recent.first)
        XCTAssertNotNil(entry.occurrence.videoLink)
        XCTAssertFalse(entry.occurrence.canJoin)
    }

    @MainActor
    func testAnEmptyScheduleSaysSoInTheCoresWords() throws {
        let store = try makeStore(self)
        let presenter = SchedulePresenter(source: store, environment: testEnvironment())

        presenter.refresh()

        XCTAssertEqual(presenter.screen?.days, [])
        XCTAssertEqual(
            presenter.screen?.emptyLabel, try store.scheduleScreen(now: monday, zone: zone, clockStyle: .twelveHour).emptyLabel)
        XCTAssertFalse(presenter.screen?.emptyLabel.isEmpty ?? true)
    }

    @MainActor
    func testAnOccurrenceSaysInTheCoresWordsWhetherItIsOnNowOrHasEnded() throws {
        let store = try makeStore(self)
        // The new-session form starts at 10:00, the next whole hour: one an hour and a half
        // earlier runs until 09:30 (it is 09:00), one a day earlier is over, one stays ahead.
        try addSession(store) { $0.title = "Running"; $0.start = DayTime(epochMinute: $0.start.epochMinute - 90) }
        try addSession(store) { $0.title = "Yesterday"; $0.start = DayTime(epochMinute: $0.start.epochMinute - 24 * 60) }
        try addSession(store) { $0.title = "Ahead" }
        let presenter = SchedulePresenter(source: store, environment: testEnvironment())

        presenter.refresh()

        let screen = try XCTUnwrap(presenter.screen)
        let shown = screen.days.flatMap(\.occurrences) + screen.recent.map(\.occurrence)
        let running = try XCTUnwrap(shown.first { $0.title == "Running" })
        let over = try XCTUnwrap(shown.first { $0.title == "Yesterday" })
        let ahead = try XCTUnwrap(shown.first { $0.title == "Ahead" })
        XCTAssertEqual(running.timing, .now)
        XCTAssertNotNil(running.timingLabel, "'Now'")
        XCTAssertEqual(over.timing, .over)
        XCTAssertNotNil(over.timingLabel, "'Ended'")
        XCTAssertNotEqual(over.timingLabel, running.timingLabel)
        XCTAssertEqual(ahead.timing, .upcoming)
        XCTAssertNil(ahead.timingLabel, "nothing to say of one ahead")

        presenter.cancel(running)
        XCTAssertNil(find(running, in: presenter)?.timingLabel, "nor of one cancelled")
    }

    @MainActor
    func testMarksARecentSessionAttendedThenClearsIt() throws {
        let store = try makeStore(self)
        // Yesterday's session, so it is among the recent ones to mark.
        try addSession(store) {
            $0.title = "Walk group"
            $0.start = DayTime(epochMinute: $0.start.epochMinute - 24 * 60)
        }
        let presenter = SchedulePresenter(source: store, environment: testEnvironment())
        presenter.refresh()
        let entry = try XCTUnwrap(presenter.screen?.recent.first)

        presenter.mark(entry.occurrence, .attended)
        XCTAssertEqual(presenter.screen?.recent.first?.mark, .attended)

        presenter.clearMark(entry.occurrence)
        XCTAssertNil(presenter.screen?.recent.first?.mark)
    }

    @MainActor
    func testRemovesASessionFromTheFormOrTheList() throws {
        let store = try makeStore(self)
        try addSession(store) { $0.title = "One" }
        try addSession(store) { $0.title = "Two" }
        let presenter = SchedulePresenter(source: store, environment: testEnvironment())
        presenter.refresh()
        let sessions = try XCTUnwrap(presenter.screen?.sessions)
        XCTAssertEqual(sessions.count, 2)

        presenter.openForm(sessionId: sessions[0].id)
        XCTAssertTrue(presenter.removeFormSession())
        XCTAssertNil(presenter.form)
        presenter.remove(sessionId: sessions[1].id)

        XCTAssertEqual(presenter.screen?.sessions, [])
    }

    @MainActor
    func testAsksForNotificationsWhenTheCoreSays() throws {
        let store = try makeStore(self)
        let presenter = SchedulePresenter(source: store, environment: testEnvironment())
        let asked = Calls()
        presenter.onAskNotificationPermission = { asked.record() }
        presenter.openForm(sessionId: nil)
        let state = try XCTUnwrap(presenter.form)
        var edited = state.edited
        edited.title = "Walk group"
        // What the core answers the same save on a twin store, for the expected call.
        let twin = try makeStore(self)
        let expected = try twin.scheduleAct(
            action: .saveSessionForm(sessionId: nil, opened: state.form.values, edited: edited),
            now: monday, zone: zone, clockStyle: .twelveHour
        ).askNotificationPermission

        presenter.editForm { $0.title = "Walk group" }
        XCTAssertTrue(presenter.saveForm())

        XCTAssertEqual(asked.count, expected ? 1 : 0)
    }

    /// Moves `occurrence` through the move sheet, `minutes` after the start the core's form
    /// opens with; the new start, or nil when the core refused.
    @MainActor
    private func move(
        _ occurrence: OccurrenceViewRecord, minutesLater minutes: Int64, in presenter: SchedulePresenter
    ) -> DayTime? {
        presenter.openMove(occurrence)
        guard let opened = presenter.moving else { return nil }
        let later = DayTime(epochMinute: opened.start.epochMinute + minutes)
        presenter.editMove { $0.start = later }
        return presenter.saveMove() ? later : nil
    }
}
