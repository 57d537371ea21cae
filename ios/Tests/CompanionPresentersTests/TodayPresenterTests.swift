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
