import CompanionCore
import Foundation

/// What the presenters need of iOS's notifications: what it holds, what it allows, and handing
/// it the core's reminders. The app implements it over `UNUserNotificationCenter`
/// (App/IOPCompanion/Platform/UserNotificationCenter.swift); the tests with a fake that keeps
/// requests in memory, as iOS would.
public protocol NotificationsPlatform: Sendable {
    /// Every pending (not yet delivered) request, as the core's held reminders: its id and the
    /// time its trigger fires next. iOS's triggers are exact.
    func held() async -> [HeldReminder]
    /// What reminder health and Today's notice need: permission, banners, time-sensitive
    /// delivery, the scheduled summary, Background App Refresh, Low Power Mode.
    func facts() async -> IosFacts
    func remove(identifiers: [String]) async
    /// Adds one request, or replaces the pending one with its id.
    func schedule(_ request: ReminderRequest) async throws
    /// The system prompt (a no-op once the participant has answered it).
    func requestAuthorization() async
}
