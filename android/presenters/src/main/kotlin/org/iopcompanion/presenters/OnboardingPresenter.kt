package org.iopcompanion.presenters

import org.iopcompanion.core.CompanionException
import org.iopcompanion.core.CompanionStore
import org.iopcompanion.core.JoinedRecord
import org.iopcompanion.core.OnboardingChoice
import org.iopcompanion.core.OnboardingScreenRecord
import org.iopcompanion.core.onboardingChoiceLabel

data class OnboardingState(
    /** The core's first run: whether it is needed, its pages, the discreet default. */
    val screen: OnboardingScreenRecord? = null,
    /** Which of the core's pages is shown. */
    val page: Int = 0,
    /** The discreet switch as the participant left it; the core's default until they touch it. */
    val discreet: Boolean? = null,
    /** Join was chosen: the enrolment form (a program's code, or a code from another device). */
    val joining: Boolean = false,
    val busy: Boolean = false,
    /** The first run is over on this device: the app shows Today. */
    val done: Boolean = false,
    /** The core said joining is the moment to ask for notification permission. */
    val askNotificationPermission: Boolean = false,
    val problem: Problem? = null,
) {
    val loaded: Boolean get() = screen != null

    /** Join and Alone, in the core's words, for the last page's buttons. */
    val choices: List<Labelled<OnboardingChoice>>
        get() = OnboardingChoice.entries.map { Labelled(it, onboardingChoiceLabel(it)) }
}

/** First run: the core's pages, discreet notifications, then Join (enrol or link) or Alone. */
class OnboardingPresenter(private val store: CompanionStore) : Presenter<OnboardingState>(OnboardingState()) {

    fun load() {
        val outcome = attempt { store.onboardingScreen() }
        update {
            when (outcome) {
                is Outcome.Done -> it.copy(screen = outcome.value, done = !outcome.value.needed)
                is Outcome.Failed -> it.copy(problem = outcome.problem)
            }
        }
    }

    fun next() = update { s -> s.copy(page = (s.page + 1).coerceAtMost((s.screen?.pages?.size ?: 1) - 1)) }

    fun back() = update { s -> if (s.joining) s.copy(joining = false, problem = null) else s.copy(page = (s.page - 1).coerceAtLeast(0)) }

    fun setDiscreet(on: Boolean) = update { it.copy(discreet = on) }

    /** Alone ends the first run now; Join opens the enrolment form, and ends it once joined. */
    fun choose(choice: OnboardingChoice) {
        when (choice) {
            OnboardingChoice.ALONE -> complete(OnboardingChoice.ALONE)
            OnboardingChoice.JOIN -> update { it.copy(joining = true, problem = null) }
        }
    }

    /** Enrols with the program's invitation code, syncs once, and ends the first run. */
    suspend fun enroll(server: String, code: String): Boolean = join { store.enroll(server, code) }

    /** Links this device with a code from the participant's other device. */
    suspend fun redeemLink(server: String, code: String): Boolean = join { store.redeemLink(server, code) }

    fun permissionAsked() = update { it.copy(askNotificationPermission = false) }

    fun dismissProblem() = update { it.copy(problem = null) }

    private suspend fun join(call: suspend () -> JoinedRecord): Boolean {
        if (state.value.busy) return false
        update { it.copy(busy = true, problem = null) }
        return try {
            val joined = call()
            // The program's schedule now, not at the first periodic sync; a failure here leaves
            // the device enrolled, and the periodic sync catches up.
            try {
                store.sync()
            } catch (e: CompanionException.Network) {
                update { it.copy(problem = Problem.of(e)) }
            }
            // The core says whether this is the moment to ask for notifications.
            update { it.copy(busy = false, askNotificationPermission = joined.askNotificationPermission) }
            complete(OnboardingChoice.JOIN)
        } catch (e: CompanionException) {
            update { it.copy(busy = false, problem = Problem.of(e)) }
            false
        }
    }

    private fun complete(choice: OnboardingChoice): Boolean {
        val discreet = state.value.discreet ?: state.value.screen?.discreetNotifications ?: return false
        return when (val outcome = attempt { store.completeOnboarding(discreet, choice) }) {
            is Outcome.Done -> {
                update { it.copy(screen = outcome.value, done = !outcome.value.needed) }
                true
            }
            is Outcome.Failed -> {
                update { it.copy(problem = outcome.problem) }
                false
            }
        }
    }
}
