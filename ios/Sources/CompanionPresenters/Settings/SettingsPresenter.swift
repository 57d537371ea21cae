import Combine
import CompanionCore
import Foundation

/// A file for the document picker or the share sheet.
public struct ExportedFile: Equatable, Sendable {
    public var data: Data
    public var fileName: String
    public var mediaType: String
}

/// What a long action did, for the view to say: the core's record of it.
public enum SettingsOutcome: Equatable, Sendable {
    /// Enrolled or linked; `firstSync`: the first sync, when it went through too.
    case joined(JoinedRecord, firstSync: SyncSummary?)
    /// A one-time code for another device, shown once and never stored.
    case linkCode(LinkCodeRecord)
    case synced(SyncSummary)
    case backupMade
    case restored(RestoreSummaryRecord)
    case erased(EraseReportRecord)

    /// The core's lines for it, in order.
    public var summaries: [String] {
        switch self {
        case .joined(let joined, let firstSync):
            return [joined.summary] + (firstSync.map { [$0.summary] } ?? [])
        case .linkCode(let link): return [link.summary]
        case .synced(let summary): return [summary.summary]
        case .backupMade: return [backupMadeSummary()]
        case .restored(let summary): return [summary.summary]
        case .erased(let report): return [report.summary]
        }
    }
}

/// An erase that found the server out of reach: nothing was erased and the store is as it
/// was. The core's words for it and for the button that erases this phone only.
public struct LocalEraseOffer: Equatable, Sendable {
    public let message: String
    public let button: String
}

public enum SettingsBusy: Equatable, Sendable {
    case joining, linking, syncing, backingUp, restoring, erasing
}

/// Settings: the account and linking, the crisis lines' region, discreet notifications, the
/// check-in reminder, default reminder lead times, backup, restore, export and erase. Every
/// choice, default and rule is the core's (`settingsScreen`); this sends what the participant
/// did and keeps the screen the core returns.
@MainActor
public final class SettingsPresenter: ObservableObject {
    @Published public private(set) var screen: SettingsScreenRecord?
    @Published public private(set) var busy: SettingsBusy?
    @Published public private(set) var outcome: SettingsOutcome?
    @Published public private(set) var error: String?
    /// The server could not be reached for an erase: the core offers this phone only.
    @Published public private(set) var localEraseOffer: LocalEraseOffer?
    /// Called when the core says this is the moment to ask for notification permission.
    public var onAskNotificationPermission: (@MainActor () -> Void)?
    /// Called after a successful erase: the app deletes the key and every notification.
    public var onErased: (@MainActor (EraseReportRecord) -> Void)?
    /// Called after a restore or a join brought data: the other screens refresh.
    public var onDataChanged: (@MainActor () -> Void)?

    private let source: any SettingsSource
    private let environment: PresenterEnvironment

    public init(source: any SettingsSource, environment: PresenterEnvironment) {
        self.source = source
        self.environment = environment
    }

    public func refresh() {
        do {
            screen = try source.settingsScreen(clockStyle: environment.clockStyle)
            error = nil
        } catch {
            self.error = CoreErrors.message(error)
        }
    }

    // MARK: Preferences

    public func setDiscreetNotifications(_ on: Bool) { act(.setDiscreetNotifications(on: on)) }

    /// On at the time chosen before, else at the core's suggestion; off clears it.
    public func setCheckinReminder(on: Bool) {
        guard let screen else { return }
        act(.setCheckinReminder(time: on ? (screen.checkinReminder ?? screen.suggestedCheckinReminder) : nil))
    }

    public func setCheckinReminder(time: ClockTime) { act(.setCheckinReminder(time: time)) }
    public func addDefaultLead(minutes: UInt32) { act(.addDefaultLead(minutes: minutes)) }
    public func removeDefaultLead(minutes: UInt32) { act(.removeDefaultLead(minutes: minutes)) }

    /// A country for the crisis lines; nil follows the phone's region again.
    public func setRegion(code: String?) { act(.setRegion(code: code)) }

    // MARK: Joining a program, linking, sync

