package org.iopcompanion.presenters

import java.time.Clock
import org.iopcompanion.core.CompanionStore
import org.iopcompanion.core.ScheduleAction
import org.iopcompanion.core.ScheduleScreenRecord
import org.iopcompanion.core.SessionFormRecord
import org.iopcompanion.core.SessionValuesRecord
import org.iopcompanion.core.Weekday
import org.iopcompanion.core.weeklyRepeat

/** Which dialog the schedule shows: the UI's own state, not the core's. */
sealed interface ScheduleDialog {
    /**
     * The core's session form ([form], opened with its values) and the form as the participant
     * has it now ([edited]); saving sends both, and the core writes only what changed.
     */
    data class SessionForm(val form: SessionFormRecord, val edited: SessionValuesRecord) : ScheduleDialog {
        /** The repeat one week more often, or `null` at the core's lower bound (or no repeat). */
        val fewerWeeks: UInt?
            get() = edited.recurrence?.intervalWeeks?.takeIf { it > form.choices.minIntervalWeeks }?.minus(1u)

        /** The repeat one week less often, or `null` at the core's upper bound (or no repeat). */
        val moreWeeks: UInt?
            get() = edited.recurrence?.intervalWeeks?.takeIf { it < form.choices.maxIntervalWeeks }?.plus(1u)
    }

    /** Moving one occurrence to another time, from [from] on the session's own clock. */
    data class MoveOccurrence(val sessionId: String, val seriesDate: java.time.LocalDate, val from: java.time.LocalDateTime) : ScheduleDialog
}

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

    /** What the participant typed or picked in the open session form. */
    fun editSessionForm(transform: (SessionValuesRecord) -> SessionValuesRecord) = editOpenForm { it.copy(edited = transform(it.edited)) }

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

    /** How many weeks apart the repeat falls ([ScheduleDialog.SessionForm.fewerWeeks] or `moreWeeks`). */
    fun setIntervalWeeks(weeks: UInt) = editOpenForm { open ->
        val weekly = open.edited.recurrence
        val choices = open.form.choices
        if (weekly == null || weeks !in choices.minIntervalWeeks..choices.maxIntervalWeeks) {
            open
        } else {
            open.copy(edited = open.edited.copy(recurrence = weekly.copy(intervalWeeks = weeks)))
        }
    }

    /** Sends the form as it opened and as it is; on an error it stays open with the edits. */
    fun saveSessionForm(): Boolean {
        val open = state.value.dialog as? ScheduleDialog.SessionForm ?: return false
        return act(ScheduleAction.SaveSessionForm(open.form.sessionId, open.form.values, open.edited))
    }

    private fun editOpenForm(transform: (ScheduleDialog.SessionForm) -> ScheduleDialog.SessionForm) = update { s ->
        (s.dialog as? ScheduleDialog.SessionForm)?.let { s.copy(dialog = transform(it)) } ?: s
    }

    fun open(dialog: ScheduleDialog?) = update { it.copy(dialog = dialog, problem = null) }

    fun permissionAsked() = update { it.copy(askNotificationPermission = false) }

    fun dismissProblem() = update { it.copy(problem = null) }
}
