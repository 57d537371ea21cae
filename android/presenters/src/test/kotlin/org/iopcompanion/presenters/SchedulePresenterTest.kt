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
import org.iopcompanion.core.attendanceMarkLabel
import org.iopcompanion.core.weeklyRepeat
import org.iopcompanion.core.zoneClockLabel
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
        assertTrue(schedule.openMoveForm(id, wednesday))
        schedule.moveTo(LocalDateTime.of(2030, 1, 10, 9, 0))
        assertTrue(schedule.saveMove())
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
        assertTrue(open().intervalChoices.isEmpty(), "no interval to choose without a repeat")

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

        // The interval: one of the core's choices, each in its words; nothing else is taken.
        val intervals = open().intervalChoices
        assertEquals(form.choices.intervalChoices, intervals)
        assertEquals(form.choices.minIntervalWeeks, intervals.first().weeks)
        assertEquals(form.choices.maxIntervalWeeks, intervals.last().weeks)
        assertTrue(intervals.all { it.label.isNotBlank() } && intervals.map { it.label }.toSet().size == intervals.size, intervals.toString())
        assertEquals(intervals.first().weeks, open().edited.recurrence?.intervalWeeks)
        schedule.setIntervalWeeks(form.choices.maxIntervalWeeks + 1u)
        assertEquals(intervals.first().weeks, open().edited.recurrence?.intervalWeeks)
        schedule.setIntervalWeeks(intervals.last().weeks)
        assertEquals(intervals.last().weeks, open().edited.recurrence?.intervalWeeks)
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
        assertTrue(open().intervalChoices.isEmpty())
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

        fun monday() = schedule.state.value.screen!!.recent.single { it.occurrence.seriesDate == LocalDate.of(2030, 1, 7) }
        fun mark() = monday().mark
        // Both marks, in the core's words and the closed set's order; none chosen yet.
        val choices = monday().markChoices()
        assertEquals(AttendanceMark.entries, choices.map { it.mark })
        assertEquals(AttendanceMark.entries.map(::attendanceMarkLabel), choices.map { it.label })
        assertTrue(choices.all { it.label.isNotBlank() } && choices[0].label != choices[1].label, choices.toString())
        assertTrue(choices.none { it.selected })

        // A tap marks; a tap on the chosen mark clears it; the other mark replaces it.
        val went = choices.single { it.mark == AttendanceMark.ATTENDED }
        assertEquals(ScheduleAction.MarkAttendance(id, LocalDate.of(2030, 1, 7), AttendanceMark.ATTENDED), went.onTap)
        assertTrue(schedule.act(went.onTap))
        assertEquals(AttendanceMark.ATTENDED, mark())
        assertEquals(listOf(true, false), monday().markChoices().map { it.selected })
        assertTrue(schedule.act(monday().markChoices().single { it.mark == AttendanceMark.MISSED }.onTap))
        assertEquals(AttendanceMark.MISSED, mark())
        val chosen = monday().markChoices().single { it.selected }
        assertEquals(ScheduleAction.ClearAttendance(id, LocalDate.of(2030, 1, 7)), chosen.onTap)
        assertTrue(schedule.act(chosen.onTap))
        assertNull(mark())
        assertFalse(schedule.act(ScheduleAction.MarkAttendance(id, LocalDate.of(2030, 1, 14), AttendanceMark.MISSED)))
        assertEquals(Problem.Kind.INVALID_INPUT, schedule.state.value.problem?.kind)
    }

    @Test
    fun `the move form is the core's, opens where the occurrence stands, and a move keeps its length`() {
        val store = newStore()
        val schedule = SchedulePresenter(store, clock, TestPhone(store))
        assertTrue(schedule.addChicagoGroup())
        val id = schedule.state.value.screen!!.sessions.single().id
        val wednesday = LocalDate.of(2030, 1, 9)
        fun move() = schedule.state.value.dialog as ScheduleDialog.MoveOccurrence

        assertTrue(schedule.openMoveForm(id, wednesday))
        val form = move().form
        assertEquals(store.moveForm(id, wednesday, clock.instant(), "America/New_York"), form)
        // On the session's own clock (09:00 in Chicago), with the core's note: the phone is in New York.
        assertEquals(LocalDateTime.of(2030, 1, 9, 9, 0), form.start)
        assertEquals(form.start, move().to)
        assertEquals("America/Chicago", form.zone)
        assertTrue(form.clockNote.orEmpty().contains("Chicago"), form.clockNote)
        assertTrue(form.title.contains("Process group"), form.title)
        assertEquals(180u, form.durationMinutes)

        // Another device moved it before, an hour long: the form opens there, and moving it
        // again keeps that hour (the session's three hours are not put back).
        store.scheduleAct(
            ScheduleAction.MoveOccurrence(id, wednesday, LocalDateTime.of(2030, 1, 9, 13, 0), 60u),
            clock.instant(), "America/New_York", ClockStyle.TWENTY_FOUR_HOUR,
        )
        assertTrue(schedule.openMoveForm(id, wednesday))
        assertEquals(LocalDateTime.of(2030, 1, 9, 13, 0), move().form.start)
        assertEquals(60u, move().form.durationMinutes)
        schedule.moveTo(LocalDateTime.of(2030, 1, 10, 15, 30))
        assertEquals(LocalDateTime.of(2030, 1, 10, 15, 30), move().to)
        assertTrue(schedule.saveMove())
        assertNull(schedule.state.value.dialog)
        val moved = schedule.state.value.screen!!.days.flatMap { it.occurrences }.single { it.seriesDate == wednesday }
        assertEquals(OccurrenceStatus.MOVED, moved.status)
        assertEquals(LocalDateTime.of(2030, 1, 10, 15, 30), moved.sessionClock?.start ?: moved.localStart)
        assertEquals(java.time.Duration.ofMinutes(60), java.time.Duration.between(moved.startsAt, moved.endsAt))

        // A cancelled one cannot be moved: the core says why, and no form opens.
        assertTrue(schedule.act(ScheduleAction.CancelOccurrence(id, LocalDate.of(2030, 1, 14))))
        assertFalse(schedule.openMoveForm(id, LocalDate.of(2030, 1, 14)))
        assertEquals(Problem.Kind.INVALID_INPUT, schedule.state.value.problem?.kind)
        assertNull(schedule.state.value.dialog)
        assertFalse(schedule.saveMove(), "no form, nothing to save")
    }

    @Test
    fun `the session form's length is one of the core's choices, and its clock line follows the zone`() {
        val store = newStore()
        val schedule = SchedulePresenter(store, clock, TestPhone(store))
        assertTrue(schedule.openSessionForm(null))
        fun open() = schedule.state.value.dialog as ScheduleDialog.SessionForm
        val form = open().form
        // The default length is among the core's choices, each in words, and it is the one picked.
        val lengths = open().durationChoices
        assertEquals(form.choices.durationChoices, lengths)
        assertEquals(form.values.durationMinutes, open().duration?.minutes)
        assertTrue(lengths.all { it.label.isNotBlank() }, lengths.toString())
        val longer = lengths.last()
        schedule.setDuration(longer)
        assertEquals(longer.minutes, open().edited.durationMinutes)
        assertEquals(longer, open().duration)
        schedule.setDuration(org.iopcompanion.core.DurationChoiceRecord(7u, "7 minutes"))
        assertEquals(longer.minutes, open().edited.durationMinutes, "only the core's lengths are taken")

        // The default leads and the clock in the core's words.
        assertTrue(form.defaultLeadsLabel.isNotBlank(), form.defaultLeadsLabel)
        assertEquals(form.zoneLabel, open().zoneLabel)
        schedule.editSessionForm { it.copy(zone = "Europe/London") }
        assertEquals(zoneClockLabel("Europe/London", clock.instant()), open().zoneLabel)
        assertTrue(open().zoneLabel.orEmpty().contains("London"), open().zoneLabel)
        schedule.editSessionForm { it.copy(title = "Walk") }
        assertEquals(zoneClockLabel("Europe/London", clock.instant()), open().zoneLabel, "an edit elsewhere keeps it")
        schedule.editSessionForm { it.copy(zone = "Mars/Olympus") }
        assertNull(open().zoneLabel, "no clock line for a zone the core does not know")
        schedule.editSessionForm { it.copy(zone = form.values.zone) }
        assertEquals(form.zoneLabel, open().zoneLabel)

        // A session whose own length is off the core's list finds it among the choices.
        schedule.editSessionForm { it.copy(title = "Walk", durationMinutes = 50u) }
        assertTrue(schedule.saveSessionForm(), schedule.state.value.problem?.detail)
        assertTrue(schedule.openSessionForm(store.sessions().single().id))
        assertEquals(50u, open().duration?.minutes)
        assertTrue(open().duration!!.label.isNotBlank())
    }

    @Test
    fun `an empty schedule says so in the core's words, and a running session says it is on`() {
        val store = newStore()
        val schedule = SchedulePresenter(store, clock, TestPhone(store))
        schedule.refresh()
        val screen = requireNotNull(schedule.state.value.screen)
        assertTrue(screen.days.isEmpty())
        assertTrue(screen.emptyLabel.isNotBlank(), screen.emptyLabel)

        // Sunday 07:00 in New York is 06:00 in Chicago: a Chicago session from 05:30 is on now.
        assertTrue(schedule.openSessionForm(null))
        schedule.editSessionForm {
            it.copy(title = "Early walk", start = LocalDateTime.of(2030, 1, 6, 5, 30), zone = "America/Chicago", durationMinutes = 60u)
        }
        assertTrue(schedule.saveSessionForm(), schedule.state.value.problem?.detail)
        val now = schedule.state.value.screen!!.days.flatMap { it.occurrences }.single()
        assertEquals(org.iopcompanion.core.Timing.NOW, now.timing)
        assertTrue(now.timingLabel.orEmpty().isNotBlank(), now.toString())
    }
}
