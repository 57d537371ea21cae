import Foundation

/// The platform facts every presenter reads: the time, the phone's time zone and its locale.
/// Passed in rather than read from globals so tests fix them, and so the zone is read afresh
/// after the participant travels.
public struct PresenterEnvironment {
    public var now: () -> Date
    public var timeZone: () -> TimeZone
    public var locale: Locale

    public init(
        now: @escaping () -> Date = { Date() },
        timeZone: @escaping () -> TimeZone = { TimeZone.current },
        locale: Locale = .current
    ) {
        self.now = now
        self.timeZone = timeZone
        self.locale = locale
    }

    /// The phone's IANA zone, as the core takes it.
    public var zone: String { timeZone().identifier }

    public var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone()
        calendar.locale = locale
        return calendar
    }

    public var formats: Formats { Formats(timeZone: timeZone(), locale: locale) }
}

/// A screen's state and how it changes: views render `state` and call the presenter's actions.
/// Presenters are plain classes, used from the main thread; `onChange` is called on the thread
/// that changed the state (after an `await`, possibly not the main one), so the app's wrapper
/// hops to the main queue before publishing.
public protocol Presenter: AnyObject {
    associatedtype State: Equatable
    var state: State { get }
    var onChange: ((State) -> Void)? { get set }
}

/// Runs a blocking core call away from the main thread (backups derive a key with Argon2id,
/// which takes seconds by design).
func offMain<T>(_ work: @escaping () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global(qos: .userInitiated).async {
            continuation.resume(with: Result { try work() })
        }
    }
}
