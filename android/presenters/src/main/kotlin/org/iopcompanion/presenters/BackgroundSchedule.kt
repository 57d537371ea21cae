package org.iopcompanion.presenters

import java.time.Duration
import org.iopcompanion.core.ReminderPlatform
import org.iopcompanion.core.backgroundSync
import org.iopcompanion.core.reminderWindow

/**
 * The schedules the OS runs for the app, as the core sets them: WorkManager's periodic sync
 * and the inexact alarm that applies the reminder plan on days the app is not opened. Only
 * the unit changes here (the core's minutes to the platform's durations).
 */
object BackgroundSchedule {
    /** A PeriodicWorkRequest's period and flex, and the backoff of a sync that failed for now. */
    data class PeriodicSync(val every: Duration, val flex: Duration, val retryAfter: Duration)

    fun sync(): PeriodicSync = backgroundSync().let {
        PeriodicSync(minutes(it.everyMinutes), minutes(it.flexMinutes), minutes(it.retryAfterMinutes))
    }

    /** How often the plan is applied without the app (`null`: the core wants no such alarm). */
    fun reminderRefresh(): Duration? = reminderWindow(ReminderPlatform.ANDROID).refreshEveryMinutes?.let(::minutes)

    private fun minutes(m: UInt): Duration = Duration.ofMinutes(m.toLong())
}
