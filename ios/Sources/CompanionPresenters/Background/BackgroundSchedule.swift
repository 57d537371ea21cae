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

    /// The next background sync after `failures` failed in a row: `backgroundSync().everyMinutes`
    /// after none (a sync went through, in the foreground too), else the core's back-off for iOS,
    /// which does not back off by itself (`backgroundSyncRetryMinutes`). `flexMinutes` has no iOS
    /// counterpart: `earliestBeginDate` is only a lower bound.
    public static func nextSync(failures: UInt32) -> TimeInterval {
        let minutes = failures == 0 ? backgroundSync().everyMinutes : backgroundSyncRetryMinutes(failures: failures)
        return TimeInterval(minutes) * 60
    }
}
