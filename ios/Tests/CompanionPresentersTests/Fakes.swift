import CompanionCore
import Foundation
import XCTest

@testable import CompanionPresenters

/// 2026-11-23T14:00:00Z, a Monday: 09:00 in New York, 08:00 in Chicago.
let monday = Date(timeIntervalSince1970: 1_795_442_400)

/// New York, a fixed locale and a fixed clock, so every string is predictable.
func testEnvironment(now: Date = monday, zone: String = "America/New_York") -> PresenterEnvironment {
    let timeZone = TimeZone(identifier: zone) ?? TimeZone(secondsFromGMT: 0) ?? .current
    return PresenterEnvironment(
        now: { now }, timeZone: { timeZone }, locale: Locale(identifier: "en_US_POSIX"))
}

func occurrence(
    id: String = "s1", date: String = "2026-11-23", title: String = "Process group",
    start: Date, minutes: Double = 180, zone: String = "America/Chicago",
    status: String = "scheduled", location: String? = "Room 2"
) -> OccurrenceRecord {
    OccurrenceRecord(
        sessionId: id, seriesDate: date, title: title, kind: "process-group", start: start,
        end: start.addingTimeInterval(minutes * 60), localStart: date + "T08:00", timeZone: zone,
        location: location, videoLink: nil, status: status)
}

func checkin(date: String = "2026-11-23", mood: UInt8 = 6, note: String? = nil) -> CheckInRecord {
    CheckInRecord(
        date: date, mood: mood, craving: 3, emotions: ["hopeful"], sleepHours: 7.5,
        usedToday: nil, note: note, createdAt: monday, updatedAt: monday)
}

func reminder(
    id: String, at: Date, kind: String = "session", style: String = "neutral",
    title: String? = nil, startsAt: Date? = nil, zone: String? = nil
) -> ReminderRecord {
    ReminderRecord(
        id: id, numericId: 1, fireAt: at, kind: kind, sessionId: kind == "session" ? "s1" : nil,
        seriesDate: "2026-11-23", leadMinutes: kind == "session" ? 60 : nil, startsAt: startsAt,
        contentStyle: style, title: title, location: style == "session" ? "Room 2" : nil,
        videoLink: nil, timeZone: zone)
}

func action(_ kind: ActionType, _ uri: String) -> ContactActionRecord {
    ContactActionRecord(kind: kind, label: uri, uri: uri)
}

struct Refused: Error {}

