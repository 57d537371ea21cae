package org.iopcompanion.presenters

import java.io.File
import org.iopcompanion.core.CompanionException
import org.iopcompanion.core.CompanionStore
import org.iopcompanion.core.HttpTransport
import org.iopcompanion.core.OpenProblem
import org.iopcompanion.core.OpenProblemChoice
import org.iopcompanion.core.OpenProblemScreen
import org.iopcompanion.core.openProblemChoiceLabel
import org.iopcompanion.core.openProblemScreen
import org.iopcompanion.core.storeExists

/** The platform's key store failed: [lost] when the key is gone for good (not for a temporary failure). */
class StoreKeyException(val lost: Boolean, message: String, cause: Throwable? = null) : Exception(message, cause)

/** The store did not open; [problem] is what the facts say, for the core to word. */
class StoreOpenException(val problem: OpenProblem, cause: Throwable?) : Exception(problem.name, cause)

/** Where the store key lives: Android Keystore's wrapped key on the phone, memory in the tests. */
interface StoreKeys {
    fun exists(): Boolean

    /** The key; [StoreKeyException] says whether it is lost or only unavailable now. */
    fun load(): ByteArray

    /** A new key, kept; only for a directory that holds no store yet. */
    fun create(): ByteArray
}

/**
 * Opening the store, and telling what failed (an adaptation of facts, not a rule): a key that
 * is gone or wrong is KEY_LOST; any other key store or storage failure is UNAVAILABLE, which
 * the core offers only "Try again" for; a damaged store, DAMAGED; a newer app's, NEEDS_NEWER_APP.
 */
object StoreOpener {
    /** Opens (or, the first time, creates) the store in [dir]; [StoreOpenException] names the problem. */
    fun open(dir: File, keys: StoreKeys, transport: HttpTransport): CompanionStore {
        val key = try {
            when {
                keys.exists() -> keys.load()
                // A store without its key would be refused once a new key is made: it is lost.
                storeExists(dir.path) -> throw StoreKeyException(lost = true, "the store's key is missing")
                else -> keys.create()
            }
        } catch (e: StoreKeyException) {
            throw StoreOpenException(if (e.lost) OpenProblem.KEY_LOST else OpenProblem.UNAVAILABLE, e)
        }
        return try {
            CompanionStore.open(dir.path, key, transport)
        } catch (e: CompanionException) {
            throw StoreOpenException(problemOf(e), e)
        } finally {
            key.fill(0)
        }
    }

    fun problemOf(e: CompanionException): OpenProblem = when (e) {
        is CompanionException.WrongKey -> OpenProblem.KEY_LOST
        is CompanionException.StoreUnusable -> OpenProblem.DAMAGED
        is CompanionException.NeedsNewerApp -> OpenProblem.NEEDS_NEWER_APP
        // Storage (locked, busy, I/O) and anything else: try again, never delete.
        else -> OpenProblem.UNAVAILABLE
    }
}

data class StoreProblemState(
    /** The core's words and choices for the problem. */
    val screen: OpenProblemScreen,
    /** START_OVER was tapped once: the view shows the core's warning before anything is deleted. */
    val confirmingStartOver: Boolean = false,
) {
    /** The core's choices for the problem, each in its words ("Try again", "Start over"). */
    val choices: List<Labelled<OpenProblemChoice>>
        get() = screen.choices.map { Labelled(it, openProblemChoiceLabel(it)) }
}

/** The screen for a store that did not open, as the core words it. */
class StoreProblemPresenter(problem: OpenProblem) : Presenter<StoreProblemState>(StoreProblemState(openProblemScreen(problem))) {

    fun startOver() = update { if (OpenProblemChoice.START_OVER in it.screen.choices) it.copy(confirmingStartOver = true) else it }

    fun cancelStartOver() = update { it.copy(confirmingStartOver = false) }

    /** Whether deleting is allowed now: the core offers it, and the participant confirmed. */
    val mayDelete: Boolean get() = state.value.let { OpenProblemChoice.START_OVER in it.screen.choices && it.confirmingStartOver }
}
