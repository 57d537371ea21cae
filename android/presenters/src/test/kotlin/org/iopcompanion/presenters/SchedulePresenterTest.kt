package org.iopcompanion.presenters

import java.time.LocalDate
import java.time.LocalDateTime
import org.iopcompanion.core.AttendanceMark
import org.iopcompanion.core.OccurrenceStatus
import org.iopcompanion.core.RecurrenceRecord
import org.iopcompanion.core.ScheduleAction
import org.iopcompanion.core.SessionValuesRecord
import org.iopcompanion.core.SessionKind
import org.iopcompanion.core.Weekday
import org.iopcompanion.core.ClockStyle
import org.iopcompanion.core.weeklyRepeat
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

class SchedulePresenterTest : StoreTest() {
    /** Sunday 2030-01-06, 07:00 in New York. */
    private val clock = clockAt("2030-01-06T12:00:00Z", "America/New_York")

    /** The participant fills the core's new-session form with a Chicago group on Mondays and Wednesdays. */
    private fun SessionValuesRecord.chicagoGroup() = copy(
        title = "Process group",
        kind = SessionKind.PROCESS_GROUP,
        start = LocalDateTime.of(2030, 1, 7, 9, 0),
        zone = "America/Chicago",
        durationMinutes = 180u,
        recurrence = RecurrenceRecord(listOf(Weekday.MONDAY, Weekday.WEDNESDAY), 1u, null, null),
        location = "Room 2",
    )

    private fun SchedulePresenter.addChicagoGroup(): Boolean {
        assertTrue(openSessionForm(null))
        editSessionForm { it.chicagoGroup() }
        return saveSessionForm()
    }

    @Test
    fun `it shows the core's schedule, and an added session is the core's answer`() {
        val store = newStore()
        val schedule = SchedulePresenter(store, clock, TestPhone(store))
        schedule.refresh()
        assertEquals(store.scheduleScreen(clock.instant(), "America/New_York", ClockStyle.TWENTY_FOUR_HOUR), schedule.state.value.screen)

        assertTrue(schedule.openSessionForm(null))
        val form = (schedule.state.value.dialog as ScheduleDialog.SessionForm).form
        assertEquals(store.sessionForm(null, clock.instant(), "America/New_York"), form)
        assertEquals(form.values, (schedule.state.value.dialog as ScheduleDialog.SessionForm).edited)
        schedule.editSessionForm { it.chicagoGroup() }
        assertTrue(schedule.saveSessionForm())
        val s = schedule.state.value
        assertNull(s.dialog, "the form closes once the core saved it")
        assertEquals(store.scheduleScreen(clock.instant(), "America/New_York", ClockStyle.TWENTY_FOUR_HOUR), s.screen)
        val session = s.screen!!.sessions.single()
        assertEquals("Process group", session.title)
        assertFalse(session.fromProgram)
        assertEquals(LocalDate.of(2030, 1, 7), s.screen.days.first().date)
        // The core says a session with reminders is the moment to ask for notifications.
        assertTrue(s.askNotificationPermission)
        schedule.permissionAsked()
        assertFalse(schedule.state.value.askNotificationPermission)
    }

    @Test
    fun `what the core refuses keeps the form open with the core's words, and nothing changes`() {
        val store = newStore()
        val schedule = SchedulePresenter(store, clock, TestPhone(store))
        schedule.refresh()
        assertTrue(schedule.openSessionForm(null))
        schedule.editSessionForm { it.chicagoGroup().copy(title = "  ") }
        val typed = schedule.state.value.dialog
        assertFalse(schedule.saveSessionForm())
        assertEquals(Problem.Kind.INVALID_INPUT, schedule.state.value.problem?.kind)
        assertEquals(typed, schedule.state.value.dialog, "the form stays open with what was typed")
        schedule.editSessionForm { it.copy(title = "Process group", zone = "Mars/Olympus") }
        assertFalse(schedule.saveSessionForm())
        assertEquals(Problem.Kind.UNKNOWN_TIME_ZONE, schedule.state.value.problem?.kind)
        assertFalse(schedule.state.value.askNotificationPermission)
        assertTrue(store.sessions().isEmpty())
        schedule.dismissProblem()
        assertNull(schedule.state.value.problem)
    }

