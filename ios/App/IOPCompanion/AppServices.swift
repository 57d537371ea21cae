import CompanionCore
import CompanionPresenters
import Foundation
import UIKit

/// What the app holds for its whole life: the store (opened with its Keychain key) and when to
/// hand iOS the reminders again. Shared by the app delegate (launch, background refresh,
/// notification taps) and the SwiftUI scene.
@MainActor
final class AppServices: ObservableObject {
    enum Phase {
        case starting
        case ready(Session)
        /// The store cannot be opened: the core words why and what may be done.
        case cannotOpen(OpenProblemScreen)
        /// Everything was erased; the participant may start again.
        case erased(EraseReportRecord)
    }

    @Published private(set) var phase: Phase = .starting
    /// The screen a tapped notification opens.
    @Published var route: NotificationTarget?

    let notifications = UserNotificationCenter()
    private let keychain = StoreKeychain()
    /// The phone's own network stack for every request the core makes (enrolment, linking,
    /// background and foreground sync, erasure).
    private let transport = URLSessionTransport()
    /// Failed background syncs in a row, in the app's defaults: how long the next one waits.
    let syncBackoff = SyncBackoff()
    private var observers: [NSObjectProtocol] = []
    private var changeScheduled = false
    /// A background sync request is pending (asked for since launch, not cancelled).
    private var syncRequested = false

    var session: Session? {
        if case .ready(let session) = phase { return session }
        return nil
    }

    // MARK: Opening the store

    /// Opens the store, making it and its key on first launch. Safe to call again: it retries
    /// after a problem (nothing is ever deleted here), and does nothing once open or erased.
    @discardableResult
    func start() -> Session? {
        switch phase {
        case .ready(let session): return session
        case .erased: return nil  // only the participant's "Start again" goes on from there
        case .starting, .cannotOpen: break
        }
        switch openStore() {
        case .success(let store):
            let session = Session(store: store, notifications: notifications)
            phase = .ready(session)
            begin(session)
            return session
        case .failure(let failure):
            phase = .cannotOpen(openProblemScreen(problem: failure.problem))
            return nil
        }
    }

    private func openStore() -> Result<CompanionStore, StoreOpenFailure> {
        let directory: URL
        do {
            directory = try StoreDirectory.prepare()
        } catch {
            return .failure(.device)
        }
        let key: Data
        switch keychain.load() {
        case .found(let found):
            key = found
        case .notFound:
            // A store without its key must never get a new one: it would be orphaned.
            if storeExists(path: directory.path) { return .failure(.keyMissing) }
            do {
                key = try generateStoreKey()
                try keychain.save(key)
            } catch {
                return .failure(.device)
            }
        case .unavailable(let status):
            return .failure(.keychainUnavailable(status: status))
        }
        do {
            let store = try CompanionStore.open(path: directory.path, key: key, transport: transport)
            return .success(store)
        } catch {
            return .failure(.opening(error))
        }
    }

    /// The participant chose to start over, on a screen that offered it (a lost key, a damaged
    /// store): the core removes the store's files, then its key goes, and a new store is made.
    func startOver() {
        guard case .cannotOpen(let screen) = phase, screen.choices.contains(.startOver) else { return }
        do {
            _ = try discardUnopenableStore(dir: StoreDirectory.url().path)
        } catch {
            // Refused (the store is open elsewhere, or a file stayed): nothing was deleted.
            phase = .cannotOpen(openProblemScreen(problem: OpenProblem.unavailable))
            return
        }
        keychain.delete()
        notifications.removeEverything()
        phase = .starting
        start()
    }

    func startAgain() {
        phase = .starting
        start()
    }

    private func begin(_ session: Session) {
        updateDeviceRegion(session)
        // Before the first frame: whether the first run covers the app.
        session.onboarding.load()
        session.listen { [weak self] _ in self?.storeChanged() }
        let ask: @MainActor () -> Void = { [weak self] in
            Task { [weak self] in await self?.askForNotificationPermission() }
        }
        session.checkIn.onAskNotificationPermission = ask
        session.schedule.onAskNotificationPermission = ask
        session.settings.onAskNotificationPermission = ask
        session.settings.onErased = { [weak self] report in self?.didErase(report) }
        session.settings.onDataChanged = { [weak self] in
            self?.storeChanged()
            // Joined (or linked) just now: background sync starts.
            self?.startBackgroundSyncIfEnrolled()
        }
        observe()
        BackgroundRefresh.scheduleReminders()
        startBackgroundSyncIfEnrolled()
        Task {
            await session.refreshScreens()
            await applyReminders()
        }
    }

    // MARK: Reminders

    /// Hands iOS the core's reminders (re-worded by the core when the zone changed), then
    /// refreshes what depends on them.
    func applyReminders() async {
        guard let session else { return }
        _ = try? await session.applier.apply()
        await session.today.refresh()
    }

    /// The moment to ask for notification permission: the core said so (a check-in, a lead
    /// time, joining a program) or the participant tapped Today's card. Never at first launch.
    func askForNotificationPermission() async {
        await notifications.requestAuthorization()
        await applyReminders()
        await session?.reminderHealth.refresh()
    }

