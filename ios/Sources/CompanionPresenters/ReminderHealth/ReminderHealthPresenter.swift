import CompanionCore
import Foundation

/// What the platform says about reminders, read by the app (UNUserNotificationCenter,
/// UIApplication, ProcessInfo) and passed in as plain values.
public struct ReminderPlatformStatus: Equatable {
    public enum Authorization: Equatable {
        case notDetermined, denied, authorized, provisional, ephemeral
    }

    public enum Setting: Equatable {
        case enabled, disabled, notSupported
    }

    public enum BackgroundRefresh: Equatable {
        case available, denied, restricted
    }

    public var authorization: Authorization
    /// Banners and alerts.
    public var alerts: Setting
    /// Time-sensitive delivery (through Focus and the scheduled summary).
    public var timeSensitive: Setting
    /// The scheduled summary holds other notifications back until its next delivery.
    public var scheduledSummary: Setting
    public var backgroundRefresh: BackgroundRefresh
    public var lowPowerMode: Bool
    /// Identifiers of the pending notification requests.
    public var pendingIdentifiers: [String]
    /// When the soonest pending reminder fires.
    public var nextScheduled: Date?
    /// When the app last applied the core's plan to the OS.
    public var lastPlanRefresh: Date?

    public init(
        authorization: Authorization, alerts: Setting, timeSensitive: Setting,
        scheduledSummary: Setting, backgroundRefresh: BackgroundRefresh, lowPowerMode: Bool,
        pendingIdentifiers: [String], nextScheduled: Date?, lastPlanRefresh: Date?
    ) {
        self.authorization = authorization
        self.alerts = alerts
        self.timeSensitive = timeSensitive
        self.scheduledSummary = scheduledSummary
        self.backgroundRefresh = backgroundRefresh
        self.lowPowerMode = lowPowerMode
        self.pendingIdentifiers = pendingIdentifiers
        self.nextScheduled = nextScheduled
        self.lastPlanRefresh = lastPlanRefresh
    }
}

/// The one-tap fix for a problem; the app performs it.
public enum ReminderFix: Equatable {
    /// Ask for notification permission (the system prompt).
    case requestPermission
    /// This app's notification settings (UIApplication.openNotificationSettingsURLString).
    case openNotificationSettings
    /// This app's page in Settings (UIApplication.openSettingsURLString).
    case openAppSettings
    /// Apply the core's plan again now.
    case refreshReminders
}

public struct ReminderCheck: Equatable, Identifiable {
    public enum Kind: Hashable {
        case permission, alerts, timeSensitive, scheduledSummary, backgroundRefresh, lowPower
        case plan
    }

    public var id: String { title }
    public var kind: Kind
    public var title: String
    public var detail: String
    public var ok: Bool
    /// Nil when nothing in the app can fix it (restricted by a device policy, Low Power Mode).
    public var fix: ReminderFix?
}

public struct ReminderHealthState: Equatable {
    public var checks: [ReminderCheck] = []
    public var nextReminder: String = ""
    public var lastRefresh: String = ""
    /// Reminders the core plans for the window, and how many the OS holds.
    public var planned = 0
    public var pending = 0
    public var error: String?

    public var problems: [ReminderCheck] { checks.filter { !$0.ok } }

    /// For Today's card: what to say about reminders, if anything.
    public var notice: TodayState.ReminderNotice? {
        if checks.contains(where: { $0.kind == .permission && $0.fix == .requestPermission }), planned > 0 {
            return .askPermission
        }
        return problems.isEmpty ? nil : .needsAttention(problems: problems.count)
    }

    public init() {}
}

/// Reminder health: whether reminders will actually reach the participant — permission,
/// alerts, time-sensitive delivery, background refresh, and whether the OS holds exactly the
/// core's plan — with each problem's fix one tap away.
public final class ReminderHealthPresenter: Presenter {
    public private(set) var state = ReminderHealthState() {
        didSet { if state != oldValue { onChange?(state) } }
    }
    public var onChange: ((ReminderHealthState) -> Void)?

    private let source: ReminderPlanSource
    private let environment: PresenterEnvironment

    public init(source: ReminderPlanSource, environment: PresenterEnvironment) {
        self.source = source
        self.environment = environment
    }