    @Test
    fun `occurrences are cancelled, moved and restored, sessions edited and removed, through the core`() {
        val store = newStore()
        val schedule = SchedulePresenter(store, clock, TestPhone(store))
        assertTrue(schedule.addChicagoGroup())
        val id = schedule.state.value.screen!!.sessions.single().id
        val wednesday = LocalDate.of(2030, 1, 9)
        fun status(date: LocalDate) = schedule.state.value.screen!!.days.flatMap { it.occurrences }
            .single { it.seriesDate == date }.status

        // Each row's status in the core's words: none as scheduled, one for cancelled and moved.
        fun statusLabel(date: LocalDate) = schedule.state.value.screen!!.days.flatMap { it.occurrences }
            .single { it.seriesDate == date }.statusLabel
        assertNull(statusLabel(wednesday))

        assertTrue(schedule.act(ScheduleAction.CancelOccurrence(id, wednesday)))
        assertEquals(OccurrenceStatus.CANCELLED, status(wednesday))
        val cancelled = requireNotNull(statusLabel(wednesday))
        assertTrue(schedule.act(ScheduleAction.RestoreOccurrence(id, wednesday)))
        assertEquals(OccurrenceStatus.SCHEDULED, status(wednesday))
        assertNull(statusLabel(wednesday))
        schedule.open(ScheduleDialog.MoveOccurrence(id, wednesday, LocalDateTime.of(2030, 1, 9, 9, 0)))
        assertTrue(schedule.act(ScheduleAction.MoveOccurrence(id, wednesday, LocalDateTime.of(2030, 1, 10, 9, 0), null)))
        assertEquals(OccurrenceStatus.MOVED, status(wednesday))
        val moved = requireNotNull(statusLabel(wednesday))
        assertTrue(cancelled.isNotBlank() && moved.isNotBlank() && cancelled != moved, "$cancelled / $moved")
        assertNull(schedule.state.value.dialog)

        assertTrue(schedule.openSessionForm(id))
        // Another device renames the group while the form is open: only the place is written here.
        store.scheduleAct(
            ScheduleAction.SaveSessionForm(id, store.sessionForm(id, clock.instant(), "America/New_York").values,
                store.sessionForm(id, clock.instant(), "America/New_York").values.copy(title = "Evening group")),
            clock.instant(), "America/New_York", ClockStyle.TWENTY_FOUR_HOUR,
        )
        schedule.editSessionForm { it.copy(location = "Room 5") }
        assertTrue(schedule.saveSessionForm())
        assertEquals("Room 5", schedule.state.value.screen!!.sessions.single().location)
        assertEquals("Evening group", schedule.state.value.screen!!.sessions.single().title)

        assertTrue(schedule.act(ScheduleAction.RemoveSession(id)))
        assertTrue(schedule.state.value.screen!!.sessions.isEmpty())
        assertFalse(schedule.act(ScheduleAction.RemoveSession(id)))
        assertEquals(Problem.Kind.NOT_FOUND, schedule.state.value.problem?.kind)
    }