/// A core in memory: returns what a test puts in, records what presenters send.
final class FakeStore: TodaySource, CheckInSource, ScheduleSource, ReachOutSource,
    SafetyPlanSource, InsightsSource, SettingsSource, ReminderPlanSource
{
    var todayRecord = TodayRecord(
        date: "2026-11-23", timeZone: "America/New_York", sessions: [], checkin: nil, favourites: [])
    var upcoming: [OccurrenceRecord] = []
    var checkins: [String: CheckInRecord] = [:]
    var recorded: [(String, CheckInInput)] = []
    var error: Error?

    var sessionRecords: [SessionRecord] = []
    var attendanceRecords: [AttendanceRecord] = []
    var marked: [String] = []
    var added: [SessionInput] = []

    var reachOutRecord = ReachOutRecord(crisisLines: [], favourites: [], others: [])
    var reachOutMessages: [String?] = []

    var plan = SafetyPlanRecord(sections: [])
    var contactList: [ContactRecord] = []
    var actions: [String: [ContactActionRecord]] = [:]
    var moved: [(String, UInt32)] = []

    var insightsRecord: InsightsRecord?
    var series: [DayPointRecord] = []
    var lines: [CrisisLineRecord] = []

    var prefs = PreferencesRecord(
        checkinReminder: nil, discreetNotifications: true, defaultReminderLeads: [60], region: nil)
    var accountRecord: AccountRecord?
    var syncError: Error?
    var eraseError: Error?
    var backupPassphrases: [String] = []

    var planned: [ReminderRecord] = []

    private func check() throws {
        if let error { throw error }
    }

    // Today, check-in
    func today(now: Date, zone: String) throws -> TodayRecord {
        try check()
        return todayRecord
    }

    func occurrences(from: Date, to: Date) throws -> [OccurrenceRecord] {
        try check()
        return upcoming.filter { $0.start >= from && $0.start < to }
    }

    func checkin(dateText: String) throws -> CheckInRecord? {
        try check()
        return checkins[dateText]
    }

    func recordCheckin(dateText: String, input: CheckInInput) throws -> CheckInRecord {
        try check()
        recorded.append((dateText, input))
        let record = CheckInRecord(
            date: dateText, mood: input.mood ?? checkins[dateText]?.mood ?? 1, craving: input.craving,
            emotions: input.emotions ?? [], sleepHours: input.sleepHours, usedToday: nil,
            note: input.note, createdAt: monday, updatedAt: monday)
        checkins[dateText] = record
        return record
    }

    func suggestedEmotions() -> [String] { ["calm", "hopeful", "anxious"] }

    // Schedule
    func sessions() throws -> [SessionRecord] {
        try check()
        return sessionRecords
    }

    func attendance(days: Int64) throws -> [AttendanceRecord] {
        try check()
        return attendanceRecords
    }

    func markAttended(sessionId: String, seriesDate: String) throws {
        try check()
        marked.append("attended \(sessionId) \(seriesDate)")
    }

    func markMissed(sessionId: String, seriesDate: String) throws {
        try check()
        marked.append("missed \(sessionId) \(seriesDate)")
    }

    func cancelOccurrence(id: String, seriesDate: String) throws -> SessionRecord {
        try check()
        marked.append("cancelled \(id) \(seriesDate)")
        return try session(id)
    }

    func restoreOccurrence(id: String, seriesDate: String) throws -> SessionRecord {
        try check()
        marked.append("restored \(id) \(seriesDate)")
        return try session(id)
    }

    func addSession(input: SessionInput) throws -> SessionRecord {
        try check()
        added.append(input)
        return SessionRecord(
            id: "new", title: input.title ?? "", kind: "other", location: input.location,
            videoLink: nil, notes: nil, start: input.start ?? "", timeZone: input.timeZone ?? "",
            durationMinutes: input.durationMinutes ?? 60, recurrence: input.recurrence,
            reminderLeads: nil, changes: [], programId: nil)
    }

    func removeSession(id: String) throws {
        try check()
        sessionRecords.removeAll { $0.id == id }
    }

    private func session(_ id: String) throws -> SessionRecord {
        guard let s = sessionRecords.first(where: { $0.id == id }) else {
            throw CompanionError.NotFound(message: "no such session")
        }
        return s
    }

    // Reach out, safety plan
    func reachOut(message: String?) throws -> ReachOutRecord {
        try check()
        reachOutMessages.append(message)
        return reachOutRecord
    }

    func safetyPlan() throws -> SafetyPlanRecord {
        try check()
        return plan
    }

    func addSafetyItem(section: SafetySection, input: SafetyItemInput) throws -> SafetyItemRecord {
        try check()
        let item = SafetyItemRecord(
            id: "item\(plan.sections.count)", section: section, text: input.text,
            contactId: input.contactId, contactName: nil, contactPhone: nil,
            label: input.text ?? "", order: 0)
        if let i = plan.sections.firstIndex(where: { $0.section == section }) {
            plan.sections[i].items.append(item)
        }
        return item
    }

    func editSafetyItem(id: String, input: SafetyItemInput) throws -> SafetyItemRecord {
        try check()
        throw CompanionError.NotFound(message: "not in this fake")
    }

    func moveSafetyItem(id: String, section: SafetySection?, index: UInt32) throws -> SafetyItemRecord {
        try check()
        moved.append((id, index))
        throw CompanionError.NotFound(message: "not in this fake")
    }

    func removeSafetyItem(id: String) throws {
        try check()
        for i in plan.sections.indices {
            plan.sections[i].items.removeAll { $0.id == id }
        }
    }

    func contacts() throws -> [ContactRecord] {
        try check()
        return contactList
    }

    func contactActions(id: String, message: String?) throws -> [ContactActionRecord] {
        try check()
        guard let list = actions[id] else { throw CompanionError.NotFound(message: "no such contact") }
        return list
    }

    // Insights
    func insights(today: String) throws -> InsightsRecord {
        try check()
        guard let insightsRecord else { throw CompanionError.InvalidInput(message: "no insights") }
        return insightsRecord
    }

    func moodSeries(today: String, days: UInt32) throws -> [DayPointRecord] {
        try check()
        return series
    }

    func crisisLines() throws -> [CrisisLineRecord] {
        try check()
        return lines
    }

    // Settings
    func preferences() throws -> PreferencesRecord {
        try check()
        return prefs
    }

    func editPreferences(input: PreferencesInput) throws -> PreferencesRecord {
        try check()
        if let on = input.discreetNotifications { prefs.discreetNotifications = on }
        if let leads = input.defaultReminderLeads { prefs.defaultReminderLeads = leads }
        if let time = input.checkinReminder { prefs.checkinReminder = time == "off" ? nil : time }
        return prefs
    }

    func account() throws -> AccountRecord? {
        try check()
        return accountRecord
    }

    func enroll(server: String, code: String) async throws -> AccountRecord {
        guard code == "K7QF-9XMZ-2PRT" else {
            throw CompanionError.InvalidCode(message: "That code is not valid.")
        }
        let account = AccountRecord(
            server: server, participantId: "p", deviceId: "d", programNames: ["Evening IOP"])
        accountRecord = account
        return account
    }

    func createLink() async throws -> String { "LINK-CODE" }

    func redeemLink(server: String, code: String) async throws -> AccountRecord {
        try await enroll(server: server, code: code)
    }

    func sync() async throws -> SyncSummary {
        if let syncError { throw syncError }
        return SyncSummary(roundTrips: 1, bytesUp: 10, bytesDown: 10, changed: true)
    }

    func exportCheckins(format: CheckinExportFormat, from: String?, to: String?, now: Date) throws -> String {
        try check()
        return "date,mood\n"
    }

    func backup(passphrase: String) throws -> Data {
        try check()
        backupPassphrases.append(passphrase)
        return Data([1, 2, 3])
    }

    func restore(backup: Data, passphrase: String) throws -> RestoreSummaryRecord {
        guard passphrase == "correct horse" else {
            throw CompanionError.WrongKey(message: "The passphrase does not open this backup.")
        }
        let counts = RecordCountsRecord(checkins: 3, contacts: 1, sessions: 1, safetyPlanItems: 0)
        return RestoreSummaryRecord(
            changed: backup != Data([0]), formatVersion: 1, createdAt: monday, appVersion: "0.1.0",
            participantId: nil, before: counts, after: counts)
    }

    func erase(localOnly: Bool) async throws -> EraseReportRecord {
        if let eraseError { throw eraseError }
        return EraseReportRecord(
            server: localOnly ? .kept : .erased, filesRemoved: ["companion.sqlite3"],
            directoryRemoved: true, entriesLeft: 0)
    }

    // Reminders
    func planReminders(now: Date, zone: String, horizonDays: Int64, maxCount: UInt32) throws -> [ReminderRecord] {
        try check()
        return Array(planned.filter { $0.fireAt > now }.prefix(Int(maxCount)))
    }

    func reminderChanges(
        now: Date, zone: String, horizonDays: Int64, maxCount: UInt32, held: [String]
    ) throws -> ReminderChanges {
        // The core's diff: held but not planned is cancelled, planned but not held is added.
        let plan = try planReminders(now: now, zone: zone, horizonDays: horizonDays, maxCount: maxCount)
        let planIds = Set(plan.map(\.id))
        let heldIds = Set(held)
        return ReminderChanges(
            cancel: held.filter { !planIds.contains($0) }.sorted(),
            schedule: plan.filter { !heldIds.contains($0.id) })
    }
}

/// The OS's pending notifications, refusing more than iOS keeps (64) so a test sees overflow.
final class FakeNotificationCenter: NotificationScheduling {
    var pending: [String: ReminderRequest] = [:]
    var added: [ReminderRequest] = []
    var removed: [String] = []

    func pendingIdentifiers() async -> [String] { Array(pending.keys).sorted() }

    func removePending(identifiers: [String]) {
        removed.append(contentsOf: identifiers)
        for id in identifiers { pending[id] = nil }
    }

    func add(_ request: ReminderRequest) async throws {
        if pending[request.identifier] == nil && pending.count >= 64 {
            XCTFail("more than 64 pending notifications")
            throw Refused()
        }
        added.append(request)
        pending[request.identifier] = request
    }
}

/// Collects every state a presenter publishes.
final class Recorder<P: Presenter> {
    private(set) var states: [P.State] = []

    init(_ presenter: P) {
        presenter.onChange = { [weak self] in self?.states.append($0) }
    }
}
