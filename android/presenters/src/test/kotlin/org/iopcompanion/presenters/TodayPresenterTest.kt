package org.iopcompanion.presenters

import java.time.LocalDate
import java.time.LocalDateTime
import org.iopcompanion.core.CheckInValuesRecord
import org.iopcompanion.core.ChangeListener
import org.iopcompanion.core.ClockStyle
import org.iopcompanion.core.CompanionStore
import org.iopcompanion.core.ContactInput
import org.iopcompanion.core.DataChange
import org.iopcompanion.core.PlatformFacts
import org.iopcompanion.core.OccurrenceStatus
import org.iopcompanion.core.RecurrenceRecord
import org.iopcompanion.core.ReminderNotice
import org.iopcompanion.core.Role
import org.iopcompanion.core.ScheduleAction
import org.iopcompanion.core.SessionInput
import org.iopcompanion.core.SessionKind
import org.iopcompanion.core.Weekday
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

class TodayPresenterTest : StoreTest() {
    /** Monday 2030-01-07, 07:00 in New York. */
    private val clock = clockAt("2030-01-07T12:00:00Z", "America/New_York")

    private fun CompanionStore.chicagoGroup() = addSession(
        SessionInput(
            title = "Process group", kind = SessionKind.PROCESS_GROUP, start = LocalDateTime.of(2030, 1, 7, 9, 0),
            timeZone = "America/Chicago", durationMinutes = 180u, location = "Room 2",
            recurrence = RecurrenceRecord(listOf(Weekday.MONDAY, Weekday.WEDNESDAY), 1u, null, null),
        ),
    )

    @Test
    fun `it shows the core's Today for now, the phone's zone, clock style, facts and what the OS holds`() {
        val store = newStore()
        store.setDeviceRegion("US")
        store.chicagoGroup()
        store.addContact(ContactInput(name = "Sam", role = Role.SPONSOR, phone = "(201) 555-0102", favourite = true))
        val phone = TestPhone(store, clock = ClockStyle.TWELVE_HOUR)
        val today = TodayPresenter(store, clock, phone)
        assertTrue(!today.state.value.loaded)
        today.refresh()
        val screen = requireNotNull(today.state.value.screen)
        assertEquals(
            store.todayScreen(clock.instant(), "America/New_York", ClockStyle.TWELVE_HOUR, phone.facts(), emptyList()),
            screen,
        )
        assertEquals(LocalDate.of(2030, 1, 7), screen.date)
        assertEquals("Process group", screen.sessions.single().title)
        assertEquals("tel:988", screen.crisis?.action?.uri)
        assertEquals("Sam", screen.favourites.single().name)
        assertNull(today.state.value.problem)
    }

    @Test
    fun `the reminder card's words and what its button does follow the facts the phone gives`() {
        val store = newStore()
        store.chicagoGroup()
        val phone = TestPhone(store, ALL_ALLOWED.copy(notificationsEnabled = false, canAskNotificationPermission = true))
        val today = TodayPresenter(store, clock, phone)
        today.refresh()
        val ask = requireNotNull(today.state.value.screen?.reminderCard)
        assertEquals(ReminderNotice.AskPermission, ask.notice)
        assertEquals(today.state.value.screen?.reminderNotice, ask.notice)
        assertTrue(today.state.value.reminderCardAsksPermission, "the button asks for notifications")
        assertTrue(ask.title.isNotBlank() && ask.detail.isNotBlank() && ask.button.isNotBlank(), ask.toString())

        // Refused for good: only the system settings can help, so the button opens Reminder health.
        phone.android = phone.android.copy(canAskNotificationPermission = false)
        today.refresh()
        val attention = requireNotNull(today.state.value.screen?.reminderCard)
        assertTrue(attention.notice is ReminderNotice.NeedsAttention, attention.toString())
        assertFalse(today.state.value.reminderCardAsksPermission, "the button opens reminder health")
        assertEquals(
            store.reminderHealth(clock.instant(), "America/New_York", phone.clockStyle(), PlatformFacts.Android(phone.android), emptyList()).notice,
            attention.notice,
        )
        assertTrue(attention.button != ask.button, "each button says what it does: ${attention.button}")

        // All allowed and the plan handed to the OS: no card at all.
        phone.android = ALL_ALLOWED
        ReminderPlanApplier(store, RecordingAlarms()).apply(clock.instant(), "America/New_York", phone.clockStyle(), ApplyReason.LAUNCH)
        today.refresh()
        assertNull(today.state.value.screen?.reminderCard)
        assertFalse(today.state.value.reminderCardAsksPermission)
    }

