package org.iopcompanion.presenters

import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.update
import org.iopcompanion.core.ActionType
import org.iopcompanion.core.ClockStyle
import org.iopcompanion.core.CompanionException
import org.iopcompanion.core.ContactActionRecord
import org.iopcompanion.core.HeldReminder
import org.iopcompanion.core.OccurrenceViewRecord
import org.iopcompanion.core.PlatformFacts

/**
 * One screen's state and the actions it can take. The state holds the core's screen record
 * as it came back, plus what only the UI knows (loading, busy, an open dialog, the problem to
 * show). Every action calls the core and takes the screen it returns; nothing is decided
 * here. Store calls block for a few milliseconds on the caller's thread (the app calls them
 * off the main thread); network ones are `suspend`.
 */
abstract class Presenter<S : Any>(initial: S) {
    private val mutableState = MutableStateFlow(initial)
    val state: StateFlow<S> = mutableState.asStateFlow()

    protected fun update(transform: (S) -> S) = mutableState.update(transform)
}

/**
 * What only the phone knows, read at each refresh: its 12/24-hour setting, the platform's
 * facts for reminder health and Today's notice, and the reminders the OS holds now.
 */
interface Phone {
    fun clockStyle(): ClockStyle

    fun facts(): PlatformFacts

    fun held(): List<HeldReminder>
}

/**
 * Something the participant should be told went wrong: [detail] is the core's own message
 * (it never carries a note, a name, a number or a token); [kind] only lets a screen offer
 * what fits (try again later, this device only).
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
        NEEDS_NEWER_APP,
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
                is CompanionException.NeedsNewerApp -> Kind.NEEDS_NEWER_APP
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

/** One of a closed set's cases with the core's words for it, as a button or chip shows it. */
data class Labelled<T>(val value: T, val label: String)

/** What the platform layer is asked to do for the participant. */
sealed interface PlatformRequest {
    /** Open a `tel:`, `sms:` or `mailto:` link (dialer, messages, mail): the core's own link. */
    data class OpenUri(val uri: String, val kind: ActionType) : PlatformRequest {
        companion object {
            fun of(action: ContactActionRecord) = OpenUri(action.uri, action.kind)
        }
    }

    /** Open a web link (a session's video call) with the phone's browser or the call's app. */
    data class OpenLink(val uri: String) : PlatformRequest

    /** Save bytes to a file the participant picks (a backup, an export). */
    data class SaveFile(
        val suggestedName: String,
        val mediaType: String,
        val bytes: ByteArray,
    ) : PlatformRequest {
        // ByteArray compares by reference; a request is the same when its bytes are.
        override fun equals(other: Any?): Boolean = other is SaveFile &&
            other.suggestedName == suggestedName && other.mediaType == mediaType &&
            other.bytes.contentEquals(bytes)

        override fun hashCode(): Int = (suggestedName.hashCode() * 31 + mediaType.hashCode()) * 31 +
            bytes.contentHashCode()
    }
}

/**
 * The occurrence's video call to open, only when the core says it can be joined (it has a
 * link and is neither cancelled nor over); `null`: no "Join video" on its row.
 */
fun OccurrenceViewRecord.joinRequest(): PlatformRequest.OpenLink? =
    if (canJoin) videoLink?.let { PlatformRequest.OpenLink(it) } else null