    @Test
    fun `repeat starts on the start's weekday as it is now, keeps the core's day order, and stays in its interval bounds`() {
        val store = newStore()
        val schedule = SchedulePresenter(store, clock, TestPhone(store))
        schedule.refresh()
        assertTrue(schedule.openSessionForm(null))
        fun open() = schedule.state.value.dialog as ScheduleDialog.SessionForm
        val form = open().form
        assertNull(open().edited.recurrence, "a new session opens as a one-off")
        assertNull(open().fewerWeeks)
        assertNull(open().moreWeeks)

        // The start moved to Thursday 10 January before repeat was turned on: the repeat follows it.
        schedule.editSessionForm { it.copy(title = "Walk", start = LocalDateTime.of(2030, 1, 10, 18, 0)) }
        schedule.setRepeats(true)
        val weekly = requireNotNull(open().edited.recurrence)
        assertEquals(weeklyRepeat(LocalDateTime.of(2030, 1, 10, 18, 0)), weekly)
        assertEquals(listOf(Weekday.THURSDAY), weekly.weekdays)
        assertTrue(form.weekly != weekly, "not the weekday the form opened with")

        // Days added in any order are kept in the core's order (Monday first); a second tap removes one.
        schedule.toggleRepeatDay(Weekday.SUNDAY)
        schedule.toggleRepeatDay(Weekday.MONDAY)
        assertEquals(form.choices.weekdays.filter { it in setOf(Weekday.MONDAY, Weekday.THURSDAY, Weekday.SUNDAY) }, open().edited.recurrence?.weekdays)
        schedule.toggleRepeatDay(Weekday.SUNDAY)
        assertEquals(listOf(Weekday.MONDAY, Weekday.THURSDAY), open().edited.recurrence?.weekdays)

        // The interval: its lower bound is the core's; nothing below it or above its upper one.
        val min = form.choices.minIntervalWeeks
        val max = form.choices.maxIntervalWeeks
        assertEquals(min, open().edited.recurrence?.intervalWeeks)
        assertNull(open().fewerWeeks, "already at the core's lower bound")
        assertEquals(min + 1u, open().moreWeeks)
        schedule.setIntervalWeeks(min - 1u)
        assertEquals(min, open().edited.recurrence?.intervalWeeks)
        schedule.setIntervalWeeks(requireNotNull(open().moreWeeks))
        assertEquals(min + 1u, open().edited.recurrence?.intervalWeeks)
        assertEquals(min, open().fewerWeeks)
        schedule.setIntervalWeeks(max)
        assertNull(open().moreWeeks, "at the core's upper bound")
        schedule.setIntervalWeeks(max + 1u)
        assertEquals(max, open().edited.recurrence?.intervalWeeks)
        schedule.setIntervalWeeks(2u)

        assertTrue(schedule.saveSessionForm(), schedule.state.value.problem?.detail)
        val saved = store.sessions().single()
        assertEquals(RecurrenceRecord(listOf(Weekday.MONDAY, Weekday.THURSDAY), 2u, null, null), saved.recurrence)

        // Off makes it a one-off again.
        assertTrue(schedule.openSessionForm(saved.id))
        schedule.setRepeats(false)
        assertNull(open().edited.recurrence)
        schedule.setIntervalWeeks(3u)
        assertNull(open().edited.recurrence, "no interval without a repeat")
    }

    @Test
    fun `attendance is marked and cleared on what has started`() {
        val store = newStore()
        // Thursday 2030-01-10 at noon in New York: Monday's and Wednesday's groups are over.
        val later = clockAt("2030-01-10T17:00:00Z", "America/New_York")
        val schedule = SchedulePresenter(store, later, TestPhone(store))
        assertTrue(schedule.addChicagoGroup())
        val recent = schedule.state.value.screen!!.recent
        val monday = recent.single { it.occurrence.seriesDate == LocalDate.of(2030, 1, 7) }
        assertNull(monday.mark)
        val id = monday.occurrence.sessionId

        assertTrue(schedule.act(ScheduleAction.MarkAttendance(id, LocalDate.of(2030, 1, 7), AttendanceMark.ATTENDED)))
        fun mark() = schedule.state.value.screen!!.recent.single { it.occurrence.seriesDate == LocalDate.of(2030, 1, 7) }.mark
        assertEquals(AttendanceMark.ATTENDED, mark())
        assertTrue(schedule.act(ScheduleAction.ClearAttendance(id, LocalDate.of(2030, 1, 7))))
        assertNull(mark())
        assertFalse(schedule.act(ScheduleAction.MarkAttendance(id, LocalDate.of(2030, 1, 14), AttendanceMark.MISSED)))
        assertEquals(Problem.Kind.INVALID_INPUT, schedule.state.value.problem?.kind)
    }
}
