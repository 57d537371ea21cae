import Foundation

/// Failed background syncs in a row, and so how long the next background sync waits
/// (`BackgroundSchedule.nextSync(failures:)`). The count is kept in the app's own defaults (a
/// number, nothing personal) so it outlives the app between runs; a sync that goes through
/// resets it.
@MainActor
public final class SyncBackoff {
    static let key = "org.iopcompanion.backgroundSyncFailures"
    private let defaults: UserDefaults

    public init(defaults: UserDefaults = .standard) {
        self.defaults = defaults
    }

    /// Failed background syncs since the last sync that went through.
    public var failures: UInt32 {
        UInt32(clamping: defaults.integer(forKey: Self.key))
    }

    /// The wait to ask for as things stand (at launch, after joining).
    public var current: TimeInterval {
        BackgroundSchedule.nextSync(failures: failures)
    }

    /// The wait should the background sync now starting fail or be cut short: asked for before
    /// it runs, so the chain never ends, without counting a failure that has not happened.
    public var ifThisRunFails: TimeInterval {
        BackgroundSchedule.nextSync(failures: failures == .max ? .max : failures + 1)
    }

    /// A sync went through, in the foreground or not: the next waits the core's full period.
    public func succeeded() -> TimeInterval {
        reset()
        return current
    }

    /// A sync failed. A background one adds to the count (the core's back-off is for failed
    /// background syncs in a row); a foreground one leaves it, and waits at least the first retry.
    public func failed(inBackground: Bool) -> TimeInterval {
        if inBackground {
            defaults.set(Int(failures) + 1, forKey: Self.key)
        }
        return BackgroundSchedule.nextSync(failures: max(failures, 1))
    }

    /// Nothing to sync any more (not enrolled, erased): the count starts over.
    public func reset() {
        defaults.removeObject(forKey: Self.key)
    }
}
