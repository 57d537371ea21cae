import Foundation

/// When the app last applied the core's plan to the OS, for the reminder health screen. A time
/// only, nothing of the plan.
enum PlanRefreshLog {
    private static let key = "lastReminderPlanRefresh"

    static var last: Date? {
        UserDefaults.standard.object(forKey: key) as? Date
    }

    static func record(_ date: Date) {
        UserDefaults.standard.set(date, forKey: key)
    }

    static func clear() {
        UserDefaults.standard.removeObject(forKey: key)
    }
}
