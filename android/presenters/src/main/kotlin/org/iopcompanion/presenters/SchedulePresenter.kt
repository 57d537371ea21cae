package org.iopcompanion.presenters

import java.time.Clock
import java.time.DayOfWeek
import java.time.Duration
import java.time.LocalDate
import java.time.LocalDateTime
import java.time.format.DateTimeFormatter
import org.iopcompanion.core.CompanionStore
import org.iopcompanion.core.RecurrenceRecord
import org.iopcompanion.core.SessionInput
import org.iopcompanion.core.SessionRecord

data class ScheduleState(
    val loaded: Boolean = false,
    /** The coming days that hold an occurrence, in the participant's local dates. */
    val days: List<ScheduleDay> = emptyList(),
    /** Every session: the participant's own (editable) and the program's (read-only). */
    val sessions: List<SessionSummary> = emptyList(),
    /** Occurrences of the last days that have started, most recent first, with what was marked. */
    val recent: List<AttendanceLine> = emptyList(),
    /**
     * Set once a session with reminders was just added: the moment to ask for the notification
     * permission (not at first launch). The platform asks only if it is not granted yet, then
     * calls [SchedulePresenter.reminderMomentHandled].
     */
    val reminderMoment: Boolean = false,
    val problem: Problem? = null,
)

data class ScheduleDay(val date: LocalDate, val occurrences: List<OccurrenceLine>)

data class SessionSummary(
    val id: String,
    val title: String,
    val kind: String,
    /** The program's sessions change only through the program (the core refuses edits). */
    val fromProgram: Boolean,
    /** First start, on the session's own wall clock in [zone]. */
    val start: LocalDateTime?,
    val zone: String,
    val durationMinutes: Int,
    /** Empty for a one-off. */
    val weekdays: List<DayOfWeek>,
    val intervalWeeks: Int,
    val until: LocalDate?,
    val location: String?,
    /** Minutes before each occurrence; `null` follows the preferences' default. */
    val reminderLeads: List<Int>?,
)

enum class Attendance { ATTENDED, MISSED }

data class AttendanceLine(val occurrence: OccurrenceLine, val mark: Attendance?)

/** A new personal session as the add-session form holds it; the core checks every field. */
data class SessionDraft(
    val title: String,
    val kind: String = "other",
    val start: LocalDateTime,
    /** The zone the session's wall-clock time is in; usually the phone's. */
    val zone: String,
    val durationMinutes: Int = 60,
    /** Empty for a one-off; otherwise weekly on these days. */
    val weekdays: Set<DayOfWeek> = emptySet(),
    val intervalWeeks: Int = 1,
    val location: String? = null,
    val videoLink: String? = null,
    /** `null`: the preferences' default lead times. */
    val reminderLeads: List<Int>? = null,
)

