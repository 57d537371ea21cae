import CompanionCore
import XCTest

@testable import CompanionPresenters

/// The move sheet: the core's move form (its start on the session's clock, its lengths, its
/// note) and what Move sends.
final class MoveSheetTests: XCTestCase {
    private let zone = "America/New_York"

    @MainActor
    func testTheMoveSheetIsTheCoresFormAndSavesThePickedStartAndLength() throws {
        let store = try makeStore(self)
        try addSession(store) { $0.title = "Walk group" }
        let presenter = SchedulePresenter(source: store, environment: testEnvironment())
        presenter.refresh()
        let occurrence = try XCTUnwrap(presenter.screen?.days.first?.occurrences.first)

        presenter.openMove(occurrence)

        let opened = try store.moveForm(
            sessionId: occurrence.sessionId, seriesDate: occurrence.seriesDate, now: monday, zone: zone)
        let state = try XCTUnwrap(presenter.moving)
        XCTAssertEqual(state.form, opened, "title, start, lengths, zone and note are the core's")
        XCTAssertEqual(state.start, opened.start)
        XCTAssertEqual(state.durationMinutes, opened.durationMinutes)
        XCTAssertTrue(
            opened.durationChoices.contains { $0.minutes == state.durationMinutes }, "the length picker opens on an entry")
        XCTAssertNil(opened.clockNote, "the session keeps the phone's clock")

        let later = DayTime(epochMinute: opened.start.epochMinute + 90)
        let longest = try XCTUnwrap(opened.durationChoices.last)
        XCTAssertNotEqual(longest.minutes, opened.durationMinutes)
        presenter.editMove {
            $0.start = later
            $0.durationMinutes = longest.minutes
        }
        XCTAssertTrue(presenter.saveMove())

        XCTAssertNil(presenter.moving, "the sheet closes")
        let moved = try XCTUnwrap(find(occurrence, in: presenter))
        XCTAssertEqual(moved.status, .moved)
        XCTAssertEqual(moved.localStart, later)
        let reopened = try store.moveForm(
            sessionId: occurrence.sessionId, seriesDate: occurrence.seriesDate, now: monday, zone: zone)
        XCTAssertEqual(reopened.start, later)
        XCTAssertEqual(reopened.durationMinutes, longest.minutes, "the picked length was saved")
        XCTAssertEqual(reopened.durationChoices, opened.durationChoices, "on the list: the same entries")
        XCTAssertEqual(presenter.screen, try store.scheduleScreen(now: monday, zone: zone, clockStyle: .twelveHour))
    }

    @MainActor
    func testAnOccurrenceOfALengthOffTheCoresListMovesWithItsOwnLength() throws {
        let store = try makeStore(self)
        let listed = try store.sessionForm(sessionId: nil, now: monday, zone: zone).choices.durationChoices
        // A length no entry has (as the terminal may set): a minute past a listed one.
        let off = try XCTUnwrap(listed.map { $0.minutes + 1 }.first { minutes in
            !listed.contains { $0.minutes == minutes }
        })
        try addSession(store) { $0.title = "Odd length"; $0.durationMinutes = off }
        let presenter = SchedulePresenter(source: store, environment: testEnvironment())
        presenter.refresh()
        let occurrence = try XCTUnwrap(presenter.screen?.days.first?.occurrences.first)

        presenter.openMove(occurrence)

        let state = try XCTUnwrap(presenter.moving)
        XCTAssertEqual(state.durationMinutes, off)
        let entry = try XCTUnwrap(state.form.durationChoices.first { $0.minutes == off }, "the picker finds it")
        XCTAssertFalse(entry.label.isEmpty)
        let minutes = state.form.durationChoices.map(\.minutes)
        XCTAssertEqual(minutes, minutes.sorted(), "in its place")

        let later = DayTime(epochMinute: state.start.epochMinute + 60)
        presenter.editMove { $0.start = later }
        XCTAssertTrue(presenter.saveMove())
        let reopened = try store.moveForm(
            sessionId: occurrence.sessionId, seriesDate: occurrence.seriesDate, now: monday, zone: zone)
        XCTAssertEqual(reopened.start, later)
        XCTAssertEqual(reopened.durationMinutes, off, "the length untouched is the occurrence's own")
    }

