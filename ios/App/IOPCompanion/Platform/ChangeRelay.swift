import CompanionCore
import Foundation

/// The core's change listener. The core calls it on the thread that wrote (or the sync's),
/// outside its lock; the app's work happens later on the main queue, so a listener never
/// re-enters a presenter in the middle of an action. It must not throw: a throw only reaches
/// the subscription's `lastError`.
final class ChangeRelay: ChangeListener, @unchecked Sendable {
    private let handler: (DataChange) -> Void

    init(_ handler: @escaping (DataChange) -> Void) {
        self.handler = handler
    }

    func onChange(change: DataChange) throws {
        let handler = self.handler
        DispatchQueue.main.async { handler(change) }
    }
}
