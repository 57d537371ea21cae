package org.iopcompanion.presenters

import java.time.LocalDate
import java.time.LocalDateTime
import org.iopcompanion.core.ActionType
import org.iopcompanion.core.CheckInInput
import org.iopcompanion.core.CompanionStore
import org.iopcompanion.core.ContactInput
import org.iopcompanion.core.RecurrenceRecord
import org.iopcompanion.core.Role
import org.iopcompanion.core.SessionInput
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

class TodayPresenterTest : StoreTest() {

    /** A Chicago group on Mondays and Wednesdays at 09:00 (15:00 UTC in January), 3 hours. */
    private fun CompanionStore.chicagoGroup() = addSession(
        SessionInput(
            title = "Process group", kind = "process-group", start = "2030-01-07T09:00",
            timeZone = "America/Chicago", durationMinutes = 180u, location = "Room 2",
            recurrence = RecurrenceRecord(listOf("MO", "WE"), 1u, null, null),
        ),
    )

    @Test
    fun `the program's time shows at the participant's local time, and at its own when that differs`() {
        val store = newStore()
        store.chicagoGroup()
        // 07:00 in New York on Monday 2030-01-07.
        val today = TodayPresenter(store, clockAt("2030-01-07T12:00:00Z", "America/New_York"))
        today.refresh()
        val s = today.state.value
        assertTrue(s.loaded)
        assertNull(s.problem)
        assertEquals(LocalDate.of(2030, 1, 7), s.date)
        assertEquals("America/New_York", s.zone)
        val group = s.sessions.single()
        assertEquals("Process group", group.title)
        assertEquals(LocalDateTime.of(2030, 1, 7, 10, 0), group.localStart)
        assertEquals(LocalDateTime.of(2030, 1, 7, 13, 0), group.localEnd)
        assertEquals(LocalDateTime.of(2030, 1, 7, 9, 0), group.sessionZoneStart)
        assertEquals("America/Chicago", group.sessionZone)
        assertEquals("Room 2", group.location)
        assertEquals(Timing.UPCOMING, group.timing)
        assertEquals(OccurrenceStatus.SCHEDULED, group.status)
        assertEquals(false, group.fromProgram)
        assertNull(s.next, "something is still to come today")

        // Seen from Chicago itself, there is no second time to show.
        val there = TodayPresenter(store, clockAt("2030-01-07T12:00:00Z", "America/Chicago"))
        there.refresh()
        val local = there.state.value.sessions.single()
        assertEquals(LocalDateTime.of(2030, 1, 7, 9, 0), local.localStart)
        assertNull(local.sessionZoneStart)
        assertNull(local.sessionZone)
    }

    @Test
    fun `during the session it is now, and after it the next one is shown`() {
        val store = newStore()
        store.chicagoGroup()
        val during = TodayPresenter(store, clockAt("2030-01-07T16:00:00Z", "America/New_York"))
        during.refresh()
        assertEquals(Timing.NOW, during.state.value.sessions.single().timing)

        val after = TodayPresenter(store, clockAt("2030-01-07T19:00:00Z", "America/New_York"))
        after.refresh()
        val s = after.state.value
        assertEquals(Timing.OVER, s.sessions.single().timing)
        val next = s.next
        requireNotNull(next)
        assertEquals(LocalDateTime.of(2030, 1, 9, 10, 0), next.localStart, "Wednesday's group, at New York time")

        // A cancelled occurrence is listed (struck through) and the next one is offered.
        store.cancelOccurrence(store.sessions().single().id, "2030-01-09")
        val morning = TodayPresenter(store, clockAt("2030-01-09T12:00:00Z", "America/New_York"))
        morning.refresh()
        assertEquals(OccurrenceStatus.CANCELLED, morning.state.value.sessions.single().status)
        assertEquals(LocalDateTime.of(2030, 1, 14, 10, 0), morning.state.value.next?.localStart)
    }

    @Test
    fun `today's check-in status follows the core's local date`() {
        val store = newStore()
        // 03:00 UTC on the 3rd is still the 2nd in Los Angeles (check-ins are for past days).
        val today = TodayPresenter(store, clockAt("2025-06-03T03:00:00Z", "America/Los_Angeles"))
        today.refresh()
        assertEquals(LocalDate.of(2025, 6, 2), today.state.value.date)
        assertNull(today.state.value.checkIn)

        store.recordCheckin("2025-06-02", CheckInInput(mood = 6u, craving = 2u))
        today.refresh()
        assertEquals(CheckInSummary(mood = 6, craving = 2), today.state.value.checkIn)
    }

    @Test
    fun `reaching out is one tap away, with the first crisis line and the favourites and their actions`() {
        val store = newStore()
        store.setDeviceRegion("US")
        store.addContact(ContactInput(name = "Sam", role = Role.SPONSOR, phone = "(201) 555-0102", favourite = true))
        store.addContact(ContactInput(name = "Alex", role = Role.PEER, phone = "(201) 555-0103"))
        val today = TodayPresenter(store, clockAt("2030-01-07T12:00:00Z", "America/New_York"))
        today.refresh()
        val s = today.state.value
        val crisis = s.crisisShortcut
        requireNotNull(crisis)
        assertEquals("988 Suicide & Crisis Lifeline", crisis.name)
        assertEquals("tel:988", crisis.action.uri)
        assertEquals(PlatformRequest.OpenUri("tel:988", ActionType.CALL), today.open(crisis.action))

        val sam = s.favourites.single()
        assertEquals("Sam", sam.name)
        assertEquals(Role.SPONSOR, sam.role)
        assertEquals(listOf("tel:+12015550102", "sms:+12015550102"), sam.actions.map { it.uri })
    }

    @Test
    fun `a zone the core does not know is a problem to show, not a crash`() {
        val store = newStore()
        // A whole-hour offset is read as its Etc zone; a half-hour one has no IANA name.
        val whole = TodayPresenter(store, clockAt("2030-01-07T12:00:00Z", "+05:00"))
        whole.refresh()
        assertNull(whole.state.value.problem)
        val today = TodayPresenter(store, clockAt("2030-01-07T12:00:00Z", "+05:30"))
        today.refresh()
        assertEquals(Problem.Kind.UNKNOWN_TIME_ZONE, today.state.value.problem?.kind)
        assertTrue(today.state.value.loaded)
        today.dismissProblem()
        assertNull(today.state.value.problem)
    }
}
