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

    /// `work` syncs and refreshes the reminder window; it returns whether it succeeded.
    static func register(work: @escaping @MainActor () async -> Bool) {
        _ = BGTaskScheduler.shared.register(forTaskWithIdentifier: identifier, using: .main) { task in
            handle(task, work: work)
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

    private static func handle(_ task: BGTask, work: @escaping @MainActor () async -> Bool) {
        // The next run first, so an expired or failed run does not end the chain.
        schedule()
        let finish = Once { success in task.setTaskCompleted(success: success) }
        let run = Task { @MainActor in
            let success = await work()
            finish(success)
        }
        task.expirationHandler = {
            // Sync is safe to cut short (the core resumes next time); report at once.
            run.cancel()
            finish(false)
        }
    }
}

/// Calls its function once, from whichever thread gets there first.
private final class Once: @unchecked Sendable {
    private let lock = NSLock()
    private var done = false
    private let body: (Bool) -> Void

    init(_ body: @escaping (Bool) -> Void) {
        self.body = body
    }

    func callAsFunction(_ value: Bool) {
        lock.lock()
        let first = !done
        done = true
        lock.unlock()
        if first { body(value) }
    }
}
