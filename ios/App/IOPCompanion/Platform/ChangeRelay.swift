import CompanionCore
import Foundation

/// The core's change listener. The core calls it on the thread that wrote (or the sync's),
/// outside its lock; the app's work happens later on the main actor, so a listener never
/// re-enters a presenter in the middle of an action. It must not throw: a throw only reaches
/// the subscription's `lastError`. Sendable as it is: its one property is an immutable
/// `@Sendable` function.
final class ChangeRelay: ChangeListener {
    private let handler: @MainActor @Sendable (DataChange) -> Void

    init(_ handler: @escaping @MainActor @Sendable (DataChange) -> Void) {
        self.handler = handler
    }

    func onChange(change: DataChange) throws {
        let handler = self.handler
        Task { @MainActor in handler(change) }
    }
}
