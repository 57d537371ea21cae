import CompanionCore
import Foundation
import UserNotifications

/// The core's reminder as an iOS notification request: its words are the core's
/// `NotificationContent` and nothing else; `userInfo` says only which screen a tap opens.
public enum NotificationRequests {
    /// The one `userInfo` key.
    public static let opensKey = "opens"

    public static func request(_ reminder: ReminderRequest) -> UNNotificationRequest {
        UNNotificationRequest(
            identifier: reminder.reminder.id,
            content: content(reminder.notification),
            trigger: trigger(at: reminder.reminder.fireAt))
    }

    public static func content(_ notification: NotificationContent) -> UNMutableNotificationContent {
        let content = UNMutableNotificationContent()
        content.title = notification.title
        content.body = notification.body
        content.threadIdentifier = notification.thread
        content.categoryIdentifier = category(notification.channel)
        content.interruptionLevel = notification.timeSensitive ? .timeSensitive : .active
        content.userInfo = [opensKey: NotificationRoutes.value(notification.opens)]
        content.sound = .default
        return content
    }

    /// The exact instant the core planned, as calendar components pinned to UTC: a later change
    /// of zone does not move it (the core re-words the reminders for the new zone anyway).
    public static func trigger(at fireAt: Date) -> UNCalendarNotificationTrigger {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
        var parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: fireAt)
        parts.calendar = calendar
        parts.timeZone = calendar.timeZone
        return UNCalendarNotificationTrigger(dateMatching: parts, repeats: false)
    }

    /// One category per channel: it carries the neutral words iOS shows instead of the body
    /// when previews are hidden (the core's `publicBody`, the same for every notification).
    ///
    /// The core's `named` (the title or body names a session or the check-in) sets nothing on
    /// iOS: a notification has no lock-screen visibility of its own here (Android's
    /// VISIBILITY_SECRET); hiding previews is the participant's iOS setting, and then iOS shows
    /// this placeholder and never the title (no `.hiddenPreviewsShowTitle`), named or not. Nor
    /// does anything here read the discreet setting: the core's words already follow it.
    public static func category(_ channel: NotificationChannel) -> String {
        switch channel {
        case .sessionReminders: return "session-reminders"
        case .checkInReminder: return "check-in-reminder"
        case NotificationChannel.status: return "status"
        }
    }

    public static func categoryFor(_ notification: NotificationContent) -> UNNotificationCategory {
        UNNotificationCategory(
            identifier: category(notification.channel), actions: [], intentIdentifiers: [],
            hiddenPreviewsBodyPlaceholder: notification.publicBody, options: [])
    }
}

/// Which screen a notification opens, through `userInfo` (a property list, so a string).
public enum NotificationRoutes {
    public static func value(_ target: NotificationTarget) -> String {
        switch target {
        case NotificationTarget.today: return "today"
        case NotificationTarget.checkIn: return "check-in"
        case NotificationTarget.settings: return "settings"
        }
    }

    /// The target a tapped notification's `userInfo` names; nil for one the app did not make.
    public static func target(_ userInfo: [AnyHashable: Any]) -> NotificationTarget? {
        guard let opens = userInfo[NotificationRequests.opensKey] as? String else { return nil }
        switch opens {
        case value(NotificationTarget.today): return NotificationTarget.today
        case value(NotificationTarget.checkIn): return NotificationTarget.checkIn
        case value(NotificationTarget.settings): return NotificationTarget.settings
        default: return nil
        }
    }
}
