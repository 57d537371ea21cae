package org.iopcompanion.app.platform

import android.app.AlarmManager
import android.app.PendingIntent
import android.content.Context
import android.content.Intent
import android.net.Uri
import android.os.Build
import android.util.Log
import org.iopcompanion.core.HeldReminder
import org.iopcompanion.core.ReminderRequest
import org.iopcompanion.presenters.Alarms

/**
 * AlarmManager as the core's reminder changes need it: exact alarms while
 * `canScheduleExactAlarms()` allows (the core asks for them then), otherwise inexact ones. It
 * decides nothing: the core planned and worded the reminders, the applier says what changes.
 */
class AlarmScheduler(private val context: Context) : Alarms {
    private val alarms: AlarmManager? = context.getSystemService(AlarmManager::class.java)

    /** Always before Android 12. */
    override fun exactAllowed(): Boolean =
        Build.VERSION.SDK_INT < Build.VERSION_CODES.S || alarms?.canScheduleExactAlarms() == true

    /**
     * Whether the alarm's PendingIntent still exists. A force stop (and some OEM "cleaners")
     * drops an app's alarms and PendingIntents without telling it.
     */
    override fun isPending(held: HeldReminder): Boolean = existing(held.id) != null

    override fun schedule(request: ReminderRequest) {
        val manager = alarms ?: return
        val operation = PendingIntent.getBroadcast(
            context,
            REQUEST_CODE,
            intentFor(request.reminder.id).putExtras(ReminderExtras.of(request)),
            PendingIntent.FLAG_UPDATE_CURRENT or PendingIntent.FLAG_IMMUTABLE,
        )
        val at = request.reminder.fireAt.toEpochMilli()
        // RTC_WAKEUP: the plan is in wall-clock instants; a reminder must wake a sleeping phone.
        // Not setAlarmClock(): it would show an alarm icon in the status bar, which is not discreet.
        if (request.exact && exactAllowed()) {
            try {
                manager.setExactAndAllowWhileIdle(AlarmManager.RTC_WAKEUP, at, operation)
                return
            } catch (e: SecurityException) {
                // Revoked between the check and the call: inexact now, exact again at the next apply.
                Log.w(TAG, "exact alarm refused; scheduling an inexact one")
            }
        }
        manager.setAndAllowWhileIdle(AlarmManager.RTC_WAKEUP, at, operation)
    }

    override fun cancel(id: String) {
        val operation = existing(id) ?: return
        alarms?.cancel(operation)
        operation.cancel()
    }

    private fun existing(id: String): PendingIntent? = PendingIntent.getBroadcast(
        context, REQUEST_CODE, intentFor(id), PendingIntent.FLAG_NO_CREATE or PendingIntent.FLAG_IMMUTABLE,
    )

    /**
     * One intent per reminder id: the id in the data URI makes each reminder's PendingIntent
     * its own (Intent.filterEquals compares data), so a cancel needs nothing but the id.
     */
    private fun intentFor(id: String): Intent = Intent(context, ReminderAlarmReceiver::class.java)
        .setAction(ReminderAlarmReceiver.ACTION_REMIND)
        .setData(Uri.Builder().scheme(URI_SCHEME).opaquePart(id).build())

    private companion object {
        const val TAG = "AlarmScheduler"
        const val URI_SCHEME = "companion-reminder"
        const val REQUEST_CODE = 0
    }
}
