import CompanionCore
import Foundation

// What each presenter needs from the core, as narrow protocols, so the tests hand presenters
// small fakes. Every requirement is spelled exactly as uniffi generates it on `CompanionStore`
// (`Timestamp` is `Date`), so the store conforms with no code of its own: see the extension at
// the end of this file. scripts/check-ios-api checks each requirement against the generated
// Swift, since no compiler runs on this repository's CI.

public protocol TodaySource: AnyObject {
    func today(now: Date, zone: String) throws -> TodayRecord
    func occurrences(from: Date, to: Date) throws -> [OccurrenceRecord]
}

public protocol CheckInSource: AnyObject {
    func today(now: Date, zone: String) throws -> TodayRecord
    func checkin(dateText: String) throws -> CheckInRecord?
    func recordCheckin(dateText: String, input: CheckInInput) throws -> CheckInRecord
    func suggestedEmotions() -> [String]
}

public protocol ScheduleSource: AnyObject {
    func sessions() throws -> [SessionRecord]
    func occurrences(from: Date, to: Date) throws -> [OccurrenceRecord]
    func attendance(days: Int64) throws -> [AttendanceRecord]
    func markAttended(sessionId: String, seriesDate: String) throws
    func markMissed(sessionId: String, seriesDate: String) throws
    func cancelOccurrence(id: String, seriesDate: String) throws -> SessionRecord
    func restoreOccurrence(id: String, seriesDate: String) throws -> SessionRecord
    func addSession(input: SessionInput) throws -> SessionRecord
    func removeSession(id: String) throws
}

public protocol ReachOutSource: AnyObject {
    func reachOut(message: String?) throws -> ReachOutRecord
}

public protocol SafetyPlanSource: AnyObject {
    func safetyPlan() throws -> SafetyPlanRecord
    func addSafetyItem(section: SafetySection, input: SafetyItemInput) throws -> SafetyItemRecord
    func editSafetyItem(id: String, input: SafetyItemInput) throws -> SafetyItemRecord
    func moveSafetyItem(id: String, section: SafetySection?, index: UInt32) throws -> SafetyItemRecord
    func removeSafetyItem(id: String) throws
    func contacts() throws -> [ContactRecord]
    func contactActions(id: String, message: String?) throws -> [ContactActionRecord]
}

public protocol InsightsSource: AnyObject {
    func today(now: Date, zone: String) throws -> TodayRecord
    func insights(today: String) throws -> InsightsRecord
    func moodSeries(today: String, days: UInt32) throws -> [DayPointRecord]
    func crisisLines() throws -> [CrisisLineRecord]
    func contactActions(id: String, message: String?) throws -> [ContactActionRecord]
}

public protocol SettingsSource: AnyObject {
    func today(now: Date, zone: String) throws -> TodayRecord
    func preferences() throws -> PreferencesRecord
    func editPreferences(input: PreferencesInput) throws -> PreferencesRecord
    func account() throws -> AccountRecord?
    func enroll(server: String, code: String) async throws -> AccountRecord
    func createLink() async throws -> String
    func redeemLink(server: String, code: String) async throws -> AccountRecord
    func sync() async throws -> SyncSummary
    func exportCheckins(format: CheckinExportFormat, from: String?, to: String?, now: Date) throws -> String
    // Backups and erase (issue 7's bindings): the names the bindings engineer is adding.
    func backup(passphrase: String) throws -> Data
    func restore(backup: Data, passphrase: String) throws -> RestoreSummaryRecord
    func erase(localOnly: Bool) async throws -> EraseReportRecord
}

/// The reminder plan and its diff against what the OS holds.
public protocol ReminderPlanSource: AnyObject {
    func planReminders(now: Date, zone: String, horizonDays: Int64, maxCount: UInt32) throws -> [ReminderRecord]
    func reminderChanges(
        now: Date, zone: String, horizonDays: Int64, maxCount: UInt32, held: [String]
    ) throws -> ReminderChanges
}

extension CompanionStore: TodaySource, CheckInSource, ScheduleSource, ReachOutSource,
    SafetyPlanSource, InsightsSource, SettingsSource, ReminderPlanSource {}
