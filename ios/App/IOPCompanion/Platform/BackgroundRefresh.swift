import BackgroundTasks
import Foundation

/// Background sync with BGAppRefreshTask: registered at launch (before launch ends, as
/// BackgroundTasks requires), scheduled again at every run, and finished exactly once, on
/// completion or when iOS says time is up.
enum BackgroundRefresh {
    /// Listed in Info.plist's BGTaskSchedulerPermittedIdentifiers.
    static let identifier = "org.iopcompanion.app.refresh"
    /// The earliest next run; iOS decides the actual time from how the app is used.
    static let interval: TimeInterval = 60 * 60

    /// `work` syncs and applies the reminders; it returns whether it succeeded.
    @MainActor
    static func register(work: @escaping @MainActor @Sendable () async -> Bool) {
        _ = BGTaskScheduler.shared.register(forTaskWithIdentifier: identifier, using: .main) { @Sendable task in
            // Registered on the main queue, so this runs on the main thread.
            let handed = HandedTask(task: task)
            MainActor.assumeIsolated {
                RefreshRun(task: handed.task).start(work)
            }
        }
    }

    static func schedule() {
        let request = BGAppRefreshTaskRequest(identifier: identifier)
        request.earliestBeginDate = Date(timeIntervalSinceNow: interval)
        // Fails in the simulator and when Background App Refresh is off; reminder health
        // shows the latter with its fix, so there is nothing more to do here.
        try? BGTaskScheduler.shared.submit(request)
    }

    static func cancel() {
        BGTaskScheduler.shared.cancel(taskRequestWithIdentifier: identifier)
    }
}

/// The task, from the scheduler's handler to the main actor. BGTask is not Sendable;
/// this only carries it from the handler (on the main queue) to RefreshRun (on the main actor),
/// the one place it is touched.
private struct HandedTask: @unchecked Sendable {
    // @unchecked: created and read on the main thread only (see `register`).
    let task: BGTask
}

/// One run of the task, on the main actor: the task is only touched there, and completed once.
@MainActor
private final class RefreshRun {
    private let task: BGTask
    private var work: Task<Void, Never>?
    private var finished = false

    init(task: BGTask) {
        self.task = task
    }

    func start(_ body: @escaping @MainActor @Sendable () async -> Bool) {
        // The next run first, so an expired or failed run does not end the chain.
        BackgroundRefresh.schedule()
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
        // Sync is safe to cut short (the core resumes next time); report at once.
        work?.cancel()
        finish(false)
    }

    private func finish(_ success: Bool) {
        guard !finished else { return }
        finished = true
        task.setTaskCompleted(success: success)
    }
}