    /// Enrols with a program's invitation code, or links this device with a code from another
    /// of the participant's devices; then the first sync brings the program's schedule.
    public func join(server: String, code: String, linking: Bool) async {
        await run(linking ? .linking : .joining) {
            let joined: JoinedRecord
            if linking {
                joined = try await self.source.redeemLink(server: server, code: code)
            } else {
                joined = try await self.source.enroll(server: server, code: code)
            }
            if joined.askNotificationPermission { self.onAskNotificationPermission?() }
            let firstSync = try? await self.source.sync()
            self.onDataChanged?()
            return .joined(joined, firstSync: firstSync)
        }
        refresh()
    }

    public func createLink() async {
        await run(.linking) {
            let link = try await self.source.createLink()
            return .linkCode(link)
        }
    }

    public func syncNow() async {
        await run(.syncing) {
            let summary = try await self.source.sync()
            return .synced(summary)
        }
    }

    // MARK: Backup, restore, export, erase

    /// The core's passphrase rules as the participant types; nil when the passphrase will do.
    public func passphraseProblem(_ passphrase: String) -> String? {
        do {
            try checkBackupPassphrase(passphrase: passphrase)
            return nil
        } catch {
            return CoreErrors.message(error)
        }
    }

    /// A backup sealed under `passphrase`, for the document picker; nil when refused.
    public func makeBackup(passphrase: String) async -> ExportedFile? {
        var file: ExportedFile?
        await run(.backingUp) {
            try checkBackupPassphrase(passphrase: passphrase)
            let source = self.source
            let data = try await offMain { try source.backup(passphrase: passphrase) }
            // The name (dated today on the phone's clock) and the type are the core's.
            file = ExportedFile(
                data: data, fileName: backupFileName(today: self.environment.today),
                mediaType: backupMediaType())
            return .backupMade
        }
        return file
    }

    /// Merges a backup into this phone, as a sync does (nothing here is removed).
    public func restore(backup: Data, passphrase: String) async {
        await run(.restoring) {
            let source = self.source
            let summary = try await offMain { try source.restore(backup: backup, passphrase: passphrase) }
            self.onDataChanged?()
            return .restored(summary)
        }
        refresh()
    }

    /// Check-ins as a file for a clinician, in one of the screen's formats. Not encrypted: the
    /// view shows the screen's `exportNotice` first.
    public func export(format: CheckinExportFormat) -> ExportedFile? {
        do {
            let text = try source.exportCheckins(format: format, from: nil, to: nil, now: environment.now())
            error = nil
            return ExportedFile(
                data: Data(text.utf8), fileName: checkinExportFileName(format: format, today: environment.today),
                mediaType: checkinExportMediaType(format: format))
        } catch {
            self.error = CoreErrors.message(error)
            return nil
        }
    }

    /// Erases the participant's data, the server's copy first. With the server out of reach
    /// nothing is erased and `localEraseOffer` holds the core's words for it.
    public func eraseEverything() async { await attemptErase(localOnly: false) }

    /// The core's offer after the server was out of reach: this phone's data only (the
    /// server's copy stays).
    public func eraseThisPhoneOnly() async { await attemptErase(localOnly: true) }

    public func dismissOutcome() {
        outcome = nil
        error = nil
        localEraseOffer = nil
    }

    // MARK: Helpers

    private func act(_ action: SettingsAction) {
        do {
            let result = try source.settingsAct(action: action, clockStyle: environment.clockStyle)
            screen = result.screen
            error = nil
            if result.askNotificationPermission { onAskNotificationPermission?() }
        } catch {
            self.error = CoreErrors.message(error)
        }
    }

    /// After an erase the store is spent: `onErased` lets the app finish the job.
    private func attemptErase(localOnly: Bool) async {
        var report: EraseReportRecord?
        var offer: LocalEraseOffer?
        await run(.erasing) {
            switch try await self.source.eraseAttempt(localOnly: localOnly) {
            case .erased(let done):
                report = done
                return .erased(done)
            case .serverUnreachable(let message, let thisDeviceOnly):
                offer = LocalEraseOffer(message: message, button: thisDeviceOnly)
                return nil
            }
        }
        localEraseOffer = offer
        if let report { onErased?(report) }
    }

    /// One long action: the screen is busy meanwhile, then shows its outcome (none for an
    /// erase that did not happen) or the core's words.
    private func run(_ kind: SettingsBusy, _ action: () async throws -> SettingsOutcome?) async {
        busy = kind
        outcome = nil
        error = nil
        localEraseOffer = nil
        do {
            outcome = try await action()
        } catch {
            self.error = CoreErrors.message(error)
        }
        busy = nil
    }
}