    @MainActor
    func testASessionOnAnotherClockIsMovedOnItsOwnClock() throws {
        let store = try makeStore(self)
        try addSession(store) {
            $0.title = "Family group"
            $0.zone = "America/Chicago"
        }
        let presenter = SchedulePresenter(source: store, environment: testEnvironment())
        presenter.refresh()
        let occurrence = try XCTUnwrap(presenter.screen?.days.first?.occurrences.first)
        let sessionClock = try XCTUnwrap(occurrence.sessionClock, "Chicago reads differently from New York")

        presenter.openMove(occurrence)

        let state = try XCTUnwrap(presenter.moving)
        XCTAssertEqual(state.form.zone, "America/Chicago")
        XCTAssertEqual(state.start, sessionClock.start, "the pickers open on the session's clock")
        XCTAssertNotNil(state.form.clockNote)
        XCTAssertEqual(
            state.form.clockNote,
            try store.moveForm(
                sessionId: occurrence.sessionId, seriesDate: occurrence.seriesDate, now: monday, zone: zone
            ).clockNote)

        // An hour later on Chicago's clock is an hour later on New York's too.
        presenter.editMove { $0.start = DayTime(epochMinute: sessionClock.start.epochMinute + 60) }
        XCTAssertTrue(presenter.saveMove())
        let moved = try XCTUnwrap(find(occurrence, in: presenter))
        XCTAssertEqual(moved.sessionClock?.start, DayTime(epochMinute: sessionClock.start.epochMinute + 60))
        XCTAssertEqual(moved.localStart, DayTime(epochMinute: occurrence.localStart.epochMinute + 60))
    }

    @MainActor
    func testACancelledOccurrenceOpensNoMoveSheet() throws {
        let store = try makeStore(self)
        try addSession(store) { $0.title = "Walk group" }
        let presenter = SchedulePresenter(source: store, environment: testEnvironment())
        presenter.refresh()
        let occurrence = try XCTUnwrap(presenter.screen?.days.first?.occurrences.first)
        presenter.cancel(occurrence)

        presenter.openMove(occurrence)

        XCTAssertNil(presenter.moving)
        XCTAssertNotNil(presenter.error)
        XCTAssertEqual(
            presenter.error,
            message {
                _ = try store.moveForm(
                    sessionId: occurrence.sessionId, seriesDate: occurrence.seriesDate, now: monday, zone: zone)
            })
    }

    @MainActor
    func testARefusedMoveStaysOnTheSheetWithTheCoresWords() throws {
        let store = try makeStore(self)
        try addSession(store) { $0.title = "Walk group" }
        let presenter = SchedulePresenter(source: store, environment: testEnvironment())
        presenter.refresh()
        let occurrence = try XCTUnwrap(presenter.screen?.days.first?.occurrences.first)
        presenter.openMove(occurrence)
        let state = try XCTUnwrap(presenter.moving)

        // iOS's graphical picker has no last year; the core takes starts up to 2100 only.
        let tooLate = DayTime(day: try XCTUnwrap(CalendarDay(year: 2101, month: 1, day: 6)), time: state.start.time)
        presenter.editMove { $0.start = tooLate }
        XCTAssertFalse(presenter.saveMove())

        XCTAssertNotNil(presenter.moving, "the sheet stays open")
        XCTAssertEqual(
            presenter.moving?.error,
            message {
                _ = try store.scheduleAct(
                    action: .moveOccurrence(
                        sessionId: state.form.sessionId, seriesDate: state.form.seriesDate, to: tooLate,
                        durationMinutes: state.durationMinutes),
                    now: monday, zone: zone, clockStyle: .twelveHour)
            })
        XCTAssertNotNil(presenter.moving?.error)
        XCTAssertEqual(find(occurrence, in: presenter)?.status, .scheduled, "nothing moved")
        presenter.closeMove()
        XCTAssertNil(presenter.moving)
    }
}
