package org.iopcompanion.presenters

import java.time.Duration
import java.time.Instant
import java.time.LocalDateTime
import org.iopcompanion.core.CompanionStore
import org.iopcompanion.core.PreferencesInput
import org.iopcompanion.core.RecurrenceRecord
import org.iopcompanion.core.SessionInput
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestFactory

/** Reminder health for every combination of what the phone allows and what it holds. */
class ReminderHealthPresenterTest : StoreTest() {
    private val now = Instant.parse("2025-06-01T12:00:00Z")
    private val clock = clockAt("2025-06-01T12:00:00Z", "America/New_York")

    private fun withSessions(checkinReminder: Boolean): CompanionStore = newStore().also { store ->
        store.addSession(
            SessionInput(
                title = "Process group", start = "2025-06-02T09:00", timeZone = "America/Chicago",
                durationMinutes = 180u, recurrence = RecurrenceRecord(listOf("MO", "WE"), 1u, null, null),
            ),
        )
        store.editPreferences(PreferencesInput(checkinReminder = if (checkinReminder) "20:00" else "off"))
    }

    /** What the OS holds, as the platform recorded it. */
    private enum class Held { ALL_FRESH, ALL_STALE, NOTHING_EVER, ALL_THE_OTHER_WAY }

    private fun applied(store: CompanionStore, held: Held, exact: Boolean): AppliedPlan {
        val plan = ReminderPlanApplier(store).changes(now, "America/New_York", emptyList(), exactAllowed = exact).held
        return when (held) {
            Held.ALL_FRESH -> AppliedPlan(plan, now.minus(Duration.ofHours(1)))
            Held.ALL_STALE -> AppliedPlan(plan, now.minus(Duration.ofHours(37)))
            Held.NOTHING_EVER -> AppliedPlan(emptyList(), null)
            Held.ALL_THE_OTHER_WAY -> AppliedPlan(plan.map { it.copy(exact = !exact) }, now.minus(Duration.ofHours(1)))
        }
    }

    private fun <T> bools(f: (Boolean) -> List<T>) = f(false) + f(true)

    @TestFactory
    fun `every combination of platform facts gives each check its status and fix`(): List<DynamicTest> {
        val stores = mapOf(false to withSessions(false), true to withSessions(true))
        val blockedSets = listOf(
            emptySet(),
            setOf(ReminderChannel.SESSION_REMINDERS),
            setOf(ReminderChannel.CHECKIN_REMINDER),
            setOf(ReminderChannel.SESSION_REMINDERS, ReminderChannel.CHECKIN_REMINDER),
        )
        val facts = bools { enabled ->
            bools { canAsk ->
                bools { exact ->
                    bools { battery ->
                        bools { restricted ->
                            blockedSets.map { blocked -> PlatformFacts(enabled, canAsk, blocked, exact, battery, restricted) }
                        }
                    }
                }
            }
        }
        return facts.flatMap { f ->
            bools { checkinOn ->
                Held.entries.map { held ->
                    DynamicTest.dynamicTest("$f, check-in reminder ${if (checkinOn) "on" else "off"}, $held") {
                        val store = stores.getValue(checkinOn)
                        val health = ReminderHealthPresenter(store, clock)
                        val applied = applied(store, held, f.exactAlarmsAllowed)
                        health.refresh(f, applied)
                        expect(health.state.value, f, checkinOn, held, applied)
                    }
                }
            }
        }
    }

