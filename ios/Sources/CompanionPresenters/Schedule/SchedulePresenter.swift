import Combine
import CompanionCore
import Foundation

/// The session form while it is open: the core's form (what it opened with, its choices) and
/// the values as the participant has them now.
public struct SessionFormState: Equatable, Identifiable, Sendable {
    public let form: SessionFormRecord
    public var edited: SessionValuesRecord
    public var error: String?
    /// Whose clock the times are on, in the core's words: the form's `zoneLabel`, or
    /// `zoneClockLabel` for the zone as edited.
    public internal(set) var zoneLabel: String

    init(form: SessionFormRecord) {
        self.form = form
        edited = form.values
        zoneLabel = form.zoneLabel
    }

    public var id: String { form.sessionId ?? "" }
    public var isNew: Bool { form.sessionId == nil }

    /// The weeks-apart picker's entries, the core's (every interval in its words); nil when the
    /// core offers one interval only (nothing to pick).
    public var intervalChoices: [IntervalChoiceRecord]? {
        let choices = form.choices.intervalChoices
        return choices.count > 1 ? choices : nil
    }
}

/// The move sheet while it is open: the core's move form (where its pickers open, its
/// lengths, the session's clock and the words for it) and the start and length as the
/// participant has them now.
public struct MoveFormState: Equatable, Identifiable, Sendable {
    public let form: MoveFormRecord
    /// On the session's own clock (`form.zone`).
    public var start: DayTime
    /// One of `form.durationChoices` (the occurrence's own length until another is picked).
    public var durationMinutes: UInt32
    public var error: String?

    public var id: String { form.sessionId + "/" + form.seriesDate.description }
}

/// The schedule, as the core decides it: the next days' occurrences, the participant's own
/// sessions and the program's, and the recent ones to mark attended or missed. Every change is
/// one `scheduleAct`, and the screen is what the core returns.
@MainActor
public final class SchedulePresenter: ObservableObject {
    @Published public private(set) var screen: ScheduleScreenRecord?
    @Published public private(set) var error: String?
    /// The session form, while open.
    @Published public var form: SessionFormState?
    /// The move sheet, while open.
    @Published public var moving: MoveFormState?
    /// Called when the core says this is the moment to ask for notification permission.
    public var onAskNotificationPermission: (@MainActor () -> Void)?

    private let source: any ScheduleSource
    private let environment: PresenterEnvironment

    public init(source: any ScheduleSource, environment: PresenterEnvironment) {
        self.source = source
        self.environment = environment
    }

    public func refresh() {
        do {
            screen = try source.scheduleScreen(
                now: environment.now(), zone: environment.zone, clockStyle: environment.clockStyle)
            error = nil
        } catch {
            self.error = CoreErrors.message(error)
        }
    }

    // MARK: Occurrences

    public func cancel(_ occurrence: OccurrenceViewRecord) {
        act(.cancelOccurrence(sessionId: occurrence.sessionId, seriesDate: occurrence.seriesDate))
    }

    public func restore(_ occurrence: OccurrenceViewRecord) {
        act(.restoreOccurrence(sessionId: occurrence.sessionId, seriesDate: occurrence.seriesDate))
    }

    /// Opens the move sheet for one occurrence from the core's move form; a cancelled
    /// occurrence or a program's session gets the core's refusal instead.
    public func openMove(_ occurrence: OccurrenceViewRecord) {
        do {
            let opened = try source.moveForm(
                sessionId: occurrence.sessionId, seriesDate: occurrence.seriesDate,
                now: environment.now(), zone: environment.zone)
            moving = MoveFormState(
                form: opened, start: opened.start, durationMinutes: opened.durationMinutes, error: nil)
            error = nil
        } catch {
            self.error = CoreErrors.message(error)
        }
    }

    /// Changes the picked start or length (a binding's setter); the core checks them on Save.
    public func editMove(_ change: (inout MoveFormState) -> Void) {
        guard var state = moving else { return }
        change(&state)
        state.error = nil
        moving = state
    }

