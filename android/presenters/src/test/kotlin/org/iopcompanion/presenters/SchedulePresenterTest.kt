package org.iopcompanion.presenters

import java.time.Clock
import java.time.DayOfWeek
import java.time.Instant
import java.time.LocalDate
import java.time.LocalDateTime
import java.time.ZoneOffset
import java.time.temporal.ChronoUnit
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

class SchedulePresenterTest : StoreTest() {
    /** Sunday 2030-01-06, 07:00 in New York. */
    private val clock = clockAt("2030-01-06T12:00:00Z", "America/New_York")

    private val chicagoGroup = SessionDraft(
        title = "Process group",
        kind = "process-group",
        start = LocalDateTime.of(2030, 1, 7, 9, 0),
        zone = "America/Chicago",
        durationMinutes = 180,
        weekdays = setOf(DayOfWeek.WEDNESDAY, DayOfWeek.MONDAY),
        location = "Room 2",
    )

    @Test
    fun `a weekly session added here shows on the coming days at local time`() {
        val store = newStore()
        val schedule = SchedulePresenter(store, clock)
        schedule.refresh()
        assertTrue(schedule.state.value.loaded)
        assertEquals(emptyList<ScheduleDay>(), schedule.state.value.days)

        assertTrue(schedule.addSession(chicagoGroup))
        val s = schedule.state.value
        assertNull(s.problem)
        assertEquals(
            listOf(LocalDate.of(2030, 1, 7), LocalDate.of(2030, 1, 9), LocalDate.of(2030, 1, 14), LocalDate.of(2030, 1, 16)),
            s.days.map { it.date },
        )
        assertTrue(s.days.all { d -> d.occurrences.single().localStart.toLocalTime().hour == 10 }, "09:00 Chicago is 10:00 New York")
        assertTrue(s.days.all { d -> d.occurrences.single().sessionZoneStart?.hour == 9 })

        val summary = s.sessions.single()
        assertEquals("Process group", summary.title)
        assertEquals("process-group", summary.kind)
        assertFalse(summary.fromProgram)
        assertEquals(listOf(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY), summary.weekdays)
        assertEquals(LocalDateTime.of(2030, 1, 7, 9, 0), summary.start)
        assertEquals("America/Chicago", summary.zone)
        assertEquals(180, summary.durationMinutes)
        assertNull(summary.reminderLeads, "it follows the preferences' default lead times")
    }

    @Test
    fun `adding a session with reminders is the moment to ask for notifications, once`() {
        val store = newStore()
        val schedule = SchedulePresenter(store, clock)
        assertTrue(schedule.addSession(chicagoGroup))
        assertTrue(schedule.state.value.reminderMoment)
        schedule.reminderMomentHandled()
        assertFalse(schedule.state.value.reminderMoment)

        // A session without reminders is no reason to ask.
        assertTrue(schedule.addSession(chicagoGroup.copy(title = "Quiet", reminderLeads = emptyList())))
        assertFalse(schedule.state.value.reminderMoment)
        assertEquals(emptyList<Int>(), schedule.state.value.sessions.single { it.title == "Quiet" }.reminderLeads)
    }

    @Test
    fun `occurrences are cancelled and restored, sessions removed`() {
        val store = newStore()
        val schedule = SchedulePresenter(store, clock)
        schedule.addSession(chicagoGroup)
        val id = schedule.state.value.sessions.single().id

        assertTrue(schedule.cancelOccurrence(id, "2030-01-09"))
        val wednesday = schedule.state.value.days.single { it.date == LocalDate.of(2030, 1, 9) }
        assertEquals(OccurrenceStatus.CANCELLED, wednesday.occurrences.single().status)

        assertTrue(schedule.restoreOccurrence(id, "2030-01-09"))
        assertEquals(
            OccurrenceStatus.SCHEDULED,
            schedule.state.value.days.single { it.date == LocalDate.of(2030, 1, 9) }.occurrences.single().status,
        )

        assertTrue(schedule.removeSession(id))
        assertEquals(emptyList<SessionSummary>(), schedule.state.value.sessions)
        assertEquals(emptyList<ScheduleDay>(), schedule.state.value.days)
        assertFalse(schedule.removeSession(id))
        assertEquals(Problem.Kind.NOT_FOUND, schedule.state.value.problem?.kind)
    }

    @Test
    fun `what the core refuses adds nothing and says why`() {
        val store = newStore()
        val schedule = SchedulePresenter(store, clock)
        assertFalse(schedule.addSession(chicagoGroup.copy(title = "  ")))
        assertEquals(Problem.Kind.INVALID_INPUT, schedule.state.value.problem?.kind)
        assertFalse(schedule.addSession(chicagoGroup.copy(title = "Group", zone = "Mars/Olympus")))
        assertEquals(Problem.Kind.UNKNOWN_TIME_ZONE, schedule.state.value.problem?.kind)
        assertFalse(schedule.addSession(chicagoGroup.copy(durationMinutes = 0)))
        assertEquals(Problem.Kind.INVALID_INPUT, schedule.state.value.problem?.kind)
        assertFalse(schedule.state.value.reminderMoment)
        assertEquals(emptyList<Any>(), store.sessions())
        schedule.dismissProblem()
        assertNull(schedule.state.value.problem)
    }

    @Test
    fun `attendance is marked on occurrences that started, never on coming ones`() {
        // The core reckons attendance from the real clock, so this test's session is two days
        // before it and the next one a week after.
        val now = Instant.now().truncatedTo(ChronoUnit.MINUTES)
        val start = LocalDateTime.ofInstant(now, ZoneOffset.UTC).minusDays(2).truncatedTo(ChronoUnit.HOURS)
        val store = newStore()
        val schedule = SchedulePresenter(store, Clock.fixed(now, ZoneOffset.UTC))
        assertTrue(schedule.addSession(SessionDraft(title = "Individual", kind = "individual", start = start, zone = "UTC")))
        assertTrue(schedule.addSession(SessionDraft(title = "Later", start = start.plusDays(9), zone = "UTC")))
        val id = schedule.state.value.sessions.single { it.title == "Individual" }.id
        val line = schedule.state.value.recent.single()
        assertEquals("Individual", line.occurrence.title)
        assertNull(line.mark)

        assertTrue(schedule.markAttended(id, line.occurrence.seriesDate))
        assertEquals(Attendance.ATTENDED, schedule.state.value.recent.single().mark)
        assertTrue(schedule.markMissed(id, line.occurrence.seriesDate))
        assertEquals(Attendance.MISSED, schedule.state.value.recent.single().mark)

        val later = schedule.state.value.sessions.single { it.title == "Later" }.id
        assertFalse(schedule.markAttended(later, start.plusDays(9).toLocalDate().toString()))
        assertEquals(Problem.Kind.INVALID_INPUT, schedule.state.value.problem?.kind)
    }
}
