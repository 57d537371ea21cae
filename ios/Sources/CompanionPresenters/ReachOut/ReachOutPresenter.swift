import Combine
import CompanionCore
import Foundation

/// The contact form while it is open: the core's form and the values as the participant has
/// them now.
public struct ContactFormState: Equatable, Identifiable, Sendable {
    public let form: ContactFormRecord
    public var edited: ContactValuesRecord
    public var error: String?

    public var id: String { form.contactId ?? "" }
    public var isNew: Bool { form.contactId == nil }
}

/// Reach out: crisis lines first, then favourites, then everyone else, each with the core's
/// `tel:`, `sms:` and `mailto:` actions; the participant's own contacts added, edited, starred
/// and removed through the core.
@MainActor
public final class ReachOutPresenter: ObservableObject {
    @Published public private(set) var screen: ReachOutScreenRecord?
    @Published public private(set) var error: String?
    /// The words texts start with, when the participant wants them (the core's suggestion
    /// until they change it); nil: texts start empty.
    @Published public private(set) var message: String?
    @Published public var form: ContactFormState?

    private let source: any ReachOutSource

    public init(source: any ReachOutSource) {
        self.source = source
    }

    public func refresh() {
        run { try source.reachOutScreen(message: message) }
    }

    /// Texts start with the core's suggested words, or with nothing.
    public func setPrefill(_ on: Bool) {
        message = on ? screen?.suggestedMessage : nil
        refresh()
    }

    /// The participant's own words for texts (the core cleans and limits them).
    public func setMessage(_ text: String) {
        message = text
        refresh()
    }

    public func setFavourite(_ contactId: String, _ favourite: Bool) {
        run { try source.reachOutAct(action: .setFavourite(id: contactId, favourite: favourite), message: message) }
    }

    public func remove(contactId: String) {
        run { try source.reachOutAct(action: .removeContact(id: contactId), message: message) }
    }

    // MARK: The contact form

    /// Opens the form for a new contact (`nil`) or one of the participant's own.
    public func openForm(contactId: String?) {
        do {
            let opened = try source.contactForm(contactId: contactId)
            form = ContactFormState(form: opened, edited: opened.values, error: nil)
            error = nil
        } catch {
            self.error = CoreErrors.message(error)
        }
    }

    public func editForm(_ change: (inout ContactValuesRecord) -> Void) {
        guard var state = form else { return }
        change(&state.edited)
        state.error = nil
        form = state
    }

    /// Saves the form: the core writes only the fields the participant changed.
    @discardableResult
    public func saveForm() -> Bool {
        guard let state = form else { return false }
        return formAct(
            .saveContactForm(contactId: state.form.contactId, opened: state.form.values, edited: state.edited))
    }

    @discardableResult
    public func removeFormContact() -> Bool {
        guard let state = form, let id = state.form.contactId, state.form.canRemove else { return false }
        return formAct(.removeContact(id: id))
    }

    public func closeForm() {
        form = nil
    }

    // MARK: Helpers

    private func run(_ call: () throws -> ReachOutScreenRecord) {
        do {
            screen = try call()
            error = nil
        } catch {
            self.error = CoreErrors.message(error)
        }
    }

    private func formAct(_ action: ReachOutAction) -> Bool {
        do {
            screen = try source.reachOutAct(action: action, message: message)
            form = nil
            return true
        } catch {
            form?.error = CoreErrors.message(error)
            return false
        }
    }
}
