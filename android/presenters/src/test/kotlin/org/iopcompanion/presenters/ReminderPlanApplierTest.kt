package org.iopcompanion.presenters

import java.time.Instant
import org.iopcompanion.core.CheckInInput
import org.iopcompanion.core.CompanionStore
import org.iopcompanion.core.PreferencesInput
import org.iopcompanion.core.RecurrenceRecord
import org.iopcompanion.core.SessionInput
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/**
 * The applier against the core's real plan and diff. The participant has a Chicago group on
 * Mondays and Wednesdays at 09:00 (14:00 UTC in June, reminded an hour before) and a check-in
 * reminder at 20:00 on the phone's clock. Plans cover 7 days from Sunday 1 June 2025.
 */
class ReminderPlanApplierTest : StoreTest() {

    private fun participant(): CompanionStore = newStore().also { store ->
        store.addSession(
            SessionInput(
                title = "Process group", kind = "process-group", start = "2025-06-02T09:00",
                timeZone = "America/Chicago", durationMinutes = 180u, location = "Room 2",
                recurrence = RecurrenceRecord(listOf("MO", "WE"), 1u, null, null),
            ),
        )
        store.editPreferences(PreferencesInput(checkinReminder = "20:00"))
    }

    private val sunday = Instant.parse("2025-06-01T12:00:00Z")

    private fun AlarmChanges.fireTimes(channel: ReminderChannel) =
        schedule.filter { it.channel == channel }.map { it.fireAt.toString() }

    @Test
    fun `the first time, everything planned is scheduled, exact when allowed`() {
        val applier = ReminderPlanApplier(participant(), horizonDays = 7)
        val changes = applier.changes(sunday, "America/New_York", held = emptyList(), exactAllowed = true)
        assertEquals(emptyList<HeldReminder>(), changes.cancel)
        assertEquals(listOf("2025-06-02T13:00:00Z", "2025-06-04T13:00:00Z"), changes.fireTimes(ReminderChannel.SESSION_REMINDERS))
        // 20:00 in New York (EDT) is midnight UTC, Sunday 1 June to Saturday 7 June.
        assertEquals((2..8).map { "2025-06-0${it}T00:00:00Z" }, changes.fireTimes(ReminderChannel.CHECKIN_REMINDER))
        assertTrue(changes.schedule.all { it.exact })
        assertEquals(changes.schedule.map { it.toHeld() }.sortedBy { it.fireAt }, changes.held)
        assertEquals(sunday, changes.appliedAt)

        // Discreet by default: the session is not named.
        val session = changes.schedule.first { it.channel == ReminderChannel.SESSION_REMINDERS }
        assertEquals(ContentStyle.NEUTRAL, session.content.style)
        assertEquals(null, session.content.title)
        assertEquals(Instant.parse("2025-06-02T14:00:00Z"), session.content.startsAt)
        assertEquals(60, session.content.leadMinutes)
        assertEquals(ContentStyle.NEUTRAL, changes.schedule.first { it.channel == ReminderChannel.CHECKIN_REMINDER }.content.style)

        // Applying again changes nothing.
        val again = applier.changes(sunday, "America/New_York", changes.held, exactAllowed = true)
        assertTrue(again.isEmpty)
        assertEquals(changes.held, again.held)
    }

    @Test
    fun `a time-zone change moves the check-in reminders and leaves the sessions' alone`() {
        val applier = ReminderPlanApplier(participant(), horizonDays = 7)
        val inNewYork = applier.changes(sunday, "America/New_York", emptyList(), exactAllowed = true)
        val wednesdayGroup = inNewYork.schedule.single { it.fireAt == Instant.parse("2025-06-04T13:00:00Z") }

        // Tuesday 3 June the participant is in Los Angeles (PDT): 20:00 there is 03:00 UTC.
        val tuesday = Instant.parse("2025-06-03T12:00:00Z")
        val inLosAngeles = applier.changes(tuesday, "America/Los_Angeles", inNewYork.held, exactAllowed = true)
        val oldCheckIns = inNewYork.schedule.filter { it.channel == ReminderChannel.CHECKIN_REMINDER }.map { it.id }.toSet()
        val mondayGroup = inNewYork.schedule.single { it.fireAt == Instant.parse("2025-06-02T13:00:00Z") }.id
        // Every New York check-in reminder goes (the ones already fired too), and Monday's group, which is over.
        assertEquals(oldCheckIns + mondayGroup, inLosAngeles.cancel.map { it.id }.toSet())
        assertEquals((4..9).map { "2025-06-0${it}T03:00:00Z" } + "2025-06-10T03:00:00Z", inLosAngeles.fireTimes(ReminderChannel.CHECKIN_REMINDER))
        // The Chicago group keeps its own zone: Wednesday's reminder is untouched, next Monday's is new.
        assertEquals(listOf("2025-06-09T13:00:00Z"), inLosAngeles.fireTimes(ReminderChannel.SESSION_REMINDERS))
        assertTrue(inLosAngeles.cancel.none { it.id == wednesdayGroup.id })
        assertTrue(inLosAngeles.schedule.none { it.id == wednesdayGroup.id })
        assertEquals(
            (inLosAngeles.schedule.map { it.toHeld() } + wednesdayGroup.toHeld()).sortedBy { it.fireAt },
            inLosAngeles.held,
        )
        // And the plan, applied in Los Angeles, is then steady.
        assertTrue(applier.changes(tuesday, "America/Los_Angeles", inLosAngeles.held, exactAllowed = true).isEmpty)
    }

