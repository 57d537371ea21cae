package org.iopcompanion.presenters

import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.update
import org.iopcompanion.core.CompanionException

/**
 * One screen's state and the actions it can take. Views render [state] and call actions;
 * they decide nothing. Actions that call the store block for a few milliseconds on the
 * caller's thread (the app calls them off the main thread); setters that only edit the
 * screen's state (a mood tapped, a note typed) do not; network ones are `suspend`.
 */
abstract class Presenter<S : Any>(initial: S) {
    private val mutableState = MutableStateFlow(initial)
    val state: StateFlow<S> = mutableState.asStateFlow()

    protected fun update(transform: (S) -> S) = mutableState.update(transform)
}

/**
 * Something the participant should be told went wrong. [kind] picks the wording; [detail] is
 * the core's message, which never carries a note, a name, a number or a token, and names
 * the field for invalid input.
 */
data class Problem(val kind: Kind, val detail: String) {
    enum class Kind {
        INVALID_INPUT,
        UNKNOWN_TIME_ZONE,
        NOT_FOUND,
        READ_ONLY,
        STORE_UNUSABLE,
        WRONG_KEY,
        NOT_ENROLLED,
        INVALID_CODE,
        NETWORK,
        INVALID_DATA,
        STORAGE,
        CALLBACK,
    }

    /** Whether trying the same thing again later may work (offline, a busy server). */
    val retryable: Boolean get() = kind == Kind.NETWORK

    companion object {
        fun of(e: CompanionException): Problem = Problem(
            when (e) {
                is CompanionException.InvalidInput -> Kind.INVALID_INPUT
                is CompanionException.UnknownTimeZone -> Kind.UNKNOWN_TIME_ZONE
                is CompanionException.NotFound -> Kind.NOT_FOUND
                is CompanionException.ReadOnly -> Kind.READ_ONLY
                is CompanionException.StoreUnusable -> Kind.STORE_UNUSABLE
                is CompanionException.WrongKey -> Kind.WRONG_KEY
                is CompanionException.NotEnrolled -> Kind.NOT_ENROLLED
                is CompanionException.InvalidCode -> Kind.INVALID_CODE
                is CompanionException.Network -> Kind.NETWORK
                is CompanionException.InvalidData -> Kind.INVALID_DATA
                is CompanionException.Storage -> Kind.STORAGE
                is CompanionException.Callback -> Kind.CALLBACK
            },
            e.message.orEmpty(),
        )
    }
}

/** A store call's value, or the problem to show. Only the core's own errors are caught. */
sealed interface Outcome<out T> {
    data class Done<T>(val value: T) : Outcome<T>
    data class Failed(val problem: Problem) : Outcome<Nothing>
}

internal inline fun <T> attempt(call: () -> T): Outcome<T> = try {
    Outcome.Done(call())
} catch (e: CompanionException) {
    Outcome.Failed(Problem.of(e))
}

internal val Outcome<*>.problem: Problem? get() = (this as? Outcome.Failed)?.problem
