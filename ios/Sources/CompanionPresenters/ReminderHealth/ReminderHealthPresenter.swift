import Combine
import CompanionCore
import Foundation

/// A page of the Settings app a fix opens (the view opens its URL).
public enum SettingsPage: Equatable, Sendable {
    /// This app's notification settings (`UIApplication.openNotificationSettingsURLString`).
    case notifications
    /// This app's page in Settings (`UIApplication.openSettingsURLString`).
    case app
}

/// Reminder health, as the core judges it from what iOS says: every check worst first with
/// its words, the next reminder, and each problem's fix one tap away.
@MainActor
public final class ReminderHealthPresenter: ObservableObject {
    @Published public private(set) var health: ReminderHealth?
    @Published public private(set) var error: String?
    @Published public private(set) var fixing: HealthFix?

    private let source: any ReminderHealthSource
    private let platform: any NotificationsPlatform
    private let applier: ReminderApplier
    private let environment: PresenterEnvironment

    public init(
        source: any ReminderHealthSource, platform: any NotificationsPlatform,
        applier: ReminderApplier, environment: PresenterEnvironment
    ) {
        self.source = source
        self.platform = platform
        self.applier = applier
        self.environment = environment
    }

    public func refresh() async {
        let facts = await platform.facts()
        let held = await platform.held()
        do {
            health = try source.reminderHealth(
                now: environment.now(), zone: environment.zone, clockStyle: environment.clockStyle,
                facts: .ios(facts: facts), held: held)
            error = nil
        } catch {
            self.error = CoreErrors.message(error)
        }
    }

    /// Performs a fix: asks for permission or applies the plan again here, or names the page of
    /// Settings the view opens. Android's fixes never come on iOS; each maps to the nearest page.
    public func perform(_ fix: HealthFix) async -> SettingsPage? {
        fixing = fix
        defer { fixing = nil }
        switch fix {
        case .requestNotificationPermission:
            await platform.requestAuthorization()
            await applyPlan()
            return nil
        case .refreshPlan:
            await applyPlan()
            return nil
        case .openNotificationSettings, .openChannelSettings:
            return .notifications
        case .openAppSettings, .openAppDetails, .requestExactAlarms, .requestIgnoreBatteryOptimizations:
            return .app
        }
    }

    private func applyPlan() async {
        do {
            try await applier.apply()
            await refresh()
        } catch {
            self.error = CoreErrors.message(error)
        }
    }
}
