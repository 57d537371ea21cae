package org.iopcompanion.presenters

import java.time.Clock
import java.time.LocalDateTime
import org.iopcompanion.core.AttendanceMark
import org.iopcompanion.core.AttendanceViewRecord
import org.iopcompanion.core.CompanionException
import org.iopcompanion.core.CompanionStore
import org.iopcompanion.core.DurationChoiceRecord
import org.iopcompanion.core.IntervalChoiceRecord
import org.iopcompanion.core.MoveFormRecord
import org.iopcompanion.core.ScheduleAction
import org.iopcompanion.core.ScheduleScreenRecord
import org.iopcompanion.core.SessionFormRecord
import org.iopcompanion.core.SessionValuesRecord
import org.iopcompanion.core.Weekday
import org.iopcompanion.core.attendanceMarkLabel
import org.iopcompanion.core.weeklyRepeat
import org.iopcompanion.core.zoneClockLabel

/** Which dialog the schedule shows: the UI's own state, not the core's. */
sealed interface ScheduleDialog {
    /**
     * The core's session form ([form], opened with its values) and the form as the participant
     * has it now ([edited]); saving sends both, and the core writes only what changed.
     * [zoneLabel] is whose clock the start is on, in the core's words: the form's own for the
     * zone it opened with, [zoneClockLabel] for another (`null` for a zone the core does not
     * know; saving then says why).
     */
    data class SessionForm(
        val form: SessionFormRecord,
        val edited: SessionValuesRecord,
        val zoneLabel: String? = form.zoneLabel,
    ) : ScheduleDialog {
        /** The core's lengths (the session's own among them), and which one the form holds. */
        val durationChoices: List<DurationChoiceRecord> get() = form.choices.durationChoices

        val duration: DurationChoiceRecord? get() = durationChoices.firstOrNull { it.minutes == edited.durationMinutes }

        /** The core's "Every week", "Every 2 weeks", …; empty while the session does not repeat. */
        val intervalChoices: List<IntervalChoiceRecord>
            get() = if (edited.recurrence == null) emptyList() else form.choices.intervalChoices
    }

    /**
     * Moving one occurrence: the core's move form ([form]: its title, where the pickers open,
     * on whose clock, the note when that clock is not the phone's) and the start picked so far
     * ([to], on the session's clock).
     */
    data class MoveOccurrence(val form: MoveFormRecord, val to: LocalDateTime = form.start) : ScheduleDialog
}

/**
 * The two marks a recent occurrence can take, in the core's words and order, each with what a
 * tap sends: the mark, or clearing it when it is the one already set.
 */
fun AttendanceViewRecord.markChoices(): List<MarkChoice> = AttendanceMark.entries.map { choice ->
    val selected = mark == choice
    MarkChoice(
        mark = choice,
        label = attendanceMarkLabel(choice),
        selected = selected,
        onTap = if (selected) {
            ScheduleAction.ClearAttendance(occurrence.sessionId, occurrence.seriesDate)
        } else {
            ScheduleAction.MarkAttendance(occurrence.sessionId, occurrence.seriesDate, choice)
        },
    )
}

data class MarkChoice(val mark: AttendanceMark, val label: String, val selected: Boolean, val onTap: ScheduleAction)

data class ScheduleState(
    /** The core's schedule: days ahead, every session, recent attendance, the form's choices. */
    val screen: ScheduleScreenRecord? = null,
    val dialog: ScheduleDialog? = null,
    /** The core said this change is the moment to ask for notification permission. */
    val askNotificationPermission: Boolean = false,
    val problem: Problem? = null,
) {
    val loaded: Boolean get() = screen != null
}

