package org.iopcompanion.presenters

import java.time.Clock
import org.iopcompanion.core.CompanionStore
import org.iopcompanion.core.ReminderHealth

data class ReminderHealthState(
    /** The core's verdict: every check worst first with its words and fix, the next reminder, the planned line. */
    val health: ReminderHealth? = null,
    val problem: Problem? = null,
) {
    val loaded: Boolean get() = health != null
}

/** Can this phone deliver the reminders the core plans? Each fix is one tap (the platform's). */
class ReminderHealthPresenter(
    private val store: CompanionStore,
    private val clock: Clock,
    private val phone: Phone,
) : Presenter<ReminderHealthState>(ReminderHealthState()) {

    /** At open, on every return from Settings, after a fix and on every change notification. */
    fun refresh() {
        val outcome = attempt {
            store.reminderHealth(clock.instant(), clock.zone.id, phone.clockStyle(), phone.facts(), phone.held())
        }
        update {
            when (outcome) {
                is Outcome.Done -> it.copy(health = outcome.value, problem = null)
                is Outcome.Failed -> it.copy(problem = outcome.problem)
            }
        }
    }

    fun dismissProblem() = update { it.copy(problem = null) }
}
