import CompanionPresenters
import Foundation
import UIKit
import UserNotifications

/// The reminder window over `UNUserNotificationCenter`: every reminder a calendar trigger at the
/// core's instant, in one category whose placeholder stands in for the text when previews are
/// hidden. Also reads what reminder health needs and asks for permission.
final class UserNotificationCenter: NotificationScheduling {
    private let center = UNUserNotificationCenter.current()

    /// Registers the reminder category. With previews hidden (Settings > Notifications > Show
    /// Previews), iOS shows only this neutral placeholder instead of the body.
    func registerCategories() {
        let reminder = UNNotificationCategory(
            identifier: ReminderRequest.category,
            actions: [],
            intentIdentifiers: [],
            hiddenPreviewsBodyPlaceholder: String(localized: "Reminder"),
            options: [])
        center.setNotificationCategories([reminder])
    }

    // MARK: NotificationScheduling

    func pendingIdentifiers() async -> [String] {
        await center.pendingNotificationRequests().map(\.identifier)
    }

    func removePending(identifiers: [String]) {
        center.removePendingNotificationRequests(withIdentifiers: identifiers)
    }

    func add(_ request: ReminderRequest) async throws {
        let content = UNMutableNotificationContent()
        content.title = request.title
        content.body = request.body
        content.sound = .default
        content.categoryIdentifier = ReminderRequest.category
        content.threadIdentifier = ReminderRequest.thread
        content.userInfo = request.userInfo
        content.interruptionLevel = request.timeSensitive ? .timeSensitive : .active
        let trigger = UNCalendarNotificationTrigger(dateMatching: request.triggerComponents, repeats: false)
        try await center.add(
            UNNotificationRequest(identifier: request.identifier, content: content, trigger: trigger))
    }

    // MARK: Permission and status

    /// The system prompt; only asked when there is something to remind of (never at launch).
    func requestAuthorization() async -> Bool {
        (try? await center.requestAuthorization(options: [.alert, .sound, .badge])) ?? false
    }

    func authorizationStatus() async -> UNAuthorizationStatus {
        await center.notificationSettings().authorizationStatus
    }

    @MainActor
    func status(lastPlanRefresh: Date?) async -> ReminderPlatformStatus {
        let settings = await center.notificationSettings()
        let pending = await center.pendingNotificationRequests()
        let next = pending.compactMap { ($0.trigger as? UNCalendarNotificationTrigger)?.nextTriggerDate() }.min()
        return ReminderPlatformStatus(
            authorization: Self.authorization(settings.authorizationStatus),
            alerts: Self.setting(settings.alertSetting),
            timeSensitive: Self.setting(settings.timeSensitiveSetting),
            scheduledSummary: Self.setting(settings.scheduledDeliverySetting),
            backgroundRefresh: Self.backgroundRefresh(UIApplication.shared.backgroundRefreshStatus),
            lowPowerMode: ProcessInfo.processInfo.isLowPowerModeEnabled,
            pendingIdentifiers: pending.map(\.identifier),
            nextScheduled: next,
            lastPlanRefresh: lastPlanRefresh)
    }

    /// After an erase: nothing of the participant's may fire or stay on the lock screen.
    func removeEverything() {
        center.removeAllPendingNotificationRequests()
        center.removeAllDeliveredNotifications()
    }

    private static func authorization(_ status: UNAuthorizationStatus) -> ReminderPlatformStatus.Authorization {
        switch status {
        case .notDetermined: return .notDetermined
        case .denied: return .denied
        case .authorized: return .authorized
        case .provisional: return .provisional
        case .ephemeral: return .ephemeral
        @unknown default: return .denied
        }
    }

    private static func setting(_ setting: UNNotificationSetting) -> ReminderPlatformStatus.Setting {
        switch setting {
        case .enabled: return .enabled
        case .disabled: return .disabled
        case .notSupported: return .notSupported
        @unknown default: return .notSupported
        }
    }

    private static func backgroundRefresh(_ status: UIBackgroundRefreshStatus) -> ReminderPlatformStatus.BackgroundRefresh {
        switch status {
        case .available: return .available
        case .denied: return .denied
        case .restricted: return .restricted
        @unknown default: return .restricted
        }
    }
}
