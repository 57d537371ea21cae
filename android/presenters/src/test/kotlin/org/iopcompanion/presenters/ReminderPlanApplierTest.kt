package org.iopcompanion.presenters

import java.time.Instant
import java.time.LocalDateTime
import org.iopcompanion.core.ClockStyle
import org.iopcompanion.core.CompanionStore
import org.iopcompanion.core.NotificationChannel
import org.iopcompanion.core.RecurrenceRecord
import org.iopcompanion.core.ReminderKind
import org.iopcompanion.core.ScheduleAction
import org.iopcompanion.core.SessionInput
import org.iopcompanion.core.SettingsAction
import org.iopcompanion.core.Weekday
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/**
 * The applier hands the core's changes to an AlarmManager that records them, against the
 * core's real plan. A Chicago group on Mondays and Wednesdays at 09:00 (14:00 UTC in June,
 * reminded an hour before by default) and the check-in reminder at 20:00 on the phone's clock.
 */
class ReminderPlanApplierTest : StoreTest() {
    private val sunday = Instant.parse("2025-06-01T12:00:00Z")
    private val ny = "America/New_York"
    private val h24 = ClockStyle.TWENTY_FOUR_HOUR

    private fun participant(): CompanionStore = newStore().also { store ->
        store.addSession(
            SessionInput(
                title = "Process group", start = LocalDateTime.of(2025, 6, 2, 9, 0), timeZone = "America/Chicago",
                durationMinutes = 180u, location = "Room 2", defaultLeads = true,
                recurrence = RecurrenceRecord(listOf(Weekday.MONDAY, Weekday.WEDNESDAY), 1u, null, null),
            ),
        )
    }

    @Test
    fun `the first apply schedules what the core plans, with its words, and records it as the ledger`() {
        val store = participant()
        val alarms = RecordingAlarms()
        val applier = ReminderPlanApplier(store, alarms)
        val changes = applier.apply(sunday, ny, h24, ApplyReason.LAUNCH)
        assertTrue(alarms.cancelled.isEmpty())
        assertEquals(changes.schedule, alarms.scheduled)
        assertTrue(alarms.scheduled.isNotEmpty())
        val group = alarms.scheduled.first { it.reminder.kind == ReminderKind.SESSION }
        assertEquals(Instant.parse("2025-06-02T13:00:00Z"), group.reminder.fireAt)
        assertEquals(NotificationChannel.SESSION_REMINDERS, group.notification.channel)
        assertTrue(group.exact)
        assertEquals(changes.heldAfter, applier.ledger())
        assertEquals(ny, store.remindersApplied()?.zone)

        alarms.reset()
        applier.apply(sunday, ny, h24, ApplyReason.RESUME)
        assertTrue(alarms.cancelled.isEmpty() && alarms.scheduled.isEmpty(), "applied again, nothing changes")
    }

    @Test
    fun `an app update keeps the ledger, so a removed session's alarms are cancelled`() {
        val store = participant()
        val alarms = RecordingAlarms()
        val applier = ReminderPlanApplier(store, alarms)
        applier.apply(sunday, ny, h24, ApplyReason.LAUNCH)
        val sessionAlarms = alarms.registered.values.filter { it.reminder.kind == ReminderKind.SESSION }.map { it.reminder.id }
        assertTrue(sessionAlarms.isNotEmpty())
        store.scheduleAct(ScheduleAction.RemoveSession(store.sessions().single().id), sunday, ny, h24)

        alarms.reset()
        // MY_PACKAGE_REPLACED: AlarmManager still holds every alarm; treating it as cleared would
        // leave the removed session's alarms ringing.
        assertFalse(ApplyReason.APP_UPDATED.alarmsCleared)
        applier.apply(sunday, ny, h24, ApplyReason.APP_UPDATED)
        assertEquals(sessionAlarms.toSet(), alarms.cancelled.toSet())
        assertTrue(alarms.scheduled.isEmpty())
        assertTrue(alarms.registered.values.none { it.reminder.kind == ReminderKind.SESSION })
    }

    @Test
    fun `after a reboot or a force stop everything planned goes back, nothing is cancelled`() {
        val store = participant()
        val alarms = RecordingAlarms()
        val applier = ReminderPlanApplier(store, alarms)
        val first = applier.apply(sunday, ny, h24, ApplyReason.LAUNCH)
        assertTrue(ApplyReason.BOOT.alarmsCleared)

        alarms.forceStop()
        alarms.reset()
        applier.apply(sunday, ny, h24, ApplyReason.RESUME)
        assertTrue(alarms.cancelled.isEmpty())
        assertEquals(first.schedule.map { it.reminder.id }, alarms.scheduled.map { it.reminder.id })

        alarms.registered.clear()
        alarms.reset()
        applier.apply(sunday, ny, h24, ApplyReason.BOOT)
        assertTrue(alarms.cancelled.isEmpty())
        assertEquals(first.schedule.map { it.reminder.id }, alarms.scheduled.map { it.reminder.id })
        assertEquals(first.heldAfter, applier.ledger())
    }

