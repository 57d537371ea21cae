import CompanionCore
import Foundation

/// How long iOS is asked to wait before waking the app in the background: each
/// BGAppRefreshTaskRequest's `earliestBeginDate`, from the core's schedules. iOS picks the
/// moment after it from how the phone is used; the app only asks.
public enum BackgroundSchedule {
    /// The reminder refresh (it re-applies the plan and needs no network), after each run:
    /// `reminderWindow(.ios).refreshEveryMinutes`. Nil when the core asks for none.
    public static var reminderRefresh: TimeInterval? {
        reminderWindow(platform: .ios).refreshEveryMinutes.map { TimeInterval($0) * 60 }
    }

    /// The next background sync: `backgroundSync().everyMinutes` after a sync that went through
    /// (in the foreground too), `retryAfterMinutes` after one that failed or was cut short.
    /// `flexMinutes` has no iOS counterpart: `earliestBeginDate` is only a lower bound.
    public static func nextSync(afterSuccess: Bool) -> TimeInterval {
        let schedule = backgroundSync()
        return TimeInterval(afterSuccess ? schedule.everyMinutes : schedule.retryAfterMinutes) * 60
    }
}
