import CompanionCore
import Foundation

public struct SettingsState: Equatable {
    public enum Busy: Equatable {
        case enrolling, linking, syncing, backingUp, restoring, erasing
    }

    public enum Account: Equatable {
        case notEnrolled
        case enrolled(programs: [String])
    }

    public struct LeadTime: Equatable, Identifiable {
        public var id: Int { minutes }
        public var minutes: Int
        public var label: String
    }

    /// On by default (the core's default): notifications say nothing of treatment.
    public var discreetNotifications = true
    public var leadTimes: [LeadTime] = []
    /// Lead times not chosen yet, to add.
    public var leadTimeChoices: [LeadTime] = []
    public var checkinReminderOn = false
    public var checkinReminderHour = 20
    public var checkinReminderMinute = 0
    public var account: Account = .notEnrolled
    /// A one-time code for another device (15 minutes); shown once, never stored.
    public var linkCode: String?
    public var busy: Busy?
    /// What just happened, in a sentence ("Backup saved.").
    public var notice: String?
    public var error: String?
    /// Erase failed because the server could not be reached: offer this device only.
    public var offerLocalErase = false
    /// The core's words, shown before any export is written: exports are not encrypted.
    public var exportNotice: String = ""
    public var erased = false

    public init() {}
}

/// A file for the share sheet or the document picker.
public struct ExportedFile: Equatable {
    public var data: Data
    public var fileName: String
    public var mediaType: String
}

/// Settings: discreet notifications, reminder lead times, the check-in reminder, enrolling or
/// linking this device, sync, backups and erase. Every rule (passphrase policy, valid times and
/// lead times, what erase removes) is the core's; this sends the participant's choices and
/// words the outcome.
public final class SettingsPresenter: Presenter {
    /// Lead times offered to add, in minutes; the core checks any value it is sent.
    public static let leadTimeOffers = [5, 10, 15, 30, 60, 120, 180, 1440]

    public private(set) var state = SettingsState() {
        didSet { if state != oldValue { onChange?(state) } }
    }
    public var onChange: ((SettingsState) -> Void)?
    /// Called when the participant asks for a reminder (turns on the check-in reminder, adds a
    /// lead time, enrols): the moment to ask for notification permission.
    public var onRemindersWanted: (() -> Void)?

    private let source: SettingsSource
    private let environment: PresenterEnvironment
    private let checkPassphrase: (String) throws -> Void

    /// `checkPassphrase` is the core's backup passphrase policy (`checkBackupPassphrase`);
    /// `exportNotice` its `plaintextExportNotice()`.
    public init(
        source: SettingsSource, environment: PresenterEnvironment, exportNotice: String,
        checkPassphrase: @escaping (String) throws -> Void
    ) {
        self.source = source
        self.environment = environment
        self.checkPassphrase = checkPassphrase
        state.exportNotice = exportNotice
    }

    public func refresh() {
        do {
            let preferences = try source.preferences()
            let account = try source.account()
            var next = state
            apply(preferences, to: &next)
            next.account = account.map { SettingsState.Account.enrolled(programs: $0.programNames) } ?? .notEnrolled
            state = next
        } catch {
            state.error = CoreErrors.message(error)
        }
    }

    // MARK: Notifications

    public func setDiscreetNotifications(_ on: Bool) {
        editPreferences(PreferencesInput(discreetNotifications: on))
    }

    public func addLeadTime(minutes: Int) {
        let leads = Set(state.leadTimes.map(\.minutes)).union([minutes]).sorted()
        editPreferences(PreferencesInput(defaultReminderLeads: leads.map { UInt32(clamping: $0) }))
        onRemindersWanted?()
    }

    public func removeLeadTime(minutes: Int) {
        let leads = state.leadTimes.map(\.minutes).filter { $0 != minutes }
        editPreferences(PreferencesInput(defaultReminderLeads: leads.map { UInt32(clamping: $0) }))
    }

    public func setCheckinReminder(hour: Int, minute: Int) {
        let time = String(format: "%02d:%02d", hour, minute)
        editPreferences(PreferencesInput(checkinReminder: time))
        onRemindersWanted?()
    }

    public func turnOffCheckinReminder() {
        editPreferences(PreferencesInput(checkinReminder: "off"))
    }

    // MARK: Enrolment, linking, sync

    public func enroll(server: String, code: String) async {
        await run(.enrolling) {
            let account = try await self.source.enroll(server: server, code: code)
            self.state.account = .enrolled(programs: account.programNames)
            self.onRemindersWanted?()
            // The program's schedule arrives with the first sync.
            return await self.syncQuietly()
        }
    }

    public func redeemLink(server: String, code: String) async {
        await run(.linking) {
            let account = try await self.source.redeemLink(server: server, code: code)
            self.state.account = .enrolled(programs: account.programNames)
            return await self.syncQuietly()
        }
    }

    public func createLink() async {
        await run(.linking) {
            self.state.linkCode = try await self.source.createLink()
            return String(localized: "Enter this code on your other device within 15 minutes.")
        }
    }

    public func syncNow() async {
        await run(.syncing) {
            let summary = try await self.source.sync()
            return summary.changed
                ? String(localized: "Synced: this phone has the latest.")
                : String(localized: "Synced: nothing new.")
        }
    }

    // MARK: Backup, restore, export, erase

