import CompanionCore
import CompanionPresenters
import Foundation
import UIKit

/// What the app holds for its whole life: the store (opened with its Keychain key), and when
/// to refresh the reminder window. Shared by the app delegate (launch, background refresh,
/// notification taps) and the SwiftUI scene.
@MainActor
final class AppServices: ObservableObject {
    enum Phase {
        case starting
        case ready(Session)
        /// A store is there but its key is gone (or is not its key): it cannot be opened.
        case keyMissing
        /// The store cannot be opened now; the words say why.
        case unavailable(String)
        /// Everything was erased (with what happened on the server); the participant may start
        /// again.
        case erased(String?)
    }

    enum Route: Equatable {
        case checkIn
    }

    @Published private(set) var phase: Phase = .starting
    /// A screen to open, from a notification tap.
    @Published var route: Route?

    let notifications = UserNotificationCenter()
    private let keychain = StoreKeychain()
    /// The phone's own network stack for every request the core makes (enrolment, linking,
    /// background and foreground sync, erasure).
    private let transport = URLSessionTransport()
    private var observers: [NSObjectProtocol] = []
    private var changeScheduled = false

    var session: Session? {
        if case .ready(let session) = phase { return session }
        return nil
    }

    // MARK: Opening the store

    /// Opens the store, creating it and its key on first launch. Safe to call again.
    @discardableResult
    func start() -> Session? {
        switch phase {
        case .ready(let session):
            return session
        case .keyMissing, .erased:
            // Only the participant's choice on that screen goes on from here.
            return nil
        case .starting, .unavailable:
            break
        }
        let directory: URL
        do {
            directory = try StoreDirectory.prepare()
        } catch {
            phase = .unavailable(String(localized: "This phone's storage cannot be used right now."))
            return nil
        }
        switch keychain.load() {
        case .found(let key):
            return openStore(directory, key: key)
        case .notFound:
            if StoreDirectory.holdsStore(directory) {
                phase = .keyMissing
                return nil
            }
            do {
                let key = try generateStoreKey()
                try keychain.save(key)
                return openStore(directory, key: key)
            } catch {
                phase = .unavailable(String(localized: "A key for your data could not be made. Please try again."))
                return nil
            }
        case .unavailable:
            phase = .unavailable(String(localized: "Unlock your phone to open your data."))
            return nil
        }
    }

    private func openStore(_ directory: URL, key: Data) -> Session? {
        do {
            let store = try CompanionStore.open(path: directory.path, key: key, transport: transport)
            let session = Session(store: store, notifications: notifications)
            phase = .ready(session)
            begin(session)
            return session
        } catch let error as CompanionError {
            if case .WrongKey = error {
                phase = .keyMissing
            } else {
                phase = .unavailable(CoreErrors.message(error))
            }
            return nil
        } catch {
            phase = .unavailable(CoreErrors.message(error))
            return nil
        }
    }

    private func begin(_ session: Session) {
        updateDeviceRegion(session)
        session.listen { [weak self] _ in self?.storeChanged() }
        session.settings.presenter.onRemindersWanted = { [weak self] in
            Task { await self?.askForNotificationPermission() }
        }
        observe()
        session.refreshScreens()
        session.checkIn.presenter.load()
        Task { await refreshReminders() }
        BackgroundRefresh.schedule()
    }

    // MARK: Refreshing the reminder window

    /// Applies the core's plan to the OS, then re-reads reminder health. `reword` after a
    /// time-zone change: the same reminders, new words ("at 10:00").
    func refreshReminders(reword: Bool = false) async {
        guard let session else { return }
        if (try? await session.scheduler.apply(reword: reword)) != nil {
            PlanRefreshLog.record(Date())
        }
        await refreshHealth()
    }

    func refreshHealth() async {
        guard let session else { return }
        let status = await notifications.status(lastPlanRefresh: PlanRefreshLog.last)
        let health = session.reminderHealth.presenter
        health.update(status)
        session.today.presenter.setReminderNotice(health.state.notice)
    }

    /// The moment to ask for notification permission: the participant just asked for a
    /// reminder, or tapped the card on Today. Never at first launch.
    func askForNotificationPermission() async {
        if await notifications.authorizationStatus() == .notDetermined {
            _ = await notifications.requestAuthorization()
        }
        await refreshReminders()
    }

    /// A change in the core, told on the main queue: coalesced, so a burst of writes (a sync
    /// merging many records) refreshes once.
    private func storeChanged() {
        guard !changeScheduled else { return }
        changeScheduled = true
        Task { @MainActor [weak self] in
            guard let self else { return }
            self.changeScheduled = false
            self.session?.refreshScreens()
            await self.refreshReminders()
        }
    }

    private func observe() {
        guard observers.isEmpty else { return }
        let center = NotificationCenter.default
        observers = [
            center.addObserver(forName: .NSSystemTimeZoneDidChange, object: nil, queue: .main) { [weak self] _ in
                NSTimeZone.resetSystemTimeZone()
                Task { @MainActor in
                    self?.session?.refreshScreens()
                    await self?.refreshReminders(reword: true)
                }
            },
            // Midnight, a daylight-saving change, the clock set by the carrier or by hand.
            center.addObserver(
                forName: UIApplication.significantTimeChangeNotification, object: nil, queue: .main
            ) { [weak self] _ in
                Task { @MainActor in
                    self?.session?.refreshScreens()
                    await self?.refreshReminders()
                }
            },
            center.addObserver(forName: NSLocale.currentLocaleDidChangeNotification, object: nil, queue: .main) {
                [weak self] _ in
                Task { @MainActor in
                    guard let session = self?.session else { return }
                    self?.updateDeviceRegion(session)
                    session.refreshScreens()
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
        session.refreshScreens()
        await refreshReminders()
        if (try? session.store.account()) != nil {
            _ = try? await session.store.sync()
        }
    }

    /// BGAppRefreshTask's work: sync when enrolled, then refill the reminder window (which
    /// needs no network: a phone left alone keeps its reminders coming).
    func backgroundRefresh() async -> Bool {
        guard let session = start() else { return false }
        var success = true
        if (try? session.store.account()) != nil {
            do {
                _ = try await session.store.sync()
            } catch {
                success = false
            }
        }
        if Task.isCancelled { return false }
        do {
            try await session.scheduler.apply()
            PlanRefreshLog.record(Date())
        } catch {
            success = false
        }
        return success
    }

    // MARK: Erase and starting again

    /// After the core erased everything: nothing of the participant's may remain here either.
    func didErase(summary: String?) {
        session?.stopListening()
        keychain.delete()
        notifications.removeEverything()
        BackgroundRefresh.cancel()
        PlanRefreshLog.clear()
        phase = .erased(summary)
    }

    /// The participant chose to start over with a store whose key is gone: it cannot be read
    /// by anyone, so it is removed and a new, empty one made.
    func startOverWithoutUnreadableStore() {
        try? StoreDirectory.removeUnreadable()
        keychain.delete()
        notifications.removeEverything()
        phase = .starting
        start()
    }

    func startAgain() {
        phase = .starting
        start()
    }
}
