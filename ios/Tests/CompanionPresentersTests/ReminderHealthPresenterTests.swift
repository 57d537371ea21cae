import CompanionCore
import XCTest

@testable import CompanionPresenters

final class ReminderHealthPresenterTests: XCTestCase {
    @MainActor
    private func presenter(
        _ store: CompanionStore, _ notifications: FakeNotifications
    ) -> ReminderHealthPresenter {
        let environment = testEnvironment()
        return ReminderHealthPresenter(
            source: store, platform: notifications,
            applier: ReminderApplier(source: store, platform: notifications, environment: environment),
            environment: environment)
    }

    @MainActor
    func testShowsTheCoresJudgementOfWhatIOSSays() async throws {
        let store = try makeStore(self)
        try addSession(store) { $0.title = "Walk group" }
        let notifications = FakeNotifications(authorization: .denied)
        let health = presenter(store, notifications)

        await health.refresh()

        let facts = await notifications.facts()
        XCTAssertEqual(
            health.health,
            try store.reminderHealth(
                now: monday, zone: "America/New_York", clockStyle: .twelveHour, facts: .ios(facts: facts), held: []))
    }

    @MainActor
    func testRefreshingThePlanHandsIOSTheReminders() async throws {
        let store = try makeStore(self)
        try addSession(store) { $0.title = "Walk group" }
        let notifications = FakeNotifications()
        let health = presenter(store, notifications)
        let planned = try store.reminderChanges(
            ctx: ReminderContext(
                now: monday, zone: "America/New_York", platform: .ios, clockStyle: .twelveHour,
                exactAlarmsAllowed: true, osCleared: false),
            held: [])

        let page = await health.perform(.refreshPlan)

        XCTAssertNil(page)
        let pending = await notifications.pending
        XCTAssertEqual(Set(pending.keys), Set(planned.schedule.map(\.reminder.id)))
        let held = await notifications.held()
        let facts = await notifications.facts()
        XCTAssertEqual(
            health.health,
            try store.reminderHealth(
                now: monday, zone: "America/New_York", clockStyle: .twelveHour, facts: .ios(facts: facts), held: held))
        XCTAssertNil(health.fixing)
    }

    @MainActor
    func testAskingForPermissionIsTheSystemPrompt() async throws {
        let store = try makeStore(self)
        let notifications = FakeNotifications(authorization: .notDetermined)
        let health = presenter(store, notifications)

        _ = await health.perform(.requestNotificationPermission)

        let asked = await notifications.authorizationRequests
        XCTAssertEqual(asked, 1)
    }

    @MainActor
    func testSettingsFixesNameThePageToOpen() async throws {
        let health = presenter(try makeStore(self), FakeNotifications())

        let notificationsPage = await health.perform(.openNotificationSettings)
        let appPage = await health.perform(.openAppSettings)

        XCTAssertEqual(notificationsPage, .notifications)
        XCTAssertEqual(appPage, .app)
    }
}
