import CompanionCore
import XCTest

@testable import CompanionPresenters

final class TodayPresenterTests: XCTestCase {
    func testSessionShowsLocalTimeAndTheProgramsClockWhenTheZoneDiffers() {
        let store = FakeStore()
        // 09:00 Chicago is 10:00 in New York.
        let start = Date(timeIntervalSince1970: 1_795_446_000)
        store.todayRecord.sessions = [occurrence(start: start)]
        let presenter = TodayPresenter(source: store, environment: testEnvironment())

        presenter.refresh()

        let row = presenter.state.sessions.first
        XCTAssertEqual(row?.title, "Process group")
        XCTAssertEqual(row?.time.hasPrefix("10:00"), true)
        XCTAssertEqual(row?.sessionZoneTime?.hasPrefix("9:00"), true)
        XCTAssertEqual(presenter.state.title, "Monday, November 23")
        XCTAssertTrue(presenter.state.loaded)
    }

    func testSameOffsetShowsNoSecondClock() {
        let store = FakeStore()
        store.todayRecord.sessions = [
            occurrence(start: monday.addingTimeInterval(3600), zone: "America/Toronto")
        ]
        let presenter = TodayPresenter(source: store, environment: testEnvironment())

        presenter.refresh()

        XCTAssertNil(presenter.state.sessions.first?.sessionZoneTime)
    }

    func testCheckInStatusAndUpcomingSkipsTodaysSessions() {
        let store = FakeStore()
        let todays = occurrence(start: monday.addingTimeInterval(3600))
        store.todayRecord.sessions = [todays]
        store.todayRecord.checkin = checkin(mood: 7)
        store.upcoming = [
            todays,
            occurrence(date: "2026-11-25", start: monday.addingTimeInterval(2 * 86_400), status: "cancelled"),
            occurrence(date: "2026-11-26", start: monday.addingTimeInterval(3 * 86_400)),
            occurrence(date: "2026-11-30", start: monday.addingTimeInterval(7 * 86_400 + 60)),
        ]
        let presenter = TodayPresenter(source: store, environment: testEnvironment())

        presenter.refresh()

        XCTAssertEqual(presenter.state.checkIn, .done(mood: 7))
        XCTAssertEqual(presenter.state.upcoming.map(\.seriesDate), ["2026-11-25", "2026-11-26"])
        XCTAssertEqual(presenter.state.upcoming.first?.status, .cancelled)
    }

    func testCoreErrorIsShownAndStateIsPublished() {
        let store = FakeStore()
        store.error = CompanionError.UnknownTimeZone(message: "unknown time zone")
        let presenter = TodayPresenter(source: store, environment: testEnvironment())
        let recorder = Recorder(presenter)

        presenter.refresh()

        XCTAssertEqual(presenter.state.error, "unknown time zone")
        XCTAssertEqual(recorder.states.count, 1)
    }

    func testReminderNoticeIsSetByTheApp() {
        let presenter = TodayPresenter(source: FakeStore(), environment: testEnvironment())
        presenter.setReminderNotice(.askPermission)
        XCTAssertEqual(presenter.state.reminderNotice, .askPermission)
    }
}
