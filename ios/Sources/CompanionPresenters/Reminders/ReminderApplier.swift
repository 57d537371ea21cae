import CompanionCore
import Foundation

/// Keeps iOS holding the core's reminders: asks the core what to cancel and what to schedule
/// given what iOS holds, removes first, schedules the rest (the window's last slot is the
/// core's neutral "keep coming" reminder, scheduled like any other), then records what iOS
/// holds. The core decides every rule (the window, the grace, re-wording after a change of
/// zone or clock style); this only carries its answer to the OS. Passes run one after another,
/// never interleaved, whoever asks (launch, a change, the zone, background refresh, a fix).
@MainActor
public final class ReminderApplier {
    /// What one pass did.
    public struct Outcome: Equatable, Sendable {
        public var cancelled: [String]
        public var scheduled: [String]
        /// Requests iOS refused; the next pass schedules them again.
        public var failed: [String]
        /// Every held reminder was scheduled again for its words (the zone or the 12/24-hour
        /// clock changed).
        public var reworded: Bool
    }

    private let source: any ReminderPlanSource
    private let platform: any NotificationsPlatform
    private let environment: PresenterEnvironment
    private var last: Task<Outcome, Error>?

    public init(source: any ReminderPlanSource, platform: any NotificationsPlatform, environment: PresenterEnvironment) {
        self.source = source
        self.platform = platform
        self.environment = environment
    }

    @discardableResult
    public func apply() async throws -> Outcome {
        let previous = last
        let pass = Task {
            _ = try? await previous?.value
            return try await self.applyNow()
        }
        last = pass
        return try await pass.value
    }

    private func applyNow() async throws -> Outcome {
        let now = environment.now()
        let zone = environment.zone
        let clockStyle = environment.clockStyle
        let held = await platform.held()
        // iOS delivers at the trigger's instant, so every held reminder is exact and nothing
        // is cleared by a restart (`osCleared` is Android's reboot).
        let context = ReminderContext(
            now: now, zone: zone, platform: .ios, clockStyle: clockStyle,
            exactAlarmsAllowed: true, osCleared: false)
        let changes = try source.reminderChanges(ctx: context, held: held)
        if !changes.cancel.isEmpty {
            await platform.remove(identifiers: changes.cancel)
        }
        var failed: [String] = []
        for request in changes.schedule {
            do {
                try await platform.schedule(request)
            } catch {
                failed.append(request.reminder.id)
            }
        }
        // What iOS holds now: the core's list less what it refused, and no more than it keeps
        // (the soonest-firing `maxHeld`; it drops the rest silently), so the record is true.
        let window = reminderWindow(platform: .ios)
        let refused = Set(failed)
        let holding = Array(changes.heldAfter.filter { !refused.contains($0.id) }.prefix(Int(window.maxHeld)))
        // The zone and clock style the words were made for: the core re-words when either
        // differs next time.
        try source.recordRemindersApplied(at: now, zone: zone, clockStyle: clockStyle, held: holding)
        return Outcome(
            cancelled: changes.cancel,
            scheduled: changes.schedule.map(\.reminder.id).filter { !refused.contains($0) },
            failed: failed,
            reworded: changes.reworded)
    }
}