/** Program and personal sessions, what is coming, and attendance. */
class SchedulePresenter(
    private val store: CompanionStore,
    private val clock: Clock,
) : Presenter<ScheduleState>(ScheduleState()) {

    fun refresh() {
        val now = clock.instant()
        val zone = clock.zone
        val outcome = attempt {
            val sessions = store.sessions()
            val program = sessions.filter { it.programId != null }.map { it.id }.toSet()
            val coming = store.occurrences(now, now.plus(DAYS_AHEAD))
                .map { it.toLine(zone, now, program) }
                .groupBy { it.localStart.toLocalDate() }
                .map { (date, list) -> ScheduleDay(date, list.sortedBy { it.startsAt }) }
                .sortedBy { it.date }
            val recent = store.attendance(ATTENDANCE_DAYS).map { entry ->
                AttendanceLine(
                    entry.occurrence.toLine(zone, now, program),
                    when (entry.attendance) {
                        "attended" -> Attendance.ATTENDED
                        "missed" -> Attendance.MISSED
                        else -> null
                    },
                )
            }
            Triple(coming, sessions.map { it.toSummary() }, recent)
        }
        update { old ->
            when (outcome) {
                is Outcome.Done -> old.copy(
                    loaded = true,
                    days = outcome.value.first,
                    sessions = outcome.value.second,
                    recent = outcome.value.third,
                )
                is Outcome.Failed -> old.copy(loaded = true, problem = outcome.problem)
            }
        }
    }

    /** Adds a personal session; returns whether it was added. */
    fun addSession(draft: SessionDraft): Boolean {
        val input = SessionInput(
            title = draft.title,
            kind = draft.kind,
            location = draft.location?.takeIf { it.isNotBlank() },
            videoLink = draft.videoLink?.takeIf { it.isNotBlank() },
            start = draft.start.format(LOCAL_MINUTES),
            timeZone = draft.zone,
            durationMinutes = draft.durationMinutes.toUInt(),
            recurrence = draft.weekdays.takeIf { it.isNotEmpty() }?.let { days ->
                RecurrenceRecord(
                    weekdays = days.sorted().map { WEEKDAY_CODES.getValue(it) },
                    intervalWeeks = draft.intervalWeeks.toUInt(),
                    until = null,
                    count = null,
                )
            },
            reminderLeads = draft.reminderLeads?.map { it.toUInt() },
        )
        return act {
            val added = store.addSession(input)
            val leads = added.reminderLeads ?: store.preferences().defaultReminderLeads
            if (leads.isNotEmpty()) update { it.copy(reminderMoment = true) }
        }
    }

    fun removeSession(id: String): Boolean = act { store.removeSession(id) }

    fun cancelOccurrence(sessionId: String, seriesDate: String): Boolean =
        act { store.cancelOccurrence(sessionId, seriesDate) }

    fun restoreOccurrence(sessionId: String, seriesDate: String): Boolean =
        act { store.restoreOccurrence(sessionId, seriesDate) }

    fun markAttended(sessionId: String, seriesDate: String): Boolean =
        act { store.markAttended(sessionId, seriesDate) }

    fun markMissed(sessionId: String, seriesDate: String): Boolean =
        act { store.markMissed(sessionId, seriesDate) }

    fun reminderMomentHandled() = update { it.copy(reminderMoment = false) }

    fun dismissProblem() = update { it.copy(problem = null) }

    /** Runs a change, then shows the schedule as it now is, or the problem. */
    private fun act(change: () -> Unit): Boolean {
        val outcome = attempt(change)
        if (outcome is Outcome.Failed) {
            update { it.copy(problem = outcome.problem) }
            return false
        }
        refresh()
        return true
    }

    companion object {
        /** How far ahead the schedule lists occurrences. */
        val DAYS_AHEAD: Duration = Duration.ofDays(14)

        /** How far back attendance can be marked from this screen. */
        const val ATTENDANCE_DAYS = 14L

        /** The session kinds the core knows (companion-core session.rs), in the order offered. */
        val KINDS = listOf(
            "process-group", "skills-group", "psychoeducation", "individual", "family", "aftercare", "other",
        )

        private val LOCAL_MINUTES: DateTimeFormatter = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm")

        private val WEEKDAY_CODES = mapOf(
            DayOfWeek.MONDAY to "MO", DayOfWeek.TUESDAY to "TU", DayOfWeek.WEDNESDAY to "WE",
            DayOfWeek.THURSDAY to "TH", DayOfWeek.FRIDAY to "FR", DayOfWeek.SATURDAY to "SA",
            DayOfWeek.SUNDAY to "SU",
        )

        internal fun weekday(code: String): DayOfWeek? = WEEKDAY_CODES.entries.firstOrNull { it.value == code }?.key
    }
}

private fun SessionRecord.toSummary() = SessionSummary(
    id = id,
    title = title,
    kind = kind,
    fromProgram = programId != null,
    start = runCatching { LocalDateTime.parse(start) }.getOrNull(),
    zone = timeZone,
    durationMinutes = durationMinutes.toInt(),
    weekdays = recurrence?.weekdays?.mapNotNull { SchedulePresenter.weekday(it.uppercase()) }.orEmpty(),
    intervalWeeks = recurrence?.intervalWeeks?.toInt() ?: 1,
    until = recurrence?.until?.let { runCatching { LocalDate.parse(it) }.getOrNull() },
    location = location,
    reminderLeads = reminderLeads?.map { it.toInt() },
)
