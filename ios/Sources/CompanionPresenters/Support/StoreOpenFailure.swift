import CompanionCore
import Foundation

/// Why the store could not be opened, as the app found it. Mapping it to the core's
/// `OpenProblem` adapts facts and decides nothing; the core words each problem and offers its
/// choices (`openProblemScreen`): a key that is gone is told apart from a failure that passes
/// (the phone still locked after a restart, a busy disk), which offers "Try again" only and
/// never deleting anything.
public enum StoreOpenFailure: Error, Equatable, Sendable {
    /// The Keychain has no key for a store that is there (`errSecItemNotFound`).
    case keyMissing
    /// The Keychain could not be read now: `errSecInteractionNotAllowed` before the first
    /// unlock after a restart, or any other status.
    case keychainUnavailable(status: Int32)
    /// The store's directory could not be prepared, or a new key could not be made or kept.
    case device
    /// `CompanionStore.open` refused.
    case open(CompanionError)

    public var problem: OpenProblem {
        switch self {
        case .keyMissing:
            return OpenProblem.keyLost
        case .keychainUnavailable, .device:
            return OpenProblem.unavailable
        case .open(let error):
            switch error {
            case .WrongKey: return OpenProblem.keyLost
            case .StoreUnusable: return OpenProblem.damaged
            case .NeedsNewerApp: return OpenProblem.needsNewerApp
            default: return OpenProblem.unavailable
            }
        }
    }

    /// Any failure of `CompanionStore.open`: the core's, or one of the transport's or the
    /// platform's (never expected there), which passes.
    public static func opening(_ error: Error) -> StoreOpenFailure {
        if let error = error as? CompanionError { return .open(error) }
        return .device
    }
}