    /// A change in the core, on the main actor: coalesced, so a burst of writes (a sync
    /// merging many records) refreshes once.
    private func storeChanged() {
        guard !changeScheduled else { return }
        changeScheduled = true
        Task { [weak self] in
            guard let self else { return }
            self.changeScheduled = false
            await self.session?.refreshScreens()
            await self.applyReminders()
        }
    }

    private func observe() {
        guard observers.isEmpty else { return }
        let center = NotificationCenter.default
        let timeChanged: @Sendable (Notification) -> Void = { [weak self] _ in
            Task { @MainActor [weak self] in
                NSTimeZone.resetSystemTimeZone()
                await self?.session?.refreshScreens()
                await self?.applyReminders()
            }
        }
        observers = [
            // A flight, or the zone set by hand: the core re-words every reminder for it.
            center.addObserver(forName: .NSSystemTimeZoneDidChange, object: nil, queue: .main, using: timeChanged),
            // Midnight, a daylight-saving change, the clock set by the carrier or by hand.
            center.addObserver(
                forName: UIApplication.significantTimeChangeNotification, object: nil, queue: .main,
                using: timeChanged),
            // The region picks the crisis lines; the locale's clock words the reminders.
            center.addObserver(forName: NSLocale.currentLocaleDidChangeNotification, object: nil, queue: .main) {
                [weak self] _ in
                Task { @MainActor [weak self] in
                    guard let self, let session = self.session else { return }
                    self.updateDeviceRegion(session)
                    await session.refreshScreens()
                    await self.applyReminders()
                }
            },
            // The first unlock after a restart: the Keychain can be read now.
            center.addObserver(
                forName: UIApplication.protectedDataDidBecomeAvailableNotification, object: nil, queue: .main
            ) { [weak self] _ in
                Task { @MainActor [weak self] in
                    guard let self, case .cannotOpen = self.phase else { return }
                    self.start()
                }
            },
        ]
    }

    /// The device's country picks the crisis lines when the participant has not chosen one.
    private func updateDeviceRegion(_ session: Session) {
        try? session.store.setDeviceRegion(code: Locale.current.region?.identifier)
    }

    // MARK: Foreground and background

    /// The app came to the foreground: the day may have changed, another device may have
    /// synced, permission may have been changed in Settings.
    func becameActive() async {
        guard let session = start() else { return }
        await session.refreshScreens()
        await applyReminders()
        if await sync(session, inBackground: false) {
            await applyReminders()
        }
    }

    /// The reminder refresh's work: hand iOS the reminders again (no network needed).
    func refreshRemindersInBackground() async -> Bool {
        guard let session = start() else { return false }
        do {
            try await session.applier.apply()
            return true
        } catch {
            return false
        }
    }

    /// The background sync's work: sync, then hand iOS the reminders (a program's schedule may
    /// have changed).
    func syncInBackground() async -> Bool {
        guard let session = start() else { return false }
        guard (try? session.store.account()) != nil else {
            // Nothing to sync: the request should not have been pending.
            stopBackgroundSync()
            return true
        }
        let synced = await sync(session, inBackground: true)
        if Task.isCancelled { return false }
        _ = try? await session.applier.apply()
        return synced
    }

    /// A sync when enrolled; true when it went through. Each one sets when the next background
    /// sync may run (the core's period after one that went through; after one that failed, the
    /// core's back-off for the background failures in a row, `SyncBackoff`). A server that no
    /// longer knows this device gets the core's "sync stopped" notification, and background
    /// sync stops asking.
    private func sync(_ session: Session, inBackground: Bool) async -> Bool {
        guard (try? session.store.account()) != nil else {
            stopBackgroundSync()
            return false
        }
        do {
            _ = try await session.store.sync()
            requestBackgroundSync(after: syncBackoff.succeeded())
            return true
        } catch {
            if CoreErrors.isNotEnrolled(error) {
                stopBackgroundSync()
                await notifications.postSyncStopped()
            } else {
                requestBackgroundSync(after: syncBackoff.failed(inBackground: inBackground))
            }
            return false
        }
    }

    /// Enrolled and no background sync asked for yet: ask for one after the wait as things
    /// stand (a period, or the back-off after failures before this launch; a sync in the
    /// foreground follows at once anyway).
    private func startBackgroundSyncIfEnrolled() {
        guard !syncRequested, let session, (try? session.store.account()) != nil else { return }
        requestBackgroundSync(after: syncBackoff.current)
    }

    private func requestBackgroundSync(after wait: TimeInterval) {
        BackgroundRefresh.scheduleSync(after: wait)
        syncRequested = true
    }

    private func stopBackgroundSync() {
        BackgroundRefresh.cancelSync()
        syncRequested = false
        syncBackoff.reset()
    }

    // MARK: Notification taps

    func open(_ target: NotificationTarget) {
        route = target
    }

    // MARK: Erase

    /// After the core erased everything: nothing of the participant's may remain here either.
    private func didErase(_ report: EraseReportRecord) {
        session?.stopListening()
        keychain.delete()
        notifications.removeEverything()
        BackgroundRefresh.cancelAll()
        syncRequested = false
        syncBackoff.reset()
        phase = .erased(report)
    }
}
