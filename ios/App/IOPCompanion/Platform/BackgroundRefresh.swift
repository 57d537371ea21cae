import BackgroundTasks
import CompanionPresenters
import Foundation

/// The app's background work: two BGAppRefreshTask requests, each on the core's schedule
/// (`BackgroundSchedule`):
///
/// - `Reminders` re-applies the reminder plan (no network, so a phone left alone keeps its
///   reminders coming), at the earliest `reminderWindow(.ios).refreshEveryMinutes` after the
///   last run;
/// - `Sync` syncs, then re-applies the plan, at the earliest `backgroundSync().everyMinutes`
///   after the last sync that went through (foreground syncs count), and after failed ones the
///   core's back-off for the failures in a row (`SyncBackoff`: 15, 30, 60 … minutes, since iOS
///   does not back off by itself); not asked for while not enrolled.
///
/// One request could not honour both: syncing hourly is more than the core says, refreshing
/// every six hours lets the window run down. Both are registered at launch (before launch
/// ends, as BackgroundTasks requires); each run asks for its next first, and is finished
/// exactly once, on completion or when iOS says time is up.
enum BackgroundRefresh {
    /// Re-applies the reminders. Listed in Info.plist's BGTaskSchedulerPermittedIdentifiers.
    enum Reminders {
        static let identifier = "org.iopcompanion.app.refresh"
    }

    /// Syncs, then re-applies the reminders. Listed in Info.plist's
    /// BGTaskSchedulerPermittedIdentifiers.
    enum Sync {
        static let identifier = "org.iopcompanion.app.sync"
    }

    /// `reminders` and `sync` do each run's work and return whether it succeeded; `backoff`
    /// is the sync's count of failures in a row.
    @MainActor
    static func register(
        reminders: @escaping @MainActor @Sendable () async -> Bool,
        sync: @escaping @MainActor @Sendable () async -> Bool,
        backoff: SyncBackoff
    ) {
        register(Reminders.identifier, next: { scheduleReminders() }, work: reminders)
        // A run cut short is retried as one more failure would be; a sync that goes through or
        // fails asks again itself, with the count as it then is.
        register(Sync.identifier, next: { scheduleSync(after: backoff.ifThisRunFails) }, work: sync)
    }

    @MainActor
    private static func register(
        _ identifier: String, next: @escaping @MainActor @Sendable () -> Void,
        work: @escaping @MainActor @Sendable () async -> Bool
    ) {
        _ = BGTaskScheduler.shared.register(forTaskWithIdentifier: identifier, using: .main) { @Sendable task in
            // Registered on the main queue, so this runs on the main thread.
            let handed = HandedTask(task: task)
            MainActor.assumeIsolated {
                RefreshRun(task: handed.task).start(next: next, work)
            }
        }
    }

    /// The next reminder refresh, after the core's interval (none when the core asks for none).
    static func scheduleReminders() {
        guard let wait = BackgroundSchedule.reminderRefresh else { return }
        submit(Reminders.identifier, after: wait)
    }

    /// The next background sync, `wait` from now (`SyncBackoff`'s). Replaces the request
    /// pending, if any.
    static func scheduleSync(after wait: TimeInterval) {
        submit(Sync.identifier, after: wait)
    }

    /// Not enrolled (or no longer known to the server): nothing to sync in the background.
    static func cancelSync() {
        BGTaskScheduler.shared.cancel(taskRequestWithIdentifier: Sync.identifier)
    }

    /// After an erase: nothing of the participant's runs again.
    static func cancelAll() {
        BGTaskScheduler.shared.cancelAllTaskRequests()
    }

    private static func submit(_ identifier: String, after wait: TimeInterval) {
        let request = BGAppRefreshTaskRequest(identifier: identifier)
        request.earliestBeginDate = Date(timeIntervalSinceNow: wait)
        // Fails in the simulator and when Background App Refresh is off; reminder health
        // shows the latter with its fix, so there is nothing more to do here.
        try? BGTaskScheduler.shared.submit(request)
    }
}

/// The task, from the scheduler's handler to the main actor. BGTask is not Sendable;
/// this only carries it from the handler (on the main queue) to RefreshRun (on the main actor),
/// the one place it is touched.
private struct HandedTask: @unchecked Sendable {
    // @unchecked: created and read on the main thread only (see `register`).
    let task: BGTask
}

/// One run of a task, on the main actor: the task is only touched there, and completed once.
@MainActor
private final class RefreshRun {
    private let task: BGTask
    private var work: Task<Void, Never>?
    private var finished = false
    private var next: (@MainActor @Sendable () -> Void)?

    init(task: BGTask) {
        self.task = task
    }

    func start(
        next: @escaping @MainActor @Sendable () -> Void, _ body: @escaping @MainActor @Sendable () async -> Bool
    ) {
        // The next run first, so an expired or failed run does not end the chain.
        self.next = next
        next()
        // @Sendable: iOS may call it on any thread; it only hops to the main actor.
        task.expirationHandler = { @Sendable [self] in
            Task { @MainActor in self.expire() }
        }
        work = Task { @MainActor in
            let success = await body()
            self.finish(success)
        }
    }

    private func expire() {
        // Sync is safe to cut short (the core resumes next time); report at once, and ask
        // again for the next run (the work may have replaced the request meanwhile).
        work?.cancel()
        if !finished { next?() }
        finish(false)
    }

    private func finish(_ success: Bool) {
        guard !finished else { return }
        finished = true
        task.setTaskCompleted(success: success)
    }
}
