import CompanionCore
import Foundation

// What each presenter needs from the core, as narrow protocols. Every requirement is spelled
// exactly as uniffi generates it on `CompanionStore` (`Timestamp` is `Date`), so the store
// conforms with no code of its own (the extension at the end); scripts/check-ios compares each
// requirement with the generated Swift, since no compiler runs on this repository's CI. The
// tests use the real store; these protocols keep each presenter's reach small.

public protocol OnboardingSource: AnyObject, Sendable {
    func onboardingScreen() throws -> OnboardingScreenRecord
    func completeOnboarding(discreetNotifications: Bool, choice: OnboardingChoice) throws -> OnboardingScreenRecord
}

public protocol TodaySource: AnyObject, Sendable {
    func todayScreen(
        now: Date, zone: String, clockStyle: ClockStyle, facts: PlatformFacts, heldNow: [HeldReminder]
    ) throws -> TodayScreenRecord
}

public protocol CheckInSource: AnyObject, Sendable {
    func checkinScreenToday(now: Date, zone: String) throws -> CheckInScreenRecord
    func checkinScreen(date: LocalDate, now: Date, zone: String) throws -> CheckInScreenRecord
    func saveCheckinForm(
        date: LocalDate, opened: CheckInValuesRecord, edited: CheckInValuesRecord, now: Date, zone: String
    ) throws -> CheckInSavedRecord
}

public protocol ScheduleSource: AnyObject, Sendable {
    func scheduleScreen(now: Date, zone: String, clockStyle: ClockStyle) throws -> ScheduleScreenRecord
    func scheduleAct(
        action: ScheduleAction, now: Date, zone: String, clockStyle: ClockStyle
    ) throws -> ScheduleResultRecord
    func sessionForm(sessionId: String?, now: Date, zone: String) throws -> SessionFormRecord
    func moveForm(sessionId: String, seriesDate: LocalDate, now: Date, zone: String) throws -> MoveFormRecord
}

public protocol ReachOutSource: AnyObject, Sendable {
    func reachOutScreen(message: String?) throws -> ReachOutScreenRecord
    func reachOutAct(action: ReachOutAction, message: String?) throws -> ReachOutScreenRecord
    func contactForm(contactId: String?) throws -> ContactFormRecord
}

public protocol SafetyPlanSource: AnyObject, Sendable {
    func safetyPlanScreen() throws -> SafetyPlanScreenRecord
    func safetyPlanAct(action: SafetyPlanAction) throws -> SafetyPlanResultRecord
}

public protocol InsightsSource: AnyObject, Sendable {
    func insightsScreen(now: Date, zone: String, chartDays: UInt32?) throws -> InsightsScreenRecord
}

public protocol SettingsSource: AnyObject, Sendable {
    func settingsScreen(clockStyle: ClockStyle) throws -> SettingsScreenRecord
    func settingsAct(action: SettingsAction, clockStyle: ClockStyle) throws -> SettingsResultRecord
    func enroll(server: String, code: String) async throws -> JoinedRecord
    func redeemLink(server: String, code: String) async throws -> JoinedRecord
    func createLink() async throws -> LinkCodeRecord
    func sync() async throws -> SyncSummary
    func exportCheckins(format: CheckinExportFormat, from: LocalDate?, to: LocalDate?, now: Date) throws -> String
    func backup(passphrase: String) throws -> Data
    func restore(backup: Data, passphrase: String) throws -> RestoreSummaryRecord
    func eraseAttempt(localOnly: Bool) async throws -> EraseAttempt
}

public protocol ReminderHealthSource: AnyObject, Sendable {
    func reminderHealth(
        now: Date, zone: String, clockStyle: ClockStyle, facts: PlatformFacts, held: [HeldReminder]
    ) throws -> ReminderHealth
}

/// The apply step: what to hand iOS, and the record of what it holds.
public protocol ReminderPlanSource: AnyObject, Sendable {
    func reminderChanges(ctx: ReminderContext, held: [HeldReminder]) throws -> ReminderChanges
    func recordRemindersApplied(at: Date, zone: String, clockStyle: ClockStyle, held: [HeldReminder]) throws
}

extension CompanionStore: OnboardingSource, TodaySource, CheckInSource, ScheduleSource,
    ReachOutSource, SafetyPlanSource, InsightsSource, SettingsSource, ReminderHealthSource,
    ReminderPlanSource {}
