package org.iopcompanion.presenters

import java.time.Clock
import org.iopcompanion.core.CompanionStore
import org.iopcompanion.core.ReminderNotice
import org.iopcompanion.core.TodayScreenRecord

data class TodayState(
    /**
     * The core's Today: sessions, coming up, the check-in and its line, the crisis shortcut,
     * favourites, the reminder card's words.
     */
    val screen: TodayScreenRecord? = null,
    val problem: Problem? = null,
) {
    val loaded: Boolean get() = screen != null || problem != null

    /**
     * What the reminder card's button does: ask for notification permission (the system's
     * dialog can still show), or open reminder health (`false`: whatever else stops them).
     */
    val reminderCardAsksPermission: Boolean get() = screen?.reminderCard?.notice == ReminderNotice.AskPermission
}

/** The home screen, as the core words it for now, the phone's zone and what the phone allows. */
class TodayPresenter(
    private val store: CompanionStore,
    private val clock: Clock,
    private val phone: Phone,
) : Presenter<TodayState>(TodayState()) {

    /** Also the answer to every change notification (a save here, a sync, a preference). */
    fun refresh() {
        val outcome = attempt {
            store.todayScreen(clock.instant(), clock.zone.id, phone.clockStyle(), phone.facts(), phone.held())
        }
        update {
            when (outcome) {
                is Outcome.Done -> TodayState(screen = outcome.value)
                is Outcome.Failed -> it.copy(problem = outcome.problem)
            }
        }
    }

    fun dismissProblem() = update { it.copy(problem = null) }
}
