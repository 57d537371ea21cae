package org.iopcompanion.presenters

import java.io.File
import org.iopcompanion.core.CompanionException
import org.iopcompanion.core.CompanionStore
import org.iopcompanion.core.HttpTransport
import org.iopcompanion.core.storeExists

/**
 * Why the store could not be opened, as the facts say (v2 names these `OpenProblem` and words
 * the screen with `openProblemScreen`). Only [KEY_LOST] and [DAMAGED] can ever offer to start
 * over; [UNAVAILABLE] is temporary (a locked device, a busy Keystore, I/O) and never deletes.
 */
enum class OpenFailure { KEY_LOST, UNAVAILABLE, DAMAGED }

/** The platform's key store failed: [lost] when the key is gone for good (not for a temporary failure). */
class StoreKeyException(val lost: Boolean, message: String, cause: Throwable? = null) : Exception(message, cause)

class StoreOpenException(val failure: OpenFailure, cause: Throwable?) : Exception(failure.name, cause)

/** Where the store key lives: Android Keystore's wrapped key on the phone, memory in the tests. */
interface StoreKeys {
    fun exists(): Boolean

    /** The key; [StoreKeyException] says whether it is lost or only unavailable now. */
    fun load(): ByteArray

    /** A new key, kept; only for a directory that holds no store yet. */
    fun create(): ByteArray
}

object StoreOpener {
    /** Opens (or, the first time, creates) the store in [dir]; [StoreOpenException] names the failure. */
    fun open(dir: File, keys: StoreKeys, transport: HttpTransport): CompanionStore {
        val key = try {
            when {
                keys.exists() -> keys.load()
                // A store without its key would be refused once a new key is made: it is lost.
                storeExists(dir.path) -> throw StoreKeyException(lost = true, "the store's key is missing")
                else -> keys.create()
            }
        } catch (e: StoreKeyException) {
            throw StoreOpenException(if (e.lost) OpenFailure.KEY_LOST else OpenFailure.UNAVAILABLE, e)
        }
        return try {
            CompanionStore.open(dir.path, key, transport)
        } catch (e: CompanionException) {
            throw StoreOpenException(failureOf(e), e)
        } finally {
            key.fill(0)
        }
    }

    fun failureOf(e: CompanionException): OpenFailure = when (e) {
        is CompanionException.WrongKey -> OpenFailure.KEY_LOST
        is CompanionException.StoreUnusable -> OpenFailure.DAMAGED
        // Storage (locked, busy, I/O) and anything else: try again, never delete.
        else -> OpenFailure.UNAVAILABLE
    }
}

/** What the participant can do about a store that did not open. */
enum class OpenChoice { TRY_AGAIN, START_OVER }

data class StoreProblemState(
    val failure: OpenFailure,
    /** v1 stopgap for v2's `OpenProblemScreen.choices`: start over only when the data cannot come back. */
    val choices: List<OpenChoice>,
    /** START_OVER was tapped once: the view asks to confirm before anything is deleted. */
    val confirmingStartOver: Boolean = false,
)

/** The screen for a store that did not open; "Try again" always, "Start over" only for a lost key or damage. */
class StoreProblemPresenter(failure: OpenFailure) : Presenter<StoreProblemState>(
    StoreProblemState(
        failure,
        if (failure == OpenFailure.UNAVAILABLE) listOf(OpenChoice.TRY_AGAIN) else listOf(OpenChoice.TRY_AGAIN, OpenChoice.START_OVER),
    ),
) {
    fun startOver() = update { if (OpenChoice.START_OVER in it.choices) it.copy(confirmingStartOver = true) else it }

    fun cancelStartOver() = update { it.copy(confirmingStartOver = false) }

    /** Whether deleting is allowed now: offered, and confirmed. */
    val mayDelete: Boolean get() = state.value.let { OpenChoice.START_OVER in it.choices && it.confirmingStartOver }
}
