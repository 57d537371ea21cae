import CompanionCore
import Foundation

/// A person or line to reach, with the actions the core made for it.
public struct ReachOutEntry: Equatable, Identifiable {
    public var id: String
    public var name: String
    /// What the line is for, or the contact's role.
    public var detail: String?
    /// Emergency services: shown first and marked, for immediate danger.
    public var emergency: Bool
    public var actions: [ContactAction]

    public init(_ line: CrisisLineRecord) {
        id = line.id
        name = line.name
        detail = line.about
        emergency = line.emergency
        actions = ContactAction.list(line.actions)
    }

    public init(_ contact: ReachOutContactRecord) {
        id = contact.id
        name = contact.name
        detail = RoleNames.name(contact.role)
        emergency = false
        actions = ContactAction.list(contact.actions)
    }
}

public struct ReachOutState: Equatable {
    /// Always first, in the core's order; never empty, even offline.
    public var crisisLines: [ReachOutEntry] = []
    public var favourites: [ReachOutEntry] = []
    public var others: [ReachOutEntry] = []
    /// Whether texts open with the suggested words already typed.
    public var prefillMessage = false
    public var suggestedMessage: String
    public var error: String?

    public init(suggestedMessage: String) {
        self.suggestedMessage = suggestedMessage
    }
}

/// Reach out: crisis lines first, then favourites, then everyone else. Each action carries the
/// `tel:`, `sms:` or `mailto:` URL the app opens; the core builds them (and the prefilled text).
public final class ReachOutPresenter: Presenter {
    public private(set) var state: ReachOutState {
        didSet { if state != oldValue { onChange?(state) } }
    }
    public var onChange: ((ReachOutState) -> Void)?

    private let source: ReachOutSource

    /// `suggestedMessage` is the core's `suggestedReachOutMessage()`.
    public init(source: ReachOutSource, suggestedMessage: String) {
        self.source = source
        state = ReachOutState(suggestedMessage: suggestedMessage)
    }

    public func refresh() {
        do {
            let message = state.prefillMessage ? state.suggestedMessage : nil
            let record = try source.reachOut(message: message)
            var next = state
            next.crisisLines = record.crisisLines.map(ReachOutEntry.init)
            next.favourites = record.favourites.map(ReachOutEntry.init)
            next.others = record.others.map(ReachOutEntry.init)
            next.error = nil
            state = next
        } catch {
            state.error = CoreErrors.message(error)
        }
    }

    public func setPrefillMessage(_ on: Bool) {
        state.prefillMessage = on
        refresh()
    }
}
