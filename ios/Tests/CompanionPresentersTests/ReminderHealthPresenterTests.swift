import CompanionCore
import XCTest

@testable import CompanionPresenters

final class ReminderHealthPresenterTests: XCTestCase {
    private func status(
        _ authorization: ReminderPlatformStatus.Authorization = .authorized,
        timeSensitive: ReminderPlatformStatus.Setting = .enabled,
        summary: ReminderPlatformStatus.Setting = .disabled,
        refresh: ReminderPlatformStatus.BackgroundRefresh = .available,
        lowPower: Bool = false, pending: [String] = ["r1"]
    ) -> ReminderPlatformStatus {
        ReminderPlatformStatus(
            authorization: authorization, alerts: .enabled, timeSensitive: timeSensitive,
            scheduledSummary: summary, backgroundRefresh: refresh, lowPowerMode: lowPower,
            pendingIdentifiers: pending, nextScheduled: monday.addingTimeInterval(3600),
            lastPlanRefresh: monday)
    }

    private func presenter() -> (ReminderHealthPresenter, FakeStore) {
        let store = FakeStore()
        store.planned = [reminder(id: "r1", at: monday.addingTimeInterval(3600))]
        return (ReminderHealthPresenter(source: store, environment: testEnvironment()), store)
    }

    func testAllWell() {
        let (health, _) = presenter()
        health.update(status())

        XCTAssertEqual(health.state.problems, [])
        XCTAssertNil(health.state.notice)
        XCTAssertEqual(health.state.planned, 1)
        XCTAssertEqual(health.state.pending, 1)
        XCTAssertNotEqual(health.state.nextReminder, "None scheduled")
    }

    func testPermissionNeverAskedIsTheMomentToAsk() {
        let (health, _) = presenter()
        health.update(status(.notDetermined))

        XCTAssertEqual(health.state.problems.first?.fix, .requestPermission)
        XCTAssertEqual(health.state.notice, .askPermission)
    }

    func testEachProblemHasItsFix() {
        let (health, _) = presenter()
        health.update(status(timeSensitive: .disabled, summary: .enabled, refresh: .denied, pending: []))

        let fixes = Dictionary(uniqueKeysWithValues: health.state.problems.map { ($0.kind, $0.fix) })
        XCTAssertEqual(fixes[.timeSensitive], .openNotificationSettings)
        XCTAssertEqual(fixes[.scheduledSummary], .openNotificationSettings)
        XCTAssertEqual(fixes[.backgroundRefresh], .openAppSettings)
        XCTAssertEqual(fixes[.plan], .refreshReminders)
        XCTAssertEqual(health.state.notice, .needsAttention(problems: 4))
    }

    func testDeniedOpensSettingsAndLowPowerHasNoFix() {
        let (health, _) = presenter()
        health.update(status(.denied, lowPower: true))

        let fixes = Dictionary(uniqueKeysWithValues: health.state.problems.map { ($0.kind, $0.fix) })
        XCTAssertEqual(fixes[.permission], .openNotificationSettings)
        XCTAssertEqual(fixes[.lowPower], .some(nil))
    }

    func testAStaleReminderMakesThePlanOutOfDate() {
        let (health, _) = presenter()
        health.update(status(pending: ["r1", "old"]))
        XCTAssertEqual(health.state.problems.map(\.kind), [.plan])
    }
}
