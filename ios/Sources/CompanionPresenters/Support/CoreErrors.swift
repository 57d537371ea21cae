import CompanionCore
import Foundation

/// Words for a failed core call. The core's messages never carry personal data (no notes,
/// names, numbers or tokens), so they are shown as they are.
public enum CoreErrors {
    public static func message(_ error: Error) -> String {
        // Every case carries the core's message as its one value; it is read without naming
        // the cases, so a case the bindings add later needs no change here.
        if error is CompanionError, let text = firstString(in: error) {
            return text
        }
        // Only a failure of the app's own gets here, never one the core words.
        return String(localized: "Something went wrong. Please try again.")
    }

    private static func firstString(in value: Any, depth: Int = 0) -> String? {
        if let text = value as? String { return text }
        guard depth < 3 else { return nil }
        for child in Mirror(reflecting: value).children {
            if let text = firstString(in: child.value, depth: depth + 1) { return text }
        }
        return nil
    }

    /// The server no longer knows this device: sync has stopped.
    public static func isNotEnrolled(_ error: Error) -> Bool {
        guard let error = error as? CompanionError, case .NotEnrolled = error else { return false }
        return true
    }
}
