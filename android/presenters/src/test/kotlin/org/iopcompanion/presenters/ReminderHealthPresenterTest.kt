package org.iopcompanion.presenters

import java.time.LocalDateTime
import java.time.LocalTime
import org.iopcompanion.core.ClockStyle
import org.iopcompanion.core.HealthFix
import org.iopcompanion.core.SessionInput
import org.iopcompanion.core.SettingsAction
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** The presenter shows the core's reminder health for the facts and the OS's reminders it is given. */
class ReminderHealthPresenterTest : StoreTest() {
    private val clock = clockAt("2025-06-01T12:00:00Z", "America/New_York")

    @Test
    fun `it shows the core's checks for the phone's facts, and what the OS holds after an apply`() {
        val store = newStore()
        store.addSession(
            SessionInput(title = "Process group", start = LocalDateTime.of(2025, 6, 2, 9, 0), timeZone = "America/Chicago", defaultLeads = true),
        )
        val phone = TestPhone(store, ALL_ALLOWED.copy(exactAlarmsAllowed = false))
        val health = ReminderHealthPresenter(store, clock, phone)
        health.refresh()
        val before = requireNotNull(health.state.value.health)
        assertEquals(store.reminderHealth(clock.instant(), "America/New_York", phone.clockStyle(), phone.facts(), emptyList()), before)
        assertTrue(before.notHeld > 0u, "nothing was handed to the OS yet")
        // The planned line the screen shows is the core's, with the count in it.
        assertTrue(before.planned > 0u)
        assertTrue(before.plannedLabel.contains(before.planned.toString()), before.plannedLabel)
        assertTrue(before.checks.any { it.fix == HealthFix.RefreshPlan })
        assertTrue(before.checks.any { it.fix == HealthFix.RequestExactAlarms })

        // The RefreshPlan fix: the plan handed over, then health read again.
        ReminderPlanApplier(store, RecordingAlarms(exact = false)).apply(clock.instant(), "America/New_York", ClockStyle.TWENTY_FOUR_HOUR, ApplyReason.HEALTH_FIX)
        health.refresh()
        val after = requireNotNull(health.state.value.health)
        assertEquals(0u, after.notHeld)
        assertEquals(clock.instant(), after.lastApplied)
        assertTrue(after.checks.none { it.fix == HealthFix.RefreshPlan })

        phone.android = ALL_ALLOWED
        health.refresh()
        assertEquals(store.reminderHealth(clock.instant(), "America/New_York", phone.clockStyle(), phone.facts(), phone.held()), health.state.value.health)
        assertNull(health.state.value.problem)
    }

    @Test
    fun `with nothing planned the planned line says so in the core's words`() {
        val store = newStore()
        store.settingsAct(SettingsAction.SetCheckinReminder(null), ClockStyle.TWENTY_FOUR_HOUR)
        val health = ReminderHealthPresenter(store, clock, TestPhone(store))
        health.refresh()
        val nothing = requireNotNull(health.state.value.health)
        assertEquals(0u, nothing.planned)
        assertNull(nothing.next)
        assertTrue(nothing.plannedLabel.isNotBlank())

        store.settingsAct(SettingsAction.SetCheckinReminder(LocalTime.of(20, 0)), ClockStyle.TWENTY_FOUR_HOUR)
        health.refresh()
        val some = requireNotNull(health.state.value.health)
        assertTrue(some.planned > 0u)
        assertTrue(some.plannedLabel != nothing.plannedLabel, some.plannedLabel)
    }
}
