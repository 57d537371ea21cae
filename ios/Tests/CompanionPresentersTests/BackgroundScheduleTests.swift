import CompanionCore
import XCTest

@testable import CompanionPresenters

/// iOS is asked to wake the app on the core's schedules: the reminder refresh on iOS's window,
/// the sync on the background sync's period, and after failures in a row on the core's
/// back-off for iOS.
final class BackgroundScheduleTests: XCTestCase {
    func testTheReminderRefreshWaitsTheCoresIOSInterval() throws {
        let minutes = try XCTUnwrap(reminderWindow(platform: .ios).refreshEveryMinutes, "iOS refreshes")

        XCTAssertEqual(BackgroundSchedule.reminderRefresh, TimeInterval(minutes) * 60)
    }

    func testASyncThatWentThroughWaitsTheCoresPeriod() {
        XCTAssertEqual(BackgroundSchedule.nextSync(failures: 0), TimeInterval(backgroundSync().everyMinutes) * 60)
    }

    func testEachFailureInARowWaitsTheCoresBackOffForIOS() {
        let schedule = backgroundSync()
        XCTAssertEqual(
            BackgroundSchedule.nextSync(failures: 1), TimeInterval(schedule.retryAfterMinutes) * 60, "the first retry")
        for failures: UInt32 in 1...12 {
            XCTAssertEqual(
                BackgroundSchedule.nextSync(failures: failures),
                TimeInterval(backgroundSyncRetryMinutes(failures: failures)) * 60)
        }
        XCTAssertGreaterThan(BackgroundSchedule.nextSync(failures: 2), BackgroundSchedule.nextSync(failures: 1), "it grows")
        XCTAssertLessThanOrEqual(
            BackgroundSchedule.nextSync(failures: 12), BackgroundSchedule.nextSync(failures: 0), "never past the period")
    }
}
