import CompanionCore
import XCTest

@testable import CompanionPresenters

final class SafetyPlanPresenterTests: XCTestCase {
    @MainActor
    func testShowsTheCoresPlan() throws {
        let store = try makeStore(self)
        let presenter = SafetyPlanPresenter(source: store)

        presenter.refresh()

        XCTAssertEqual(presenter.screen, try store.safetyPlanScreen())
    }

    @MainActor
    func testAddsEditsMovesAndRemovesItems() throws {
        let store = try makeStore(self)
        let presenter = SafetyPlanPresenter(source: store)
        presenter.refresh()
        let first = try XCTUnwrap(presenter.screen?.sections.first)

        XCTAssertTrue(presenter.add(to: first.section, text: "Not sleeping", contactId: nil))
        XCTAssertTrue(presenter.add(to: first.section, text: "Skipping meals", contactId: nil))
        XCTAssertEqual(items(presenter, first.section).map(\.label), ["Not sleeping", "Skipping meals"])

        let second = try XCTUnwrap(items(presenter, first.section).last)
        XCTAssertTrue(second.canMoveUp)
        presenter.moveUp(itemId: second.id)
        XCTAssertEqual(items(presenter, first.section).map(\.label), ["Skipping meals", "Not sleeping"])
        presenter.moveDown(itemId: second.id)
        XCTAssertEqual(items(presenter, first.section).map(\.label), ["Not sleeping", "Skipping meals"])

        XCTAssertTrue(presenter.edit(itemId: second.id, text: "Skipping meals again", contactId: nil))
        XCTAssertEqual(items(presenter, first.section).last?.label, "Skipping meals again")

        // The menu's entries: the core's moves, in its order, each in its words.
        let moved = try XCTUnwrap(items(presenter, first.section).last)
        XCTAssertEqual(moved.moveChoices.map(\.section), moved.moveTargets)
        let choice = try XCTUnwrap(moved.moveChoices.last)
        XCTAssertFalse(choice.label.isEmpty)
        presenter.move(itemId: moved.id, to: choice.section)
        let target = choice.section
        XCTAssertEqual(items(presenter, target).map(\.id), [moved.id])
        XCTAssertFalse(items(presenter, first.section).contains { $0.id == moved.id }, "gone from where it was")

        presenter.remove(itemId: moved.id)
        XCTAssertEqual(items(presenter, target), [])
        XCTAssertEqual(presenter.screen, try store.safetyPlanScreen())
    }

    @MainActor
    func testEditsThePlanAsText() throws {
        let store = try makeStore(self)
        let presenter = SafetyPlanPresenter(source: store)
        presenter.refresh()
        let first = try XCTUnwrap(presenter.screen?.sections.first)

        presenter.openTextEditor()
        let text = try XCTUnwrap(presenter.text)
        XCTAssertEqual(text, try store.safetyPlanScreen().text, "the editor opens with the core's text")
        // One line under the first section's heading and its prompt.
        var lines = text.components(separatedBy: "\n")
        let heading = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("## \(first.number).") })
        lines.insert("- A walk outside", at: heading + 2)
        presenter.text = lines.joined(separator: "\n")

        let edited = try XCTUnwrap(presenter.text)
        // The same edit on a store like this one before it: the core's words for it.
        let twin = try makeStore(self).safetyPlanAct(action: .applyText(text: edited))
        XCTAssertEqual(twin.textChange?.added, 1)

        XCTAssertTrue(presenter.applyText())

        XCTAssertNil(presenter.text, "the editor closes")
        XCTAssertNotNil(presenter.textChangeSummary)
        XCTAssertEqual(presenter.textChangeSummary, twin.textChangeSummary, "what the edit did, in the core's words")
        XCTAssertEqual(items(presenter, first.section).map(\.label), ["A walk outside"])

        let added = try XCTUnwrap(items(presenter, first.section).first)
        presenter.remove(itemId: added.id)
        XCTAssertNil(presenter.textChangeSummary, "the summary goes once the plan changes again")
    }

    @MainActor
    func testARefusedTextKeepsTheEditorOpenWithTheCoresWords() throws {
        let store = try makeStore(self)
        let presenter = SafetyPlanPresenter(source: store)
        presenter.refresh()
        presenter.openTextEditor()
        let bad = (presenter.text ?? "") + "\n## 99. No such section\n- Nothing\n"
        presenter.text = bad

        XCTAssertFalse(presenter.applyText())

        XCTAssertEqual(presenter.text, bad)
        XCTAssertEqual(presenter.error, message { _ = try store.safetyPlanAct(action: .applyText(text: bad)) })
    }

    @MainActor
    private func items(_ presenter: SafetyPlanPresenter, _ section: SafetySection) -> [SafetyItemViewRecord] {
        presenter.screen?.sections.first { $0.section == section }?.items ?? []
    }
}
