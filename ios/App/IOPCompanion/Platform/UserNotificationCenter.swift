import CompanionCore
import CompanionPresenters
import UIKit
import UserNotifications

/// iOS's notifications for the presenters (`NotificationsPlatform`): what is pending, what the
/// participant allows, and the core's reminders handed over as they are worded
/// (`NotificationRequests`). No stored state: every call reads `UNUserNotificationCenter`, so
/// this is Sendable as it is.
final class UserNotificationCenter: NotificationsPlatform {
    /// The status notification's id: one at a time, replaced rather than repeated.
    private static let syncStoppedIdentifier = "status.sync-stopped"

    // MARK: NotificationsPlatform

    func held() async -> [HeldReminder] {
        let pending = await UNUserNotificationCenter.current().pendingNotificationRequests()
        return pending.compactMap { request in
            guard let trigger = request.trigger as? UNCalendarNotificationTrigger,
                let fireAt = trigger.nextTriggerDate()
            else { return nil }
            return HeldReminder(id: request.identifier, fireAt: fireAt, exact: true)
        }
    }

    func facts() async -> IosFacts {
        let settings = await UNUserNotificationCenter.current().notificationSettings()
        let refresh = await MainActor.run { UIApplication.shared.backgroundRefreshStatus }
        return IosFacts(
            authorization: Self.authorization(settings.authorizationStatus),
            alerts: Self.setting(settings.alertSetting),
            timeSensitive: Self.setting(settings.timeSensitiveSetting),
            scheduledSummary: Self.setting(settings.scheduledDeliverySetting),
            backgroundRefresh: Self.backgroundRefresh(refresh),
            lowPowerMode: ProcessInfo.processInfo.isLowPowerModeEnabled)
    }

    func remove(identifiers: [String]) async {
        UNUserNotificationCenter.current().removePendingNotificationRequests(withIdentifiers: identifiers)
    }

    func schedule(_ request: ReminderRequest) async throws {
        let center = UNUserNotificationCenter.current()
        await register(NotificationRequests.categoryFor(request.notification), in: center)
        try await center.add(NotificationRequests.request(request))
    }

    func requestAuthorization() async {
        _ = try? await UNUserNotificationCenter.current().requestAuthorization(options: [.alert, .sound])
    }

    // MARK: The app's own

    /// The core's "sync stopped" notification, shown now, once while it is in the shade.
    func postSyncStopped() async {
        let center = UNUserNotificationCenter.current()
        let delivered = await center.deliveredNotifications()
        guard !delivered.contains(where: { $0.request.identifier == Self.syncStoppedIdentifier }) else { return }
        let notification = syncStoppedNotification()
        await register(NotificationRequests.categoryFor(notification), in: center)
        let request = UNNotificationRequest(
            identifier: Self.syncStoppedIdentifier, content: NotificationRequests.content(notification),
            trigger: nil)
        try? await center.add(request)
    }

    /// After an erase: nothing of the participant's may fire or stay in the shade.
    func removeEverything() {
        let center = UNUserNotificationCenter.current()
        center.removeAllPendingNotificationRequests()
        center.removeAllDeliveredNotifications()
    }

    /// A channel's category with the core's neutral words for hidden previews, registered once
    /// (or again when the words change).
    private func register(_ category: UNNotificationCategory, in center: UNUserNotificationCenter) async {
        var categories = await center.notificationCategories()
        let current = categories.first { $0.identifier == category.identifier }
        guard current?.hiddenPreviewsBodyPlaceholder != category.hiddenPreviewsBodyPlaceholder else { return }
        if let current { categories.remove(current) }
        categories.insert(category)
        center.setNotificationCategories(categories)
    }

    private static func authorization(_ status: UNAuthorizationStatus) -> IosAuthorization {
        switch status {
        case .notDetermined: return .notDetermined
        case .denied: return .denied
        case .authorized: return .authorized
        case .provisional: return .provisional
        case .ephemeral: return .ephemeral
        @unknown default: return .denied
        }
    }

    private static func setting(_ setting: UNNotificationSetting) -> IosSetting {
        switch setting {
        case .enabled: return .enabled
        case .disabled: return .disabled
        case .notSupported: return .notSupported
        @unknown default: return .notSupported
        }
    }

    private static func backgroundRefresh(_ status: UIBackgroundRefreshStatus) -> IosBackgroundRefresh {
        switch status {
        case .available: return .available
        case .denied: return .denied
        case .restricted: return .restricted
        @unknown default: return .restricted
        }
    }
}
