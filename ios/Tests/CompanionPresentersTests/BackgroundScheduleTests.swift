import CompanionCore
import XCTest

@testable import CompanionPresenters

/// iOS is asked to wake the app on the core's schedules: the reminder refresh on iOS's window,
/// the sync on the background sync's period, and sooner after a failure.
final class BackgroundScheduleTests: XCTestCase {
    func testTheReminderRefreshWaitsTheCoresIOSInterval() throws {
        let minutes = try XCTUnwrap(reminderWindow(platform: .ios).refreshEveryMinutes, "iOS refreshes")

        XCTAssertEqual(BackgroundSchedule.reminderRefresh, TimeInterval(minutes) * 60)
    }

    func testASyncThatWentThroughWaitsTheCoresPeriod() {
        XCTAssertEqual(
            BackgroundSchedule.nextSync(afterSuccess: true), TimeInterval(backgroundSync().everyMinutes) * 60)
    }

    func testAFailedSyncIsRetriedAfterTheCoresFirstWait() {
        let schedule = backgroundSync()

        XCTAssertEqual(BackgroundSchedule.nextSync(afterSuccess: false), TimeInterval(schedule.retryAfterMinutes) * 60)
        XCTAssertLessThan(
            BackgroundSchedule.nextSync(afterSuccess: false), BackgroundSchedule.nextSync(afterSuccess: true),
            "sooner than the period")
    }
}
