package org.iopcompanion.presenters

import java.time.Instant
import org.iopcompanion.core.CompanionStore
import org.iopcompanion.core.ReminderRecord

/** The notification channels reminders and status go to; the platform creates them up front. */
enum class ReminderChannel { SESSION_REMINDERS, CHECKIN_REMINDER, STATUS }

/** How a reminder's notification reads, as the core planned it. */
enum class ContentStyle {
    /** Discreet (the default): names no treatment, program or substance. */
    NEUTRAL,

    /** The session named, with its place and time. */
    SESSION,

    /** The daily check-in. */
    CHECK_IN,
}

/** What a reminder's notification shows; the platform puts it in the participant's words. */
data class ReminderContent(
    val style: ContentStyle,
    val title: String? = null,
    val location: String? = null,
    val videoLink: String? = null,
    /** When the session starts (session reminders, discreet or not). */
    val startsAt: Instant? = null,
    /** The session's own zone, to show its wall-clock time when that reads differently. */
    val sessionZone: String? = null,
    val leadMinutes: Int? = null,
)

/** A reminder the OS holds, as the platform recorded it when it handed it over. */
data class HeldReminder(
    val id: String,
    /** The core's stable 31-bit number: the notification id and the alarm's request code. */
    val requestCode: Int,
    val fireAt: Instant,
    /** Whether it went to the OS as an exact alarm. */
    val exact: Boolean,
)

/** One alarm to hand the OS. */
data class AlarmRequest(
    val id: String,
    val requestCode: Int,
    val fireAt: Instant,
    /** Exact when the OS allows it; otherwise inexact (and the health screen says so). */
    val exact: Boolean,
    val channel: ReminderChannel,
    val content: ReminderContent,
) {
    fun toHeld() = HeldReminder(id, requestCode, fireAt, exact)
}

/**
 * What the platform does to go from what the OS holds to the core's plan: cancel [cancel]
 * first, then schedule [schedule]; afterwards the OS holds [held], which the platform records.
 */
data class AlarmChanges(
    val cancel: List<HeldReminder>,
    val schedule: List<AlarmRequest>,
    val held: List<HeldReminder>,
    val appliedAt: Instant,
) {
    val isEmpty: Boolean get() = cancel.isEmpty() && schedule.isEmpty()
}

/**
 * Maps the core's reminder plan and its diff to alarms: which to cancel, which to schedule,
 * exact or not. The core decides what is due and when; this only translates, so the Android
 * code performs a list and decides nothing.
 */
class ReminderPlanApplier(
    private val store: CompanionStore,
    private val horizonDays: Long = HORIZON_DAYS,
    private val maxCount: Int = MAX_COUNT,
) {

    /**
     * The changes for now, in the phone's [zone], given what the OS holds ([held], as recorded
     * when it was scheduled). [osClearedAlarms] after a reboot or an app update, when the OS
     * dropped every alarm: everything planned is scheduled again.
     */
    fun changes(
        now: Instant,
        zone: String,
        held: List<HeldReminder>,
        exactAllowed: Boolean,
        osClearedAlarms: Boolean = false,
    ): AlarmChanges {
        val stillHeld = if (osClearedAlarms) emptyList() else held.distinctBy { it.id }
        // An alarm held the other way (inexact while exact is now allowed, or the reverse once
        // the permission was revoked) is replaced: cancelled, and scheduled again as planned.
        val (kept, wrongWay) = stillHeld.partition { it.exact == exactAllowed }
        val diff = store.reminderChanges(now, zone, horizonDays, maxCount.toUInt(), kept.map { it.id })
        val cancelIds = diff.cancel.toSet()
        val schedule = diff.schedule.map { it.toRequest(exactAllowed) }
        return AlarmChanges(
            cancel = wrongWay + kept.filter { it.id in cancelIds },
            schedule = schedule,
            held = (kept.filter { it.id !in cancelIds } + schedule.map { it.toHeld() }).sortedBy { it.fireAt },
            appliedAt = now,
        )
    }

    companion object {
        /** Everything the OS holds, cancelled (after an erase, when there is no plan any more). */
        fun cancelAll(held: List<HeldReminder>, now: Instant): AlarmChanges =
            AlarmChanges(cancel = held, schedule = emptyList(), held = emptyList(), appliedAt = now)

        /** Days the rolling window covers; it is refreshed at launch, on changes and daily. */
        const val HORIZON_DAYS = 30L

        /** The most alarms held at once (the core's usual limit; Android allows 500 per app). */
        const val MAX_COUNT = 64

        internal fun ReminderRecord.toRequest(exact: Boolean) = AlarmRequest(
            id = id,
            requestCode = numericId,
            fireAt = fireAt,
            exact = exact,
            channel = if (kind == "check-in") ReminderChannel.CHECKIN_REMINDER else ReminderChannel.SESSION_REMINDERS,
            content = ReminderContent(
                style = when (contentStyle) {
                    "session" -> ContentStyle.SESSION
                    "check-in" -> ContentStyle.CHECK_IN
                    // Anything else reads as discreet: never say more than the core allowed.
                    else -> ContentStyle.NEUTRAL
                },
                title = title,
                location = location,
                videoLink = videoLink,
                startsAt = startsAt,
                sessionZone = timeZone,
                leadMinutes = leadMinutes?.toInt(),
            ),
        )
    }
}
