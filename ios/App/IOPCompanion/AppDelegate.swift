import CompanionCore
import CompanionPresenters
import UIKit
import UserNotifications

/// Launch work that must happen before launch ends (registering the background task), and the
/// notification delegate: reminders shown in the foreground too; a tap opens the screen the
/// core named in the notification (`opens`).
@MainActor
final class AppDelegate: NSObject, UIApplicationDelegate, UNUserNotificationCenterDelegate {
    let services = AppServices()

    func application(
        _ application: UIApplication,
        didFinishLaunchingWithOptions launchOptions: [UIApplication.LaunchOptionsKey: Any]? = nil
    ) -> Bool {
        UNUserNotificationCenter.current().delegate = self
        let services = self.services
        BackgroundRefresh.register(
            reminders: { await services.refreshRemindersInBackground() },
            sync: { await services.syncInBackground() },
            backoff: services.syncBackoff)
        return true
    }

    // The center calls its delegate on a queue of its own: these are nonisolated, read the
    // Sendable parts, and hop to the main actor.

    nonisolated func userNotificationCenter(
        _ center: UNUserNotificationCenter, willPresent notification: UNNotification
    ) async -> UNNotificationPresentationOptions {
        [.banner, .list, .sound]
    }

    nonisolated func userNotificationCenter(
        _ center: UNUserNotificationCenter, didReceive response: UNNotificationResponse
    ) async {
        // userInfo holds only which screen to open, nothing personal.
        guard let target = NotificationRoutes.target(response.notification.request.content.userInfo) else { return }
        await open(target)
    }

    private func open(_ target: NotificationTarget) {
        services.open(target)
    }
}
