import CompanionCore
import XCTest

@testable import CompanionPresenters

final class ReachOutPresenterTests: XCTestCase {
    private func store() -> FakeStore {
        let store = FakeStore()
        store.reachOutRecord = ReachOutRecord(
            crisisLines: [
                CrisisLineRecord(
                    id: "crisis:us-988", name: "988 Suicide & Crisis Lifeline", about: "Any time.",
                    source: .builtIn, programId: nil, emergency: false,
                    actions: [action(.call, "tel:988"), action(.text, "sms:988")])
            ],
            favourites: [
                ReachOutContactRecord(
                    id: "c1", name: "Sam", role: .sponsor, favourite: true, programId: nil,
                    actions: [action(.call, "tel:+12015550102"), action(.email, "")])
            ],
            others: [])
        return store
    }

    func testCrisisLinesFirstThenFavouritesWithURLsToOpen() {
        let presenter = ReachOutPresenter(source: store(), suggestedMessage: "Can we talk?")
        presenter.refresh()

        XCTAssertEqual(presenter.state.crisisLines.map(\.name), ["988 Suicide & Crisis Lifeline"])
        XCTAssertEqual(
            presenter.state.crisisLines.first?.actions.map(\.url.absoluteString), ["tel:988", "sms:988"])
        XCTAssertEqual(presenter.state.favourites.first?.detail, "Sponsor")
        // A URI Foundation cannot read is left out, never force-unwrapped.
        XCTAssertEqual(presenter.state.favourites.first?.actions.map(\.kind), [.call])
    }

    func testPrefilledMessageIsTheCoresSuggestion() {
        let fake = store()
        let presenter = ReachOutPresenter(source: fake, suggestedMessage: "Can we talk?")
        presenter.refresh()
        presenter.setPrefillMessage(true)

        XCTAssertEqual(fake.reachOutMessages, [nil, "Can we talk?"])
        XCTAssertTrue(presenter.state.prefillMessage)
    }
}
