package org.iopcompanion.app.platform

import android.app.AlarmManager
import android.content.BroadcastReceiver
import android.content.Context
import android.content.Intent
import org.iopcompanion.presenters.ApplyReason

/** The app's [AppGraph], from the Application that holds it. */
internal val Context.graph: AppGraph
    get() = (applicationContext as AppGraph.Holder).graph

/**
 * A reminder's alarm went off: post the core's words from the alarm's extras, then apply the
 * plan again so the rolling window moves on (a late inexact alarm the core keeps stays).
 */
class ReminderAlarmReceiver : BroadcastReceiver() {
    override fun onReceive(context: Context, intent: Intent) {
        if (intent.action != ACTION_REMIND) return
        val graph = context.graph
        ReminderExtras.read(intent.extras)?.let { graph.notifications.postReminder(it.id, it.content) }
        val pending = goAsync()
        graph.reminders.applyAsync(ApplyReason.ALARM_FIRED) { pending.finish() }
    }

    companion object {
        const val ACTION_REMIND = "org.iopcompanion.app.action.REMIND"
    }
}

/**
 * Everything that may leave AlarmManager out of step with the plan. Only a reboot empties it:
 * across an app update (MY_PACKAGE_REPLACED) it keeps every alarm, so the recorded ledger
 * stands and what is no longer planned is cancelled. A clock or zone change rewords and moves
 * what follows the phone's clock; an exact-alarm permission change turns alarms exact or not.
 */
class RescheduleReceiver : BroadcastReceiver() {
    override fun onReceive(context: Context, intent: Intent) {
        val graph = context.graph
        val reason = ApplyReasons.of(intent.action) ?: return
        if (intent.action == Intent.ACTION_LOCALE_CHANGED) graph.localeChanged()
        if (reason == ApplyReason.BOOT) graph.reminders.ensureDailyRefresh()
        val pending = goAsync()
        graph.reminders.applyAsync(reason) { pending.finish() }
    }

    companion object {
        const val ACTION_DAILY_REFRESH = "org.iopcompanion.app.action.DAILY_REFRESH"
    }
}

/**
 * Why a broadcast applies the plan. Apart from the receiver so it runs on a plain JVM (the
 * actions are compile-time constants): only a reboot means AlarmManager holds nothing.
 */
object ApplyReasons {
    fun of(action: String?): ApplyReason? = when (action) {
        // LOCKED_BOOT_COMPLETED is not registered (the store lives in credential-encrypted
        // storage, unreadable before the first unlock); BOOT_COMPLETED follows it.
        Intent.ACTION_BOOT_COMPLETED, Intent.ACTION_LOCKED_BOOT_COMPLETED -> ApplyReason.BOOT
        Intent.ACTION_MY_PACKAGE_REPLACED -> ApplyReason.APP_UPDATED
        Intent.ACTION_TIME_CHANGED -> ApplyReason.CLOCK_CHANGED
        Intent.ACTION_TIMEZONE_CHANGED -> ApplyReason.ZONE_CHANGED
        AlarmManager.ACTION_SCHEDULE_EXACT_ALARM_PERMISSION_STATE_CHANGED -> ApplyReason.EXACT_ALARM_PERMISSION
        Intent.ACTION_LOCALE_CHANGED -> ApplyReason.DATA_CHANGED
        RescheduleReceiver.ACTION_DAILY_REFRESH -> ApplyReason.DAILY
        else -> null
    }
}
