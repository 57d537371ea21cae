package org.iopcompanion.presenters

import java.time.Duration
import org.iopcompanion.core.ReminderPlatform
import org.iopcompanion.core.backgroundSync
import org.iopcompanion.core.reminderWindow
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** WorkManager's sync and the refresh alarm run on the core's numbers, in the platform's units. */
class BackgroundScheduleTest {

    @Test
    fun `the periodic sync is the core's period, flex and backoff`() {
        val core = backgroundSync()
        val sync = BackgroundSchedule.sync()
        assertEquals(Duration.ofMinutes(core.everyMinutes.toLong()), sync.every)
        assertEquals(Duration.ofMinutes(core.flexMinutes.toLong()), sync.flex)
        assertEquals(Duration.ofMinutes(core.retryAfterMinutes.toLong()), sync.retryAfter)
        // What WorkManager accepts: a flex within the period, a period of 15 minutes or more.
        assertTrue(sync.flex <= sync.every && sync.every >= Duration.ofMinutes(15), sync.toString())
    }

    @Test
    fun `the refresh alarm repeats at the core's interval for Android`() {
        val minutes = requireNotNull(reminderWindow(ReminderPlatform.ANDROID).refreshEveryMinutes) { "Android refreshes" }
        assertEquals(Duration.ofMinutes(minutes.toLong()), BackgroundSchedule.reminderRefresh())
        assertEquals(minutes.toLong() * 60_000, BackgroundSchedule.reminderRefresh()?.toMillis())
    }
}
