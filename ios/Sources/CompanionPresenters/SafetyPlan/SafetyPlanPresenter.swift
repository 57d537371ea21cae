import Combine
import CompanionCore
import Foundation

/// The Stanley-Brown safety plan as the core lays it out: seven sections, their items with
/// what may be done to each (move up or down, to another section), linked contacts one tap from
/// a call, and the whole plan as text to edit at once.
@MainActor
public final class SafetyPlanPresenter: ObservableObject {
    @Published public private(set) var screen: SafetyPlanScreenRecord?
    @Published public private(set) var error: String?
    /// The plan as text while the participant edits it; nil when the editor is closed.
    @Published public var text: String?
    /// What the last text edit changed, in the core's words; nil before one, or when the core
    /// has nothing to say.
    @Published public private(set) var textChangeSummary: String?

    private let source: any SafetyPlanSource

    public init(source: any SafetyPlanSource) {
        self.source = source
    }

    public func refresh() {
        do {
            screen = try source.safetyPlanScreen()
            error = nil
        } catch {
            self.error = CoreErrors.message(error)
        }
    }

    /// Words, a contact, or both at the end of `section`; true when added.
    @discardableResult
    public func add(to section: SafetySection, text: String, contactId: String?) -> Bool {
        act(SafetyPlanAction.add(
            section: section, input: SafetyItemInput(text: text.isEmpty ? nil : text, contactId: contactId)))
    }

    /// New words for an item (the core keeps a linked contact; empty words leave the contact).
    @discardableResult
    public func edit(itemId: String, text: String, contactId: String?) -> Bool {
        act(SafetyPlanAction.edit(id: itemId, input: SafetyItemInput(text: text, contactId: contactId)))
    }

    public func moveUp(itemId: String) { act(.moveUp(id: itemId)) }
    public func moveDown(itemId: String) { act(.moveDown(id: itemId)) }

    /// To the end of another section (one of the item's `moveChoices`).
    public func move(itemId: String, to section: SafetySection) {
        act(.moveTo(id: itemId, section: section))
    }

    public func remove(itemId: String) { act(SafetyPlanAction.remove(id: itemId)) }

    // MARK: The plan as text

    public func openTextEditor() {
        text = screen?.text
        textChangeSummary = nil
    }

    /// Applies the edited text, all or nothing; the editor stays open on an error (which names
    /// the line).
    @discardableResult
    public func applyText() -> Bool {
        guard let text else { return false }
        do {
            let result = try source.safetyPlanAct(action: .applyText(text: text))
            screen = result.screen
            textChangeSummary = result.textChangeSummary
            self.text = nil
            error = nil
            return true
        } catch {
            self.error = CoreErrors.message(error)
            return false
        }
    }

    public func closeTextEditor() {
        text = nil
    }

    @discardableResult
    private func act(_ action: SafetyPlanAction) -> Bool {
        do {
            screen = try source.safetyPlanAct(action: action).screen
            // The summary told of the last text edit; the plan has changed since.
            textChangeSummary = nil
            error = nil
            return true
        } catch {
            self.error = CoreErrors.message(error)
            return false
        }
    }
}