    @Test
    fun `checking in cancels that day's reminder`() {
        val store = participant()
        val applier = ReminderPlanApplier(store, horizonDays = 7)
        val first = applier.changes(sunday, "America/New_York", emptyList(), exactAllowed = true)
        store.recordCheckin("2025-06-01", CheckInInput(mood = 6u))
        val after = applier.changes(sunday, "America/New_York", first.held, exactAllowed = true)
        assertEquals(listOf(Instant.parse("2025-06-02T00:00:00Z")), after.cancel.map { it.fireAt })
        assertEquals(emptyList<AlarmRequest>(), after.schedule)
        assertEquals(first.held.size - 1, after.held.size)
    }

    @Test
    fun `turning discreet notifications off replaces every reminder with a named one`() {
        val store = participant()
        val applier = ReminderPlanApplier(store, horizonDays = 7)
        val first = applier.changes(sunday, "America/New_York", emptyList(), exactAllowed = true)
        assertTrue(first.schedule.all { it.content.style == ContentStyle.NEUTRAL })
        store.editPreferences(PreferencesInput(discreetNotifications = false))
        val named = applier.changes(sunday, "America/New_York", first.held, exactAllowed = true)
        assertEquals(first.held, named.cancel.sortedBy { it.fireAt })
        assertEquals(first.schedule.map { it.fireAt }, named.schedule.map { it.fireAt })
        assertTrue(named.schedule.filter { it.channel == ReminderChannel.CHECKIN_REMINDER }.all { it.content.style == ContentStyle.CHECK_IN })
        val monday = named.schedule.first { it.channel == ReminderChannel.SESSION_REMINDERS }
        assertEquals(ReminderChannel.SESSION_REMINDERS, monday.channel)
        assertEquals(ContentStyle.SESSION, monday.content.style)
        assertEquals("Process group", monday.content.title)
        assertEquals("Room 2", monday.content.location)
        assertEquals("America/Chicago", monday.content.sessionZone)
    }

    @Test
    fun `alarms held the wrong way are replaced when the exact-alarm permission changes`() {
        val applier = ReminderPlanApplier(participant(), horizonDays = 7)
        val exact = applier.changes(sunday, "America/New_York", emptyList(), exactAllowed = true)
        // Revoked: every exact alarm is cancelled and scheduled again, inexact.
        val revoked = applier.changes(sunday, "America/New_York", exact.held, exactAllowed = false)
        assertEquals(exact.held, revoked.cancel)
        assertEquals(exact.held.map { it.id }, revoked.schedule.map { it.id })
        assertTrue(revoked.schedule.none { it.exact })
        assertTrue(revoked.held.none { it.exact })
        // Granted again: back to exact.
        val granted = applier.changes(sunday, "America/New_York", revoked.held, exactAllowed = true)
        assertEquals(exact.held, granted.held)
    }

    @Test
    fun `after a reboot or an update the OS holds nothing, so everything planned goes back`() {
        val applier = ReminderPlanApplier(participant(), horizonDays = 7)
        val first = applier.changes(sunday, "America/New_York", emptyList(), exactAllowed = true)
        val rebooted = applier.changes(sunday, "America/New_York", first.held, exactAllowed = true, osClearedAlarms = true)
        assertEquals(emptyList<HeldReminder>(), rebooted.cancel)
        assertEquals(first.schedule, rebooted.schedule)
        assertEquals(first.held, rebooted.held)
    }

    @Test
    fun `reminders that fired drop out, and the window rolls forward`() {
        val applier = ReminderPlanApplier(participant(), horizonDays = 7)
        val first = applier.changes(sunday, "America/New_York", emptyList(), exactAllowed = true)
        val monday = Instant.parse("2025-06-02T13:30:00Z")
        val next = applier.changes(monday, "America/New_York", first.held, exactAllowed = true)
        assertEquals(
            listOf(Instant.parse("2025-06-02T00:00:00Z"), Instant.parse("2025-06-02T13:00:00Z")),
            next.cancel.map { it.fireAt }.sorted(),
        )
        assertEquals(
            listOf(Instant.parse("2025-06-09T00:00:00Z"), Instant.parse("2025-06-09T13:00:00Z")),
            next.schedule.map { it.fireAt },
        )
        assertTrue(next.held.all { it.fireAt.isAfter(monday) })
    }

    @Test
    fun `after an erase everything held is cancelled`() {
        val applier = ReminderPlanApplier(participant(), horizonDays = 7)
        val first = applier.changes(sunday, "America/New_York", emptyList(), exactAllowed = true)
        val gone = ReminderPlanApplier.cancelAll(first.held, sunday)
        assertEquals(first.held, gone.cancel)
        assertEquals(emptyList<HeldReminder>(), gone.held)
        assertTrue(gone.schedule.isEmpty())
    }
}