    /// Moves the occurrence to the picked start (on the session's clock) for the picked length;
    /// a refusal stays on the sheet, which stays open.
    @discardableResult
    public func saveMove() -> Bool {
        guard let state = moving else { return false }
        do {
            try perform(.moveOccurrence(
                sessionId: state.form.sessionId, seriesDate: state.form.seriesDate, to: state.start,
                durationMinutes: state.durationMinutes))
            moving = nil
            return true
        } catch {
            moving?.error = CoreErrors.message(error)
            return false
        }
    }

    public func closeMove() {
        moving = nil
    }

    public func mark(_ occurrence: OccurrenceViewRecord, _ mark: AttendanceMark) {
        act(.markAttendance(sessionId: occurrence.sessionId, seriesDate: occurrence.seriesDate, mark: mark))
    }

    public func clearMark(_ occurrence: OccurrenceViewRecord) {
        act(.clearAttendance(sessionId: occurrence.sessionId, seriesDate: occurrence.seriesDate))
    }

    public func remove(sessionId: String) { act(.removeSession(id: sessionId)) }

    // MARK: The session form

    /// Opens the form for a new session (`nil`) or one of the participant's own.
    public func openForm(sessionId: String?) {
        do {
            let opened = try source.sessionForm(
                sessionId: sessionId, now: environment.now(), zone: environment.zone)
            form = SessionFormState(form: opened)
            error = nil
        } catch {
            self.error = CoreErrors.message(error)
        }
    }

    /// Changes the form's values (a binding's setter). A zone changed gets the core's words
    /// for its clock (an unknown zone, the core's refusal).
    public func editForm(_ change: (inout SessionValuesRecord) -> Void) {
        guard var state = form else { return }
        let zone = state.edited.zone
        change(&state.edited)
        state.error = nil
        if state.edited.zone != zone {
            if state.edited.zone == state.form.values.zone {
                state.zoneLabel = state.form.zoneLabel
            } else {
                do {
                    state.zoneLabel = try zoneClockLabel(zone: state.edited.zone, at: environment.now())
                } catch {
                    state.error = CoreErrors.message(error)
                }
            }
        }
        form = state
    }

    /// Repeat on: the core's weekly series for the start as it is now (the participant may
    /// have moved it to another day since the form opened); off: a one-off.
    public func setRepeat(_ on: Bool) {
        editForm { $0.recurrence = on ? weeklyRepeat(start: $0.start) : nil }
    }

    /// Weeks between a series' occurrences (one of `intervalChoices`; the core checks it on Save).
    public func setIntervalWeeks(_ weeks: UInt32) {
        editForm { $0.recurrence?.intervalWeeks = weeks }
    }

    /// Saves the form: the core writes only the fields the participant changed.
    @discardableResult
    public func saveForm() -> Bool {
        guard let state = form else { return false }
        let action = ScheduleAction.saveSessionForm(
            sessionId: state.form.sessionId, opened: state.form.values, edited: state.edited)
        return formAct(action)
    }

    /// Removes the session the form shows (when the core allows it).
    @discardableResult
    public func removeFormSession() -> Bool {
        guard let state = form, let id = state.form.sessionId, state.form.canRemove else { return false }
        return formAct(.removeSession(id: id))
    }

    public func closeForm() {
        form = nil
    }

    /// A start or end as picked (on the session's clock), in the core's words for the buttons
    /// that open the pickers.
    public func pickerLabels(_ value: DayTime) -> PickerLabels {
        PickerLabels(value, environment: environment)
    }

    // MARK: Helpers

    @discardableResult
    private func act(_ action: ScheduleAction) -> Bool {
        do {
            try perform(action)
            error = nil
            return true
        } catch {
            self.error = CoreErrors.message(error)
            return false
        }
    }

    /// An action from the form: its error stays on the form, which stays open.
    private func formAct(_ action: ScheduleAction) -> Bool {
        do {
            try perform(action)
            form = nil
            return true
        } catch {
            form?.error = CoreErrors.message(error)
            return false
        }
    }

    private func perform(_ action: ScheduleAction) throws {
        let result = try source.scheduleAct(
            action: action, now: environment.now(), zone: environment.zone,
            clockStyle: environment.clockStyle)
        screen = result.screen
        if result.askNotificationPermission { onAskNotificationPermission?() }
    }
}
