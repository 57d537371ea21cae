import UIKit
import UserNotifications

/// Launch work that must happen before launch ends (registering the background task), and the
/// notification delegate (reminders shown in the foreground too; a tap on the check-in
/// reminder opens the check-in).
@MainActor
final class AppDelegate: NSObject, UIApplicationDelegate, UNUserNotificationCenterDelegate {
    let services = AppServices()

    func application(
        _ application: UIApplication,
        didFinishLaunchingWithOptions launchOptions: [UIApplication.LaunchOptionsKey: Any]? = nil
    ) -> Bool {
        UNUserNotificationCenter.current().delegate = self
        services.notifications.registerCategories()
        let services = self.services
        BackgroundRefresh.register { await services.backgroundRefresh() }
        return true
    }

    func userNotificationCenter(
        _ center: UNUserNotificationCenter, willPresent notification: UNNotification
    ) async -> UNNotificationPresentationOptions {
        [.banner, .list, .sound]
    }

    func userNotificationCenter(
        _ center: UNUserNotificationCenter, didReceive response: UNNotificationResponse
    ) async {
        // userInfo holds only which screen to open, nothing personal.
        if response.notification.request.content.userInfo["kind"] as? String == "check-in" {
            services.route = .checkIn
        }
    }
}
