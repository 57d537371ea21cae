import CompanionCore
import Foundation

/// Words for a failed core call. The core's messages never carry personal data (no notes,
/// names, numbers or tokens), so they are shown as they are; anything else gets a plain
/// sentence rather than a type dump.
public enum CoreErrors {
    public static func message(_ error: Error) -> String {
        guard let error = error as? CompanionError else {
            return String(localized: "Something went wrong. Please try again.")
        }
        switch error {
        case .InvalidInput(let message), .UnknownTimeZone(let message), .NotFound(let message),
            .ReadOnly(let message), .StoreUnusable(let message), .WrongKey(let message),
            .NotEnrolled(let message), .InvalidCode(let message), .Network(let message),
            .InvalidData(let message), .Storage(let message), .Callback(let message):
            return message
        }
    }

    /// The network or the server failed: the core says retrying later is safe.
    public static func isNetwork(_ error: Error) -> Bool {
        guard let error = error as? CompanionError, case .Network = error else { return false }
        return true
    }
}
