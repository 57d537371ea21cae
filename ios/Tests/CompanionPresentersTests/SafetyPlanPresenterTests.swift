import CompanionCore
import XCTest

@testable import CompanionPresenters

final class SafetyPlanPresenterTests: XCTestCase {
    private func store() -> FakeStore {
        let store = FakeStore()
        let items = [
            SafetyItemRecord(
                id: "a", section: .peopleToAsk, text: "Call after 9pm", contactId: "c1",
                contactName: "Sam", contactPhone: "+12015550102", label: "Call after 9pm", order: 0),
            SafetyItemRecord(
                id: "b", section: .peopleToAsk, text: nil, contactId: "gone", contactName: nil,
                contactPhone: nil, label: "(removed contact)", order: 1),
        ]
        store.plan = SafetyPlanRecord(sections: [
            SafetyPlanSectionRecord(
                section: .warningSigns, number: 1, title: "Warning signs", prompt: "What tells you?",
                allowsContacts: false, items: []),
            SafetyPlanSectionRecord(
                section: .peopleToAsk, number: 4, title: "People to ask for help", prompt: "Who?",
                allowsContacts: true, items: items),
        ])
        store.actions["c1"] = [action(.call, "tel:+12015550102")]
        return store
    }

    func testSectionsItemsAndLinkedContactActions() {
        let presenter = SafetyPlanPresenter(source: store())
        presenter.refresh()

        let people = presenter.state.sections[1]
        XCTAssertEqual(people.number, 4)
        XCTAssertTrue(people.allowsContacts)
        XCTAssertEqual(people.items.map(\.label), ["Call after 9pm", "(removed contact)"])
        XCTAssertEqual(people.items[0].contactName, "Sam")
        XCTAssertEqual(people.items[0].actions.map(\.url.absoluteString), ["tel:+12015550102"])
        XCTAssertEqual(people.items[1].actions, [])
        XCTAssertEqual(people.items.map(\.canMoveUp), [false, true])
        XCTAssertEqual(people.items.map(\.canMoveDown), [true, false])
        XCTAssertEqual(presenter.state.sections[0].items, [])
    }

    func testAddTrimsWordsAndMoveSendsTheNewIndex() {
        let fake = store()
        let presenter = SafetyPlanPresenter(source: fake)
        presenter.refresh()

        XCTAssertTrue(presenter.add(to: .warningSigns, text: "  Not sleeping \n"))
        XCTAssertEqual(presenter.state.sections[0].items.map(\.label), ["Not sleeping"])

        presenter.moveUp(itemId: "b")
        XCTAssertEqual(fake.moved.first?.0, "b")
        XCTAssertEqual(fake.moved.first?.1, 0)
        // The fake refuses the move: the core's message is shown.
        XCTAssertEqual(presenter.state.error, "not in this fake")
    }

    func testMovingPastTheEdgeDoesNothing() {
        let fake = store()
        let presenter = SafetyPlanPresenter(source: fake)
        presenter.refresh()
        presenter.moveUp(itemId: "a")
        presenter.moveDown(itemId: "b")
        XCTAssertTrue(fake.moved.isEmpty)
    }
}