    public func update(_ status: ReminderPlatformStatus) {
        let now = environment.now()
        let zone = environment.zone
        let formats = environment.formats
        var next = ReminderHealthState()
        next.pending = status.pendingIdentifiers.count
        next.nextReminder = status.nextScheduled.map(formats.dayAndTime)
            ?? String(localized: "None scheduled")
        next.lastRefresh = status.lastPlanRefresh.map(formats.dayAndTime)
            ?? String(localized: "Not yet")
        var checks = [Self.permission(status), Self.alerts(status)]
        checks.append(contentsOf: Self.delivery(status))
        checks.append(Self.backgroundRefresh(status))
        do {
            let plan = try source.planReminders(
                now: now, zone: zone, horizonDays: ReminderWindow.horizonDays,
                maxCount: ReminderWindow.maxPending)
            let changes = try source.reminderChanges(
                now: now, zone: zone, horizonDays: ReminderWindow.horizonDays,
                maxCount: ReminderWindow.maxPending, held: status.pendingIdentifiers)
            next.planned = plan.count
            checks.append(Self.plan(planned: plan.count, changes: changes))
        } catch {
            next.error = CoreErrors.message(error)
        }
        next.checks = checks
        state = next
    }

    static func permission(_ s: ReminderPlatformStatus) -> ReminderCheck {
        let title = String(localized: "Notifications")
        switch s.authorization {
        case .authorized, .provisional, .ephemeral:
            return ReminderCheck(
                kind: .permission, title: title, detail: String(localized: "Allowed."), ok: true, fix: nil)
        case .notDetermined:
            return ReminderCheck(
                kind: .permission, title: title,
                detail: String(localized: "Not allowed yet: reminders cannot appear until you allow them."),
                ok: false, fix: .requestPermission)
        case .denied:
            return ReminderCheck(
                kind: .permission, title: title,
                detail: String(localized: "Turned off in Settings: no reminder can appear."),
                ok: false, fix: .openNotificationSettings)
        }
    }

    static func alerts(_ s: ReminderPlatformStatus) -> ReminderCheck {
        let title = String(localized: "Banners and alerts")
        let ok = s.alerts != .disabled || s.authorization != .authorized
        return ReminderCheck(
            kind: .alerts, title: title,
            detail: ok
                ? String(localized: "Reminders show on screen.")
                : String(localized: "Reminders arrive silently in Notification Center only."),
            ok: ok, fix: ok ? nil : .openNotificationSettings)
    }

    /// Time-sensitive delivery, and the scheduled summary when time-sensitive is off (then
    /// session reminders wait for the summary).
    static func delivery(_ s: ReminderPlatformStatus) -> [ReminderCheck] {
        guard s.authorization == .authorized else { return [] }
        let timeSensitiveOK = s.timeSensitive != .disabled
        var checks = [
            ReminderCheck(
                kind: .timeSensitive, title: String(localized: "Time-sensitive reminders"),
                detail: timeSensitiveOK
                    ? String(localized: "Session reminders come through Focus.")
                    : String(localized: "Off: a Focus may hold session reminders back."),
                ok: timeSensitiveOK, fix: timeSensitiveOK ? nil : .openNotificationSettings)
        ]
        if s.scheduledSummary == .enabled && !timeSensitiveOK {
            checks.append(
                ReminderCheck(
                    kind: .scheduledSummary, title: String(localized: "Scheduled summary"),
                    detail: String(localized: "On: reminders may wait for the next summary, after the session starts."),
                    ok: false, fix: .openNotificationSettings))
        }
        return checks
    }

    static func backgroundRefresh(_ s: ReminderPlatformStatus) -> ReminderCheck {
        let title = String(localized: "Background App Refresh")
        switch (s.backgroundRefresh, s.lowPowerMode) {
        case (.available, false):
            return ReminderCheck(
                kind: .backgroundRefresh, title: title,
                detail: String(localized: "On: schedule changes and new reminders arrive without opening the app."),
                ok: true, fix: nil)
        case (.available, true):
            return ReminderCheck(
                kind: .lowPower, title: title,
                detail: String(localized: "Paused by Low Power Mode: open the app now and then to keep reminders current."),
                ok: false, fix: nil)
        case (.denied, _):
            return ReminderCheck(
                kind: .backgroundRefresh, title: title,
                detail: String(localized: "Off: reminders are only refreshed when you open the app."),
                ok: false, fix: .openAppSettings)
        case (.restricted, _):
            return ReminderCheck(
                kind: .backgroundRefresh, title: title,
                detail: String(localized: "Restricted on this device: open the app now and then to keep reminders current."),
                ok: false, fix: nil)
        }
    }

    /// The OS holds exactly the core's plan, or the fix is to apply it again.
    static func plan(planned: Int, changes: ReminderChanges) -> ReminderCheck {
        let title = String(localized: "Reminder schedule")
        if changes.cancel.isEmpty && changes.schedule.isEmpty {
            return ReminderCheck(
                kind: .plan, title: title,
                detail: planned == 0
                    ? String(localized: "Nothing to remind you of yet.")
                    : String(localized: "Up to date: \(planned) reminders scheduled."),
                ok: true, fix: nil)
        }
        return ReminderCheck(
            kind: .plan, title: title,
            detail: String(
                localized: "Out of date: \(changes.schedule.count) to add, \(changes.cancel.count) to remove."),
            ok: false, fix: .refreshReminders)
    }
}
