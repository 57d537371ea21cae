package org.iopcompanion.app.platform

import android.app.AlarmManager
import android.app.Notification
import android.content.Intent
import org.iopcompanion.core.NotificationChannel
import org.iopcompanion.presenters.ApplyReason
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/**
 * The platform layer's own decisions of fact, run on the JVM. android-all's classes are built
 * for Java 21 and CI runs Java 17, so only what needs no framework class at run time runs here
 * (the framework's constants are inlined); the rest is compiled only.
 */
class PlatformFactsTest {

    @Test
    fun `only a reboot clears alarms - an app update keeps them and the ledger`() {
        val updated = ApplyReasons.of(Intent.ACTION_MY_PACKAGE_REPLACED)
        assertEquals(ApplyReason.APP_UPDATED, updated)
        assertFalse(updated!!.alarmsCleared, "AlarmManager keeps an app's alarms across an update")
        assertEquals(ApplyReason.BOOT, ApplyReasons.of(Intent.ACTION_BOOT_COMPLETED))
        assertEquals(ApplyReason.BOOT, ApplyReasons.of(Intent.ACTION_LOCKED_BOOT_COMPLETED))
        assertTrue(ApplyReason.BOOT.alarmsCleared)
        assertEquals(listOf(ApplyReason.BOOT), ApplyReason.entries.filter { it.alarmsCleared })
        assertEquals(ApplyReason.ZONE_CHANGED, ApplyReasons.of(Intent.ACTION_TIMEZONE_CHANGED))
        assertEquals(ApplyReason.CLOCK_CHANGED, ApplyReasons.of(Intent.ACTION_TIME_CHANGED))
        assertEquals(
            ApplyReason.EXACT_ALARM_PERMISSION,
            ApplyReasons.of(AlarmManager.ACTION_SCHEDULE_EXACT_ALARM_PERMISSION_STATE_CHANGED),
        )
        assertEquals(ApplyReason.DAILY, ApplyReasons.of(RescheduleReceiver.ACTION_DAILY_REFRESH))
        assertNull(ApplyReasons.of("org.example.SOMETHING_ELSE"))
    }

    @Test
    fun `a named reminder is secret on the lock screen, a discreet one private`() {
        assertEquals(Notification.VISIBILITY_SECRET, ReminderNotifications.visibility(named = true))
        assertEquals(Notification.VISIBILITY_PRIVATE, ReminderNotifications.visibility(named = false))
    }

    @Test
    fun `every channel has its own id`() {
        assertEquals(NotificationChannel.entries.size, NotificationChannel.entries.map(NotificationChannels::id).toSet().size)
    }
}