    @Test
    fun `each occurrence says its status, and offers its video only while it can be joined`() {
        val store = newStore()
        val byVideo = store.addSession(
            SessionInput(
                title = "Check-in call", kind = SessionKind.INDIVIDUAL, start = LocalDateTime.of(2030, 1, 7, 11, 0),
                timeZone = "America/New_York", durationMinutes = 30u, videoLink = "https://meet.example.org/abc",
                recurrence = RecurrenceRecord(listOf(Weekday.MONDAY), 1u, null, null),
            ),
        )
        store.chicagoGroup()
        val phone = TestPhone(store)
        val today = TodayPresenter(store, clock, phone)
        today.refresh()
        fun line(title: String) = today.state.value.screen!!.sessions.single { it.title == title }
        assertTrue(line("Check-in call").canJoin)
        assertEquals(PlatformRequest.OpenLink("https://meet.example.org/abc"), line("Check-in call").joinRequest())
        assertNull(line("Check-in call").statusLabel, "as scheduled: no status to show")
        assertFalse(line("Process group").canJoin, "no video link")
        assertNull(line("Process group").joinRequest())

        store.scheduleAct(ScheduleAction.CancelOccurrence(byVideo.id, LocalDate.of(2030, 1, 7)), clock.instant(), "America/New_York", phone.clockStyle())
        today.refresh()
        assertEquals(OccurrenceStatus.CANCELLED, line("Check-in call").status)
        assertEquals(true, line("Check-in call").statusLabel?.isNotBlank())
        assertFalse(line("Check-in call").canJoin)
        assertNull(line("Check-in call").joinRequest(), "a cancelled session's link is not offered")
    }

    @Test
    fun `a session on now and one that ended say so in the core's words, one ahead says nothing`() {
        val store = newStore()
        store.addSession(
            SessionInput(
                title = "Check-in call", kind = SessionKind.INDIVIDUAL, start = LocalDateTime.of(2030, 1, 7, 11, 0),
                timeZone = "America/New_York", durationMinutes = 30u,
            ),
        )
        store.chicagoGroup()
        store.addSession(
            SessionInput(title = "Walk", start = LocalDateTime.of(2030, 1, 7, 18, 0), timeZone = "America/New_York", durationMinutes = 60u),
        )
        // 11:40 in New York: the call (11:00-11:30) is over, the group (10:00-13:00 here) is on.
        val today = TodayPresenter(store, clockAt("2030-01-07T16:40:00Z", "America/New_York"), TestPhone(store))
        today.refresh()
        fun line(title: String) = today.state.value.screen!!.sessions.single { it.title == title }
        val now = requireNotNull(line("Process group").timingLabel)
        val ended = requireNotNull(line("Check-in call").timingLabel)
        assertTrue(now.isNotBlank() && ended.isNotBlank() && now != ended, "$now / $ended")
        assertNull(line("Walk").timingLabel, "ahead: nothing to say")
    }

    @Test
    fun `a change notification refreshes it`() {
        val store = newStore()
        // A past day: the core takes no check-in for a day still to come on the real calendar.
        val clock = clockAt("2025-06-02T16:00:00Z", "America/New_York")
        val today = TodayPresenter(store, clock, TestPhone(store))
        today.refresh()
        assertNull(today.state.value.screen?.checkin)
        // As the app wires it: every saved change refreshes the screen.
        val subscription = store.subscribe(object : ChangeListener {
            override fun onChange(change: DataChange) = today.refresh()
        })
        try {
            val form = store.checkinScreenToday(clock.instant(), "America/New_York")
            store.saveCheckinForm(form.date, form.values, CheckInValuesRecord(mood = 6u, craving = 2u), clock.instant(), "America/New_York")
            val checkin = requireNotNull(today.state.value.screen?.checkin)
            assertEquals(6, checkin.mood.toInt())
            assertEquals(2, checkin.craving?.toInt())
            // The line Today shows is the core's, and says the values.
            assertTrue(checkin.label.contains("6") && checkin.label.contains("2"), checkin.label)
        } finally {
            subscription.cancel()
        }
    }

    @Test
    fun `a zone the core does not know is shown as its problem, and the last screen stays`() {
        val store = newStore()
        val today = TodayPresenter(store, clock, TestPhone(store))
        today.refresh()
        assertNotNull(today.state.value.screen)
        val elsewhere = TodayPresenter(store, clockAt("2030-01-07T12:00:00Z", "+05:30"), TestPhone(store))
        elsewhere.refresh()
        assertEquals(Problem.Kind.UNKNOWN_TIME_ZONE, elsewhere.state.value.problem?.kind)
        assertTrue(elsewhere.state.value.problem?.detail.orEmpty().isNotEmpty())
        assertTrue(elsewhere.state.value.loaded)
        elsewhere.dismissProblem()
        assertNull(elsewhere.state.value.problem)
    }
}
