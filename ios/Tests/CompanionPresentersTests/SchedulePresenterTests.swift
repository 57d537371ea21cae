import CompanionCore
import XCTest

@testable import CompanionPresenters

final class SchedulePresenterTests: XCTestCase {
    private func session(_ id: String, program: String?) -> SessionRecord {
        SessionRecord(
            id: id, title: id, kind: "other", location: nil, videoLink: nil, notes: nil,
            start: "2026-11-02T09:00", timeZone: "America/Chicago", durationMinutes: 60,
            recurrence: nil, reminderLeads: nil, changes: [], programId: program)
    }

    func testDaysAreGroupedAndProgramSessionsAreReadOnly() {
        let store = FakeStore()
        store.upcoming = [
            occurrence(id: "group", start: monday.addingTimeInterval(3600)),
            occurrence(id: "mine", start: monday.addingTimeInterval(7200), zone: "America/New_York"),
            occurrence(id: "group", date: "2026-11-25", start: monday.addingTimeInterval(2 * 86_400)),
        ]
        store.sessionRecords = [session("group", program: "p1"), session("mine", program: nil)]
        let presenter = SchedulePresenter(source: store, environment: testEnvironment())

        presenter.refresh()

        XCTAssertEqual(presenter.state.days.count, 2)
        XCTAssertEqual(presenter.state.days.first?.rows.map(\.sessionId), ["group", "mine"])
        XCTAssertEqual(presenter.state.editable, ["mine"])
        XCTAssertEqual(presenter.state.sessions.first { $0.id == "group" }?.fromProgram, true)
    }

    func testAttendanceMarksAndActions() {
        let store = FakeStore()
        let past = occurrence(date: "2026-11-20", start: monday.addingTimeInterval(-3 * 86_400))
        store.attendanceRecords = [AttendanceRecord(occurrence: past, attendance: "attended")]
        let presenter = SchedulePresenter(source: store, environment: testEnvironment())
        presenter.refresh()

        XCTAssertEqual(presenter.state.past.first?.mark, .attended)
        if let row = presenter.state.past.first?.session {
            presenter.markMissed(row)
        }
        XCTAssertEqual(store.marked, ["missed s1 2026-11-20"])
    }

    func testAddingAWeeklySessionInThePhonesZone() {
        let store = FakeStore()
        let presenter = SchedulePresenter(source: store, environment: testEnvironment())
        var draft = SessionDraft(start: monday)
        draft.title = "Yoga"
        draft.durationMinutes = 45
        draft.weekdays = ["WE", "MO"]

        XCTAssertTrue(presenter.add(draft))

        let input = store.added.first
        XCTAssertEqual(input?.title, "Yoga")
        XCTAssertEqual(input?.start, "2026-11-23T09:00")
        XCTAssertEqual(input?.timeZone, "America/New_York")
        XCTAssertEqual(input?.durationMinutes, 45)
        XCTAssertEqual(input?.recurrence?.weekdays, ["MO", "WE"])
        XCTAssertNil(input?.location)
    }

    func testARefusedChangeShowsTheCoresMessage() {
        let store = FakeStore()
        store.sessionRecords = [session("group", program: "p1")]
        let presenter = SchedulePresenter(source: store, environment: testEnvironment())
        presenter.refresh()
        store.error = CompanionError.ReadOnly(message: "the program's sessions are read-only")

        presenter.cancel(SessionRow(occurrence(id: "group", start: monday), formats: testEnvironment().formats))

        XCTAssertEqual(presenter.state.error, "the program's sessions are read-only")
    }
}
