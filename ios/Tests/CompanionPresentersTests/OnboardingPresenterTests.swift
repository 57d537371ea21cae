import CompanionCore
import XCTest

@testable import CompanionPresenters

final class OnboardingPresenterTests: XCTestCase {
    @MainActor
    func testShowsTheCoresPagesOneAtATime() throws {
        let store = try makeStore(self)
        let presenter = OnboardingPresenter(source: store)

        presenter.load()

        let screen = try store.onboardingScreen()
        XCTAssertEqual(presenter.screen, screen)
        XCTAssertEqual(presenter.needed, screen.needed)
        XCTAssertEqual(presenter.page, 0)
        for _ in screen.pages.dropFirst() { presenter.next() }
        XCTAssertTrue(presenter.isLastPage)
        presenter.next()
        XCTAssertEqual(presenter.page, screen.pages.count - 1, "no page past the core's last")
        presenter.back()
        XCTAssertEqual(presenter.page, max(screen.pages.count - 2, 0))
    }

    @MainActor
    func testFinishingAloneSendsTheDiscreetChoice() throws {
        let store = try makeStore(self)
        let presenter = OnboardingPresenter(source: store)
        presenter.load()
        let screen = try XCTUnwrap(presenter.screen)
        let chosen = !screen.discreetNotifications

        presenter.setDiscreet(chosen)
        presenter.finish(OnboardingChoice.alone)

        XCTAssertEqual(presenter.finished, OnboardingChoice.alone)
        XCTAssertEqual(presenter.screen, try store.onboardingScreen())
        XCTAssertEqual(try store.settingsScreen(clockStyle: .twelveHour).discreetNotifications, chosen)
    }

    @MainActor
    func testTheCoresDefaultIsSentWhenTheSwitchIsLeftAlone() throws {
        let store = try makeStore(self)
        let presenter = OnboardingPresenter(source: store)
        presenter.load()
        let screen = try XCTUnwrap(presenter.screen)

        presenter.finish(OnboardingChoice.join)

        XCTAssertEqual(presenter.finished, OnboardingChoice.join, "Join goes on to enrolment")
        XCTAssertEqual(
            try store.settingsScreen(clockStyle: .twelveHour).discreetNotifications, screen.discreetNotifications)
        presenter.dismissJoin()
        XCTAssertNil(presenter.finished)
    }
}
