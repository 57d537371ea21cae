package org.iopcompanion.app.platform

import android.app.AlarmManager
import android.content.BroadcastReceiver
import android.content.Context
import android.content.Intent

/** The app's [AppGraph], from the Application that holds it. */
internal val Context.graph: AppGraph
    get() = (applicationContext as AppGraph.Holder).graph

/**
 * A reminder's alarm went off: post its notification (from what the core planned, stored in
 * the alarm's extras), then re-apply the plan so the rolling window moves on.
 */
class ReminderAlarmReceiver : BroadcastReceiver() {
    override fun onReceive(context: Context, intent: Intent) {
        if (intent.action != ACTION_REMIND) return
        val graph = context.graph
        ReminderExtras.read(intent.extras)?.let { (id, reminder) ->
            graph.notifications.postReminder(id, reminder.first, reminder.second)
        }
        val pending = goAsync()
        graph.reminders.applyAsync { pending.finish() }
    }

    companion object {
        const val ACTION_REMIND = "org.iopcompanion.app.action.REMIND"
    }
}

/**
 * Everything that may leave AlarmManager out of step with the plan. After a reboot or an app
 * update the system holds none of the app's alarms, so all of them go back; a clock or time-zone
 * change moves the check-in reminder (it follows the phone's zone, sessions keep their own);
 * a change of the exact-alarm permission turns alarms exact or inexact.
 */
class RescheduleReceiver : BroadcastReceiver() {
    override fun onReceive(context: Context, intent: Intent) {
        val graph = context.graph
        val osCleared = when (intent.action) {
            Intent.ACTION_BOOT_COMPLETED, Intent.ACTION_MY_PACKAGE_REPLACED -> true
            Intent.ACTION_TIME_CHANGED,
            Intent.ACTION_TIMEZONE_CHANGED,
            AlarmManager.ACTION_SCHEDULE_EXACT_ALARM_PERMISSION_STATE_CHANGED,
            ACTION_DAILY_REFRESH,
            -> false
            Intent.ACTION_LOCALE_CHANGED -> {
                // The country picks the crisis lines and how phone numbers read; the channel
                // names follow the language.
                graph.localeChanged()
                false
            }
            else -> return
        }
        if (osCleared) graph.reminders.ensureDailyRefresh()
        val pending = goAsync()
        graph.reminders.applyAsync(osClearedAlarms = osCleared) { pending.finish() }
    }

    companion object {
        const val ACTION_DAILY_REFRESH = "org.iopcompanion.app.action.DAILY_REFRESH"
    }
}
