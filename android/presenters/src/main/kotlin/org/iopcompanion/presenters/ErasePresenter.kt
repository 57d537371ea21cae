package org.iopcompanion.presenters

import org.iopcompanion.core.CompanionException
import org.iopcompanion.core.CompanionStore
import org.iopcompanion.core.EraseAttempt
import org.iopcompanion.core.HeldReminder
import org.iopcompanion.core.ServerErasure

data class EraseState(
    val erasing: Boolean = false,
    /** Set once everything is erased: the app starts again from a fresh store. */
    val erased: ServerErasure? = null,
    /** What the erase did, in the core's words. */
    val summary: String? = null,
    /**
     * The server could not be reached, so nothing was erased: the screen shows the core's
     * `message` and a button worded `thisDeviceOnly` (erase this device only; the server's
     * copy remains), or the participant tries again later.
     */
    val unreachable: EraseAttempt.ServerUnreachable? = null,
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
        update { it.copy(erasing = true, unreachable = null, problem = null) }
        return try {
            // The record of what the OS holds is in the store: read before it goes.
            val held = store.remindersApplied()?.held.orEmpty()
            when (val attempt = store.eraseAttempt(localOnly)) {
                is EraseAttempt.Erased -> {
                    // The key goes only after the core erased: deleting it first would lock the
                    // participant out of data that may still be there.
                    afterErase.storeErased(held)
                    update { EraseState(erased = attempt.report.server, summary = attempt.report.summary) }
                    true
                }
                is EraseAttempt.ServerUnreachable -> {
                    // Nothing erased, the store still usable: the core's words and its offer.
                    update { it.copy(erasing = false, unreachable = attempt) }
                    false
                }
            }
        } catch (e: CompanionException) {
            update { it.copy(erasing = false, unreachable = null, problem = Problem.of(e)) }
            false
        }
    }

    fun dismissProblem() = update { it.copy(problem = null) }

    /** Not now: the participant tries again later, the store as it was. */
    fun dismissUnreachable() = update { it.copy(unreachable = null) }
}
