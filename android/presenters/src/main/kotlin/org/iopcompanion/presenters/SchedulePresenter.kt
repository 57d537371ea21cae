package org.iopcompanion.presenters

import java.time.Clock
import org.iopcompanion.core.CompanionStore
import org.iopcompanion.core.ScheduleAction
import org.iopcompanion.core.ScheduleScreenRecord
import org.iopcompanion.core.SessionViewRecord

/** Which dialog the schedule shows: the UI's own state, not the core's. */
sealed interface ScheduleDialog {
    /** The session form, new ([session] null) or for one of the participant's own sessions. */
    data class SessionForm(val session: SessionViewRecord?) : ScheduleDialog

    /** Moving one occurrence to another time. */
    data class MoveOccurrence(val sessionId: String, val seriesDate: java.time.LocalDate) : ScheduleDialog
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
) : Presenter<ScheduleState>(ScheduleState()) {

    /** Also the answer to every change notification. */
    fun refresh() {
        val outcome = attempt { store.scheduleScreen(clock.instant(), clock.zone.id) }
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
        return when (val outcome = attempt { store.scheduleAct(action, clock.instant(), clock.zone.id) }) {
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

    fun open(dialog: ScheduleDialog?) = update { it.copy(dialog = dialog, problem = null) }

    fun permissionAsked() = update { it.copy(askNotificationPermission = false) }

    fun dismissProblem() = update { it.copy(problem = null) }
}
