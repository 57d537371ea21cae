package org.iopcompanion.presenters

import java.time.Instant
import java.time.LocalDateTime
import java.time.ZoneId
import org.iopcompanion.core.ActionType
import org.iopcompanion.core.ContactActionRecord
import org.iopcompanion.core.OccurrenceRecord

/** An occurrence's status, from the core's text. */
enum class OccurrenceStatus {
    SCHEDULED,
    MOVED,
    CANCELLED;

    companion object {
        internal fun of(text: String): OccurrenceStatus = when (text) {
            "moved" -> MOVED
            "cancelled" -> CANCELLED
            else -> SCHEDULED
        }
    }
}

/** Where an occurrence stands against now. */
enum class Timing { UPCOMING, NOW, OVER }

/**
 * One occurrence as a screen shows it: at the participant's local time, and at the session's
 * own wall-clock time too when that reads differently (a Chicago group seen from New York).
 */
data class OccurrenceLine(
    val sessionId: String,
    val seriesDate: String,
    val title: String,
    /** The core's kind code ("process-group"…), which the view puts in words. */
    val kind: String,
    val startsAt: Instant,
    val endsAt: Instant,
    val localStart: LocalDateTime,
    val localEnd: LocalDateTime,
    /** The session's own start and zone, only when its wall clock differs from the participant's. */
    val sessionZoneStart: LocalDateTime?,
    val sessionZone: String?,
    val location: String?,
    val videoLink: String?,
    val status: OccurrenceStatus,
    val fromProgram: Boolean,
    val timing: Timing,
)

internal fun OccurrenceRecord.toLine(zone: ZoneId, now: Instant, programSessions: Set<String>): OccurrenceLine {
    val localStart = LocalDateTime.ofInstant(start, zone)
    val own = runCatching { LocalDateTime.parse(this.localStart) }.getOrNull()
    val differs = own != null && timeZone != zone.id && own != localStart
    return OccurrenceLine(
        sessionId = sessionId,
        seriesDate = seriesDate,
        title = title,
        kind = kind,
        startsAt = start,
        endsAt = end,
        localStart = localStart,
        localEnd = LocalDateTime.ofInstant(end, zone),
        sessionZoneStart = if (differs) own else null,
        sessionZone = if (differs) timeZone else null,
        location = location,
        videoLink = videoLink,
        status = OccurrenceStatus.of(status),
        fromProgram = sessionId in programSessions,
        timing = when {
            !now.isBefore(end) -> Timing.OVER
            !now.isBefore(start) -> Timing.NOW
            else -> Timing.UPCOMING
        },
    )
}

/** Something to do with a contact or a crisis line: the platform opens [uri]. */
data class ContactAction(val kind: ActionType, val label: String, val uri: String)

internal fun ContactActionRecord.toAction() = ContactAction(kind, label, uri)

/** What the platform layer is asked to do for the participant. */
sealed interface PlatformRequest {
    /** Open a `tel:`, `sms:` or `mailto:` link (dialer, messages, mail). */
    data class OpenUri(val uri: String, val kind: ActionType) : PlatformRequest

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
