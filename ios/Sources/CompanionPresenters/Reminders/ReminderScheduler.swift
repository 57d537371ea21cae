import CompanionCore
import Foundation

/// The OS's notification store, as the scheduler needs it. The app implements it over
/// `UNUserNotificationCenter`; tests with a fake that also checks the 64 limit.
public protocol NotificationScheduling: AnyObject {
    /// Identifiers of every pending (not yet delivered) notification request.
    func pendingIdentifiers() async -> [String]
    func removePending(identifiers: [String])
    /// Adds or replaces (same identifier) one request.
    func add(_ request: ReminderRequest) async throws
}

/// What one pass did.
public struct ReminderApplyResult: Equatable {
    public var cancelled: Int
    public var scheduled: Int
    /// Requests the OS refused; the next pass tries them again.
    public var failed: Int
    public var at: Date
}

/// Keeps the OS holding exactly the core's plan: asks the core what to cancel and what to add
/// given the identifiers pending, removes first (so the total never exceeds 64) and adds the
/// rest. Passes run one after another, never interleaved, whoever asks (launch, a change, the
/// time zone, background refresh).
public actor ReminderScheduler {
    private let source: ReminderPlanSource
    private let center: NotificationScheduling
    private let environment: PresenterEnvironment
    private var tail: Task<Void, Never>?

    public init(source: ReminderPlanSource, center: NotificationScheduling, environment: PresenterEnvironment) {
        self.source = source
        self.center = center
        self.environment = environment
    }

    /// Applies the plan. `reword` re-adds every planned reminder, not only the new ones: after
    /// a time-zone change the words ("at 10:00") change while the core's ids do not.
    @discardableResult
    public func apply(reword: Bool = false) async throws -> ReminderApplyResult {
        let previous = tail
        let pass = Task { () async throws -> ReminderApplyResult in
            await previous?.value
            return try await self.applyNow(reword: reword)
        }
        tail = Task { _ = try? await pass.value }
        return try await pass.value
    }

    private func applyNow(reword: Bool) async throws -> ReminderApplyResult {
        let now = environment.now()
        let zone = environment.zone
        let held = await center.pendingIdentifiers()
        let changes = try source.reminderChanges(
            now: now, zone: zone, horizonDays: ReminderWindow.horizonDays,
            maxCount: ReminderWindow.maxPending, held: held)
        let toAdd = reword
            ? try source.planReminders(
                now: now, zone: zone, horizonDays: ReminderWindow.horizonDays,
                maxCount: ReminderWindow.maxPending)
            : changes.schedule
        if !changes.cancel.isEmpty {
            center.removePending(identifiers: changes.cancel)
        }
        let formats = environment.formats
        var failed = 0
        for reminder in toAdd {
            do {
                try await center.add(ReminderRequest(reminder, formats: formats))
            } catch {
                failed += 1
            }
        }
        return ReminderApplyResult(
            cancelled: changes.cancel.count, scheduled: toAdd.count - failed, failed: failed, at: now)
    }
}
