import CompanionCore
import XCTest

@testable import CompanionPresenters

/// The background sync's failures in a row, counted in defaults of the test's own (real
/// UserDefaults, removed after the test), and the waits the core gives for them.
final class SyncBackoffTests: XCTestCase {
    private func freshDefaults() throws -> UserDefaults {
        let suite = "org.iopcompanion.tests." + UUID().uuidString
        let defaults = try XCTUnwrap(UserDefaults(suiteName: suite))
        addTeardownBlock { UserDefaults().removePersistentDomain(forName: suite) }
        return defaults
    }

    @MainActor
    func testFailedBackgroundSyncsInARowWaitLongerUntilOneGoesThrough() throws {
        let backoff = SyncBackoff(defaults: try freshDefaults())
        XCTAssertEqual(backoff.failures, 0)
        XCTAssertEqual(backoff.current, BackgroundSchedule.nextSync(failures: 0), "the period")

        let waits = (1...3).map { _ in backoff.failed(inBackground: true) }

        XCTAssertEqual(waits, [1, 2, 3].map { BackgroundSchedule.nextSync(failures: $0) })
        XCTAssertEqual(waits, waits.sorted())
        XCTAssertLessThan(waits[0], waits[2])
        XCTAssertEqual(backoff.failures, 3)
        XCTAssertEqual(backoff.succeeded(), BackgroundSchedule.nextSync(failures: 0), "the period again")
        XCTAssertEqual(backoff.failures, 0)
        XCTAssertEqual(backoff.failed(inBackground: true), BackgroundSchedule.nextSync(failures: 1), "from the start")
    }

    @MainActor
    func testTheCountOutlivesTheApp() throws {
        let defaults = try freshDefaults()
        let before = SyncBackoff(defaults: defaults)
        _ = before.failed(inBackground: true)
        _ = before.failed(inBackground: true)

        let relaunched = SyncBackoff(defaults: defaults)

        XCTAssertEqual(relaunched.failures, 2)
        XCTAssertEqual(relaunched.current, BackgroundSchedule.nextSync(failures: 2))
    }

    @MainActor
    func testAForegroundFailureKeepsTheCountAndWaitsAtLeastTheFirstRetry() throws {
        let backoff = SyncBackoff(defaults: try freshDefaults())

        XCTAssertEqual(backoff.failed(inBackground: false), BackgroundSchedule.nextSync(failures: 1))
        XCTAssertEqual(backoff.failures, 0, "the core's back-off counts background syncs")
        _ = backoff.failed(inBackground: true)
        _ = backoff.failed(inBackground: true)
        XCTAssertEqual(backoff.failed(inBackground: false), BackgroundSchedule.nextSync(failures: 2))
        XCTAssertEqual(backoff.failures, 2)
    }

    @MainActor
    func testARunAsksFirstForTheWaitAfterOneMoreFailureWithoutCountingIt() throws {
        let backoff = SyncBackoff(defaults: try freshDefaults())
        XCTAssertEqual(backoff.ifThisRunFails, BackgroundSchedule.nextSync(failures: 1))
        _ = backoff.failed(inBackground: true)

        XCTAssertEqual(backoff.ifThisRunFails, BackgroundSchedule.nextSync(failures: 2))
        XCTAssertEqual(backoff.failures, 1, "nothing counted until it fails")
    }

    @MainActor
    func testNothingToSyncStartsTheCountOver() throws {
        let defaults = try freshDefaults()
        let backoff = SyncBackoff(defaults: defaults)
        _ = backoff.failed(inBackground: true)

        backoff.reset()

        XCTAssertEqual(backoff.failures, 0)
        XCTAssertEqual(SyncBackoff(defaults: defaults).failures, 0)
    }
}
