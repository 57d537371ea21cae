package org.iopcompanion.presenters

import org.iopcompanion.core.CompanionException
import org.iopcompanion.core.CompanionStore
import org.iopcompanion.core.HeldReminder
import org.iopcompanion.core.ServerErasure

data class EraseState(
    val erasing: Boolean = false,
    /** Set once everything is erased: the app starts again from a fresh store. */
    val erased: ServerErasure? = null,
    /** What the erase did, in the core's words. */
    val summary: String? = null,
    /**
     * The server could not be reached, so nothing was erased: the screen offers to erase this
     * device only (the server's copy would remain) or to try again later.
     */
    val offerLocalOnly: Boolean = false,
    val problem: Problem? = null,
)

/**
 * What the platform must do once the core has erased the store: cancel every alarm in [held]
 * (what the OS held, read before the erase), remove delivered notifications, delete the
 * wrapped store key (Keystore / Keychain) and stop syncing.
 */
fun interface AfterErase {
    fun storeErased(held: List<HeldReminder>)
}

/** Erasing the participant's data: on the server first when enrolled, then on this device. */
class ErasePresenter(
    private val store: CompanionStore,
    private val afterErase: AfterErase,
) : Presenter<EraseState>(EraseState()) {

    /** Returns whether everything was erased; the store handle is spent then. */
    suspend fun erase(localOnly: Boolean): Boolean {
        if (state.value.erasing || state.value.erased != null) return false
        update { it.copy(erasing = true, problem = null) }
        return try {
            // The record of what the OS holds is in the store: read before it goes.
            val held = store.remindersApplied()?.held.orEmpty()
            val report = store.erase(localOnly)
            // The key goes only after the core erased: deleting it first would lock the
            // participant out of data that may still be there.
            afterErase.storeErased(held)
            update { EraseState(erased = report.server, summary = report.summary) }
            true
        } catch (e: CompanionException) {
            update {
                it.copy(
                    erasing = false,
                    offerLocalOnly = e is CompanionException.Network && !localOnly,
                    problem = Problem.of(e),
                )
            }
            false
        }
    }

    fun dismissProblem() = update { it.copy(problem = null) }
}