    private fun expect(s: ReminderHealthState, f: PlatformFacts, checkinOn: Boolean, held: Held, applied: AppliedPlan) {
        assertTrue(s.loaded)
        assertNull(s.problem)
        val byItem = s.checks.associateBy { it.item }
        assertEquals(HealthItem.entries.toSet(), byItem.keys, "every check, once")
        fun check(item: HealthItem) = byItem.getValue(item)

        val notifications = check(HealthItem.NOTIFICATIONS)
        if (f.notificationsEnabled) {
            assertEquals(HealthCheck(HealthItem.NOTIFICATIONS, HealthStatus.OK, null), notifications)
        } else {
            assertEquals(HealthStatus.PROBLEM, notifications.status)
            assertEquals(if (f.canAskNotificationPermission) Fix.RequestNotificationPermission else Fix.OpenNotificationSettings, notifications.fix)
        }

        val sessionBlocked = f.notificationsEnabled && ReminderChannel.SESSION_REMINDERS in f.blockedChannels
        assertEquals(
            if (sessionBlocked) HealthCheck(HealthItem.SESSION_CHANNEL, HealthStatus.PROBLEM, Fix.OpenChannelSettings(ReminderChannel.SESSION_REMINDERS))
            else HealthCheck(HealthItem.SESSION_CHANNEL, HealthStatus.OK, null),
            check(HealthItem.SESSION_CHANNEL),
        )
        val checkinBlocked = f.notificationsEnabled && checkinOn && ReminderChannel.CHECKIN_REMINDER in f.blockedChannels
        assertEquals(
            if (checkinBlocked) HealthCheck(HealthItem.CHECKIN_CHANNEL, HealthStatus.PROBLEM, Fix.OpenChannelSettings(ReminderChannel.CHECKIN_REMINDER))
            else HealthCheck(HealthItem.CHECKIN_CHANNEL, HealthStatus.OK, null),
            check(HealthItem.CHECKIN_CHANNEL),
        )

        assertEquals(
            if (f.exactAlarmsAllowed) HealthCheck(HealthItem.EXACT_ALARMS, HealthStatus.OK, null)
            else HealthCheck(HealthItem.EXACT_ALARMS, HealthStatus.WARNING, Fix.RequestExactAlarms),
            check(HealthItem.EXACT_ALARMS),
        )
        val battery = check(HealthItem.BATTERY_OPTIMIZATION)
        when {
            f.ignoringBatteryOptimizations -> assertEquals(HealthCheck(HealthItem.BATTERY_OPTIMIZATION, HealthStatus.OK, null), battery)
            f.exactAlarmsAllowed -> assertEquals(HealthCheck(HealthItem.BATTERY_OPTIMIZATION, HealthStatus.ADVICE, Fix.RequestIgnoreBatteryOptimizations), battery)
            else -> assertEquals(HealthCheck(HealthItem.BATTERY_OPTIMIZATION, HealthStatus.WARNING, Fix.RequestIgnoreBatteryOptimizations), battery)
        }
        assertEquals(
            if (f.backgroundRestricted) HealthCheck(HealthItem.BACKGROUND_RESTRICTION, HealthStatus.PROBLEM, Fix.OpenAppDetails)
            else HealthCheck(HealthItem.BACKGROUND_RESTRICTION, HealthStatus.OK, null),
            check(HealthItem.BACKGROUND_RESTRICTION),
        )

        val handedOver = held == Held.ALL_FRESH || held == Held.ALL_STALE
        assertEquals(
            if (handedOver) HealthCheck(HealthItem.PLAN_HANDED_OVER, HealthStatus.OK, null)
            else HealthCheck(HealthItem.PLAN_HANDED_OVER, HealthStatus.PROBLEM, Fix.RefreshPlan),
            check(HealthItem.PLAN_HANDED_OVER),
        )
        val fresh = held == Held.ALL_FRESH || held == Held.ALL_THE_OTHER_WAY
        assertEquals(
            if (fresh) HealthCheck(HealthItem.PLAN_FRESH, HealthStatus.OK, null)
            else HealthCheck(HealthItem.PLAN_FRESH, HealthStatus.WARNING, Fix.RefreshPlan),
            check(HealthItem.PLAN_FRESH),
        )

        // Every failing check has its fix, and the worst come first.
        assertTrue(s.checks.all { (it.status == HealthStatus.OK) == (it.fix == null) })
        assertEquals(s.checks.sortedByDescending { it.status.ordinal }, s.checks)
        val statuses = s.checks.map { it.status }
        assertEquals(
            when {
                HealthStatus.PROBLEM in statuses -> OverallHealth.NEEDS_ATTENTION
                HealthStatus.WARNING in statuses -> OverallHealth.MAY_BE_LATE
                else -> OverallHealth.GOOD
            },
            s.overall,
        )

        // The next reminder: 20:00 New York (midnight UTC) with the check-in reminder on,
        // else an hour before Monday's 09:00 Chicago group.
        val next = requireNotNull(s.next)
        if (checkinOn) {
            assertEquals(Instant.parse("2025-06-02T00:00:00Z"), next.fireAt)
            assertEquals(LocalDateTime.of(2025, 6, 1, 20, 0), next.localFireAt)
            assertEquals(ReminderChannel.CHECKIN_REMINDER, next.channel)
        } else {
            assertEquals(Instant.parse("2025-06-02T13:00:00Z"), next.fireAt)
            assertEquals(ReminderChannel.SESSION_REMINDERS, next.channel)
        }
        assertEquals(held != Held.NOTHING_EVER, next.handedOver)
        assertEquals(if (held == Held.NOTHING_EVER) false else (f.exactAlarmsAllowed == (held != Held.ALL_THE_OTHER_WAY)), next.exact)
        // The default 30-day window: Mondays and Wednesdays from 2 to 30 June (9 reminders), and
        // 1 to 30 June at 20:00 New York (30).
        assertEquals(if (handedOver) 0 else if (checkinOn) 39 else 9, s.notHandedOver)
        assertEquals(applied.lastApplied, s.lastRefreshed)
    }

    @Test
    fun `nothing planned is healthy whatever the phone holds`() {
        val store = newStore()
        store.editPreferences(PreferencesInput(checkinReminder = "off"))
        val health = ReminderHealthPresenter(store, clock)
        val facts = PlatformFacts(true, false, emptySet(), true, true, false)
        health.refresh(facts, AppliedPlan(emptyList(), null))
        val s = health.state.value
        assertEquals(OverallHealth.GOOD, s.overall)
        assertNull(s.next)
        assertEquals(0, s.notHandedOver)
        assertTrue(s.checks.all { it.status == HealthStatus.OK })
    }

    @Test
    fun `a plan older than a day and a half is stale, a fresher one is not`() {
        val store = withSessions(checkinReminder = false)
        val held = ReminderPlanApplier(store).changes(now, "America/New_York", emptyList(), exactAllowed = true).held
        val facts = PlatformFacts(true, false, emptySet(), true, true, false)
        val health = ReminderHealthPresenter(store, clock)
        health.refresh(facts, AppliedPlan(held, now.minus(ReminderHealthPresenter.STALE_AFTER).plusSeconds(60)))
        assertEquals(OverallHealth.GOOD, health.state.value.overall)
        health.refresh(facts, AppliedPlan(held, now.minus(ReminderHealthPresenter.STALE_AFTER).minusSeconds(60)))
        assertEquals(OverallHealth.MAY_BE_LATE, health.state.value.overall)
        assertEquals(Fix.RefreshPlan, health.state.value.checks.first().fix)
        assertFalse(health.state.value.next?.handedOver == false)
    }
}