    @Test
    fun `a zone other than the last applied one rewords every reminder`() {
        val store = participant()
        val alarms = RecordingAlarms()
        val applier = ReminderPlanApplier(store, alarms)
        applier.apply(sunday, ny, h24, ApplyReason.LAUNCH)
        alarms.reset()
        val changes = applier.apply(sunday, "America/Los_Angeles", h24, ApplyReason.ZONE_CHANGED)
        assertTrue(changes.reworded)
        assertEquals("America/Los_Angeles", store.remindersApplied()?.zone)
        // Every reminder the OS keeps is handed over again with words for the new zone.
        assertEquals(changes.heldAfter.map { it.id }.toSet(), alarms.scheduled.map { it.reminder.id }.toSet())
        assertEquals(applier.ledger().map { it.id }.toSet(), alarms.registered.keys)
    }

    @Test
    fun `switching the phone to 12-hour time rewords every reminder`() {
        val store = participant()
        val alarms = RecordingAlarms()
        val applier = ReminderPlanApplier(store, alarms)
        applier.apply(sunday, ny, h24, ApplyReason.LAUNCH)
        assertEquals(h24, store.remindersApplied()?.clockStyle)
        alarms.reset()
        val changes = applier.apply(sunday, ny, ClockStyle.TWELVE_HOUR, ApplyReason.RESUME)
        assertTrue(changes.reworded)
        assertEquals(ClockStyle.TWELVE_HOUR, store.remindersApplied()?.clockStyle)
        assertEquals(changes.heldAfter.map { it.id }.toSet(), alarms.scheduled.map { it.reminder.id }.toSet())
    }

    @Test
    fun `a late inexact alarm is not cancelled by a re-apply within the grace`() {
        val store = participant()
        store.settingsAct(SettingsAction.SetCheckinReminder(null), ClockStyle.TWENTY_FOUR_HOUR)
        val alarms = RecordingAlarms(exact = false)
        val applier = ReminderPlanApplier(store, alarms)
        applier.apply(sunday, ny, h24, ApplyReason.LAUNCH)
        val monday = alarms.registered.values.single { it.reminder.fireAt == Instant.parse("2025-06-02T13:00:00Z") }
        assertFalse(monday.exact)

        alarms.reset()
        // Half an hour after its time it has not fired yet (Android may be an hour late): a resume keeps it.
        val changes = applier.apply(Instant.parse("2025-06-02T13:30:00Z"), ny, h24, ApplyReason.RESUME)
        assertFalse(monday.reminder.id in alarms.cancelled)
        assertTrue(changes.heldAfter.any { it.id == monday.reminder.id })
        assertTrue(monday.reminder.id in alarms.registered)

        // Two hours late it is delivered or lost: forgotten, not cancelled, not scheduled again.
        alarms.reset()
        val later = applier.apply(Instant.parse("2025-06-02T15:00:00Z"), ny, h24, ApplyReason.RESUME)
        assertFalse(monday.reminder.id in alarms.cancelled)
        assertTrue(alarms.scheduled.none { it.reminder.id == monday.reminder.id })
        assertTrue(later.heldAfter.none { it.id == monday.reminder.id })
    }

    @Test
    fun `alarms held the other way are replaced when the exact-alarm permission changes`() {
        val store = participant()
        val alarms = RecordingAlarms(exact = true)
        val applier = ReminderPlanApplier(store, alarms)
        val first = applier.apply(sunday, ny, h24, ApplyReason.LAUNCH)
        alarms.exact = false
        alarms.reset()
        applier.apply(sunday, ny, h24, ApplyReason.EXACT_ALARM_PERMISSION)
        assertEquals(first.heldAfter.map { it.id }.toSet(), alarms.cancelled.toSet())
        assertTrue(alarms.scheduled.none { it.exact })
        assertTrue(applier.ledger().none { it.exact })
    }

    @Test
    fun `reminders are named for the lock screen only while discreet notifications are off`() {
        val store = participant()
        val alarms = RecordingAlarms()
        val applier = ReminderPlanApplier(store, alarms)
        store.settingsAct(SettingsAction.SetDiscreetNotifications(true), ClockStyle.TWENTY_FOUR_HOUR)
        applier.apply(sunday, ny, h24, ApplyReason.LAUNCH)
        assertTrue(alarms.named.isEmpty())
        assertTrue(alarms.scheduled.none { it.notification.title == "Process group" })

        store.settingsAct(SettingsAction.SetDiscreetNotifications(false), ClockStyle.TWENTY_FOUR_HOUR)
        alarms.reset()
        applier.apply(sunday, ny, h24, ApplyReason.DATA_CHANGED)
        val group = alarms.scheduled.first { it.reminder.kind == ReminderKind.SESSION }
        assertEquals("Process group", group.notification.title)
        assertTrue(group.reminder.id in alarms.named)
        assertEquals(alarms.registered.keys, alarms.named)
        assertTrue(group.notification.publicTitle != group.notification.title, "the lock screen's words are neutral")
    }
}