/** Program and own sessions, what is coming, attendance; every change is one core action. */
class SchedulePresenter(
    private val store: CompanionStore,
    private val clock: Clock,
    private val phone: Phone,
) : Presenter<ScheduleState>(ScheduleState()) {

    /** Also the answer to every change notification. */
    fun refresh() {
        val outcome = attempt { store.scheduleScreen(clock.instant(), clock.zone.id, phone.clockStyle()) }
        update {
            when (outcome) {
                is Outcome.Done -> it.copy(screen = outcome.value)
                is Outcome.Failed -> it.copy(problem = outcome.problem)
            }
        }
    }

    /**
     * Sends what the participant did. On success the core's new screen replaces the old and
     * the dialog closes; on an error nothing changed, and the dialog stays open with its input.
     */
    fun act(action: ScheduleAction): Boolean {
        update { it.copy(problem = null) }
        return when (val outcome = attempt { store.scheduleAct(action, clock.instant(), clock.zone.id, phone.clockStyle()) }) {
            is Outcome.Done -> {
                update {
                    it.copy(
                        screen = outcome.value.screen,
                        dialog = null,
                        askNotificationPermission = it.askNotificationPermission || outcome.value.askNotificationPermission,
                    )
                }
                true
            }
            is Outcome.Failed -> {
                update { it.copy(problem = outcome.problem) }
                false
            }
        }
    }

    /** The core's form for one of the participant's sessions, or a new one ([sessionId] null). */
    fun openSessionForm(sessionId: String?): Boolean =
        when (val outcome = attempt { store.sessionForm(sessionId, clock.instant(), clock.zone.id) }) {
            is Outcome.Done -> {
                update { it.copy(dialog = ScheduleDialog.SessionForm(outcome.value, outcome.value.values), problem = null) }
                true
            }
            is Outcome.Failed -> {
                update { it.copy(problem = outcome.problem) }
                false
            }
        }

    /**
     * What the participant typed or picked in the open session form. A zone changed from the
     * one the form opened with gets its clock line from the core.
     */
    fun editSessionForm(transform: (SessionValuesRecord) -> SessionValuesRecord) = editOpenForm { open ->
        val edited = transform(open.edited)
        val zoneLabel = when (edited.zone) {
            open.edited.zone -> open.zoneLabel
            open.form.values.zone -> open.form.zoneLabel
            else -> try {
                zoneClockLabel(edited.zone, clock.instant())
            } catch (e: CompanionException) {
                null
            }
        }
        open.copy(edited = edited, zoneLabel = zoneLabel)
    }

    /**
     * Repeat on starts with the core's weekly repeat for the start as it is now (its weekday:
     * the start may have moved since the form opened); off makes it a one-off.
     */
    fun setRepeats(on: Boolean) = editSessionForm { it.copy(recurrence = if (on) weeklyRepeat(it.start) else null) }

    /** One of the core's weekdays in or out of the repeat, kept in the core's order. */
    fun toggleRepeatDay(day: Weekday) = editOpenForm { open ->
        val weekly = open.edited.recurrence ?: return@editOpenForm open
        val chosen = if (day in weekly.weekdays) weekly.weekdays - day else weekly.weekdays + day
        val ordered = open.form.choices.weekdays.filter { it in chosen }
        open.copy(edited = open.edited.copy(recurrence = weekly.copy(weekdays = ordered)))
    }

    /** How many weeks apart the repeat falls: one of the core's `intervalChoices`. */
    fun setIntervalWeeks(weeks: UInt) = editOpenForm { open ->
        val weekly = open.edited.recurrence
        if (weekly == null || open.intervalChoices.none { it.weeks == weeks }) {
            open
        } else {
            open.copy(edited = open.edited.copy(recurrence = weekly.copy(intervalWeeks = weeks)))
        }
    }

    /** The session's length: one of the core's `durationChoices`. */
    fun setDuration(choice: DurationChoiceRecord) = editOpenForm { open ->
        if (choice !in open.durationChoices) open else open.copy(edited = open.edited.copy(durationMinutes = choice.minutes))
    }

    /** Sends the form as it opened and as it is; on an error it stays open with the edits. */
    fun saveSessionForm(): Boolean {
        val open = state.value.dialog as? ScheduleDialog.SessionForm ?: return false
        return act(ScheduleAction.SaveSessionForm(open.form.sessionId, open.form.values, open.edited))
    }

    /**
     * The core's move form for one occurrence; refused (with the core's words) for a program's
     * session or a cancelled occurrence.
     */
    fun openMoveForm(sessionId: String, seriesDate: java.time.LocalDate): Boolean =
        when (val outcome = attempt { store.moveForm(sessionId, seriesDate, clock.instant(), clock.zone.id) }) {
            is Outcome.Done -> {
                update { it.copy(dialog = ScheduleDialog.MoveOccurrence(outcome.value), problem = null) }
                true
            }
            is Outcome.Failed -> {
                update { it.copy(problem = outcome.problem) }
                false
            }
        }

    /** The start picked in the move form, on the session's clock. */
    fun moveTo(start: LocalDateTime) = update { s ->
        (s.dialog as? ScheduleDialog.MoveOccurrence)?.let { s.copy(dialog = it.copy(to = start)) } ?: s
    }

    /**
     * Moves the occurrence to the picked start, keeping its length as the form gives it (a
     * missing length would be the session's, undoing a length an earlier move set).
     */
    fun saveMove(): Boolean {
        val move = state.value.dialog as? ScheduleDialog.MoveOccurrence ?: return false
        return act(ScheduleAction.MoveOccurrence(move.form.sessionId, move.form.seriesDate, move.to, move.form.durationMinutes))
    }

    private fun editOpenForm(transform: (ScheduleDialog.SessionForm) -> ScheduleDialog.SessionForm) = update { s ->
        (s.dialog as? ScheduleDialog.SessionForm)?.let { s.copy(dialog = transform(it)) } ?: s
    }

    fun open(dialog: ScheduleDialog?) = update { it.copy(dialog = dialog, problem = null) }

    fun permissionAsked() = update { it.copy(askNotificationPermission = false) }

    fun dismissProblem() = update { it.copy(problem = null) }
}