    /// A backup sealed under `passphrase`, for the document picker; nil when refused.
    public func makeBackup(passphrase: String, confirmation: String) async -> ExportedFile? {
        guard passphrase == confirmation else {
            state.error = String(localized: "The two passphrases differ.")
            return nil
        }
        var file: ExportedFile?
        await run(.backingUp) {
            try self.checkPassphrase(passphrase)
            let data = try await offMain { [source] in try source.backup(passphrase: passphrase) }
            let today = try? self.source.today(now: self.environment.now(), zone: self.environment.zone)
            let day = today?.date ?? "backup"
            file = ExportedFile(
                data: data, fileName: "companion-\(day).backup", mediaType: "application/octet-stream")
            return String(
                localized: "Backup made. Keep the passphrase safe: without it nobody can open the backup.")
        }
        return file
    }

    /// Restores by merging, as a sync does (the core's rule); true when restored.
    @discardableResult
    public func restore(backup: Data, passphrase: String) async -> Bool {
        var restored = false
        await run(.restoring) {
            let summary = try await offMain { [source] in
                try source.restore(backup: backup, passphrase: passphrase)
            }
            restored = true
            // Restoring the same backup again changes nothing (the core's merge).
            return summary.changed
                ? String(localized: "Backup restored: its records are merged into this phone.")
                : String(localized: "Nothing new: this phone already has everything in that backup.")
        }
        if restored { refresh() }
        return restored
    }

    /// Check-ins as a file for a clinician (CSV, JSON or FHIR). Not encrypted: the screen shows
    /// `exportNotice` before calling this.
    public func export(format: CheckinExportFormat) -> ExportedFile? {
        do {
            let text = try source.exportCheckins(format: format, from: nil, to: nil, now: environment.now())
            return ExportedFile(
                data: Data(text.utf8),
                fileName: "checkins." + checkinExportExtension(format: format),
                mediaType: checkinExportMediaType(format: format))
        } catch {
            state.error = CoreErrors.message(error)
            return nil
        }
    }

    /// Erases the participant's data (the server's copy first, unless `localOnly`); true when
    /// erased, with what happened on the server in `notice`. After it the store is spent: the
    /// app deletes its key and starts over.
    public func erase(localOnly: Bool) async -> Bool {
        await run(.erasing) {
            let report = try await self.source.erase(localOnly: localOnly)
            self.state.erased = true
            return Self.erased(report.server)
        }
        return state.erased
    }

    public func dismissMessages() {
        state.notice = nil
        state.error = nil
        state.linkCode = nil
    }

    // MARK: Helpers

    private func editPreferences(_ input: PreferencesInput) {
        do {
            let preferences = try source.editPreferences(input: input)
            var next = state
            apply(preferences, to: &next)
            next.error = nil
            state = next
        } catch {
            state.error = CoreErrors.message(error)
        }
    }

    private func apply(_ p: PreferencesRecord, to state: inout SettingsState) {
        state.discreetNotifications = p.discreetNotifications
        let chosen = p.defaultReminderLeads.map { Int($0) }
        state.leadTimes = chosen.map { SettingsState.LeadTime(minutes: $0, label: Self.leadLabel($0)) }
        state.leadTimeChoices = Self.leadTimeOffers.filter { !chosen.contains($0) }.map {
            SettingsState.LeadTime(minutes: $0, label: Self.leadLabel($0))
        }
        if let time = p.checkinReminder, let at = Self.hourAndMinute(time) {
            state.checkinReminderOn = true
            state.checkinReminderHour = at.hour
            state.checkinReminderMinute = at.minute
        } else {
            state.checkinReminderOn = false
        }
    }

    /// Runs one long action: marks the screen busy, shows its outcome or the core's message.
    private func run(_ busy: SettingsState.Busy, _ action: () async throws -> String) async {
        state.busy = busy
        state.notice = nil
        state.error = nil
        state.offerLocalErase = false
        do {
            state.notice = try await action()
        } catch {
            state.error = CoreErrors.message(error)
            state.offerLocalErase = busy == .erasing && CoreErrors.isNetwork(error)
        }
        state.busy = nil
    }

    /// A sync right after enrolling or linking; its failure is not the enrolment's.
    private func syncQuietly() async -> String {
        do {
            _ = try await source.sync()
            return String(localized: "This phone is enrolled and up to date.")
        } catch {
            return String(localized: "This phone is enrolled; it will sync when it can.")
        }
    }

    /// What erase did on the server, in the participant's words.
    static func erased(_ server: ServerErasure) -> String {
        switch server {
        case .erased:
            return String(localized: "Erased from this phone and from the server. Your other devices no longer sync.")
        case .alreadyGone:
            return String(localized: "Erased from this phone. The server no longer had your data.")
        case .notEnrolled:
            return String(localized: "Erased from this phone.")
        case .kept:
            return String(localized: "Erased from this phone. The server's copy remains until you erase it from another device.")
        }
    }

    /// The core's "HH:MM".
    static func hourAndMinute(_ text: String) -> (hour: Int, minute: Int)? {
        let parts = text.split(separator: ":")
        guard parts.count == 2, let hour = Int(parts[0]), let minute = Int(parts[1]) else {
            return nil
        }
        return (hour: hour, minute: minute)
    }

    static func leadLabel(_ minutes: Int) -> String {
        if minutes == 0 {
            return String(localized: "When it starts")
        }
        if minutes % 1440 == 0 {
            let days = minutes / 1440
            return days == 1
                ? String(localized: "1 day before") : String(localized: "\(days) days before")
        }
        if minutes % 60 == 0 {
            let hours = minutes / 60
            return hours == 1
                ? String(localized: "1 hour before") : String(localized: "\(hours) hours before")
        }
        return String(localized: "\(minutes) minutes before")
    }
}
