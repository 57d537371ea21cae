package org.iopcompanion.app.platform

import android.app.AlarmManager
import android.app.PendingIntent
import android.content.Context
import android.content.Intent
import android.net.Uri
import android.os.Build
import android.os.Bundle
import android.util.Log
import java.time.Instant
import org.iopcompanion.presenters.AlarmChanges
import org.iopcompanion.presenters.AlarmRequest
import org.iopcompanion.presenters.ContentStyle
import org.iopcompanion.presenters.HeldReminder
import org.iopcompanion.presenters.ReminderChannel
import org.iopcompanion.presenters.ReminderContent

/**
 * Hands alarms to AlarmManager exactly as [AlarmChanges] lists them: exact alarms when
 * `canScheduleExactAlarms()` allows, otherwise inexact ones the system may defer a little.
 * It decides nothing: the core planned the reminders, the presenters chose what changes.
 */
class AlarmScheduler(private val context: Context) {
    private val alarms: AlarmManager? = context.getSystemService(AlarmManager::class.java)

    /** Whether exact alarms are allowed now (always, before Android 12). */
    fun exactAllowed(): Boolean =
        Build.VERSION.SDK_INT < Build.VERSION_CODES.S || alarms?.canScheduleExactAlarms() == true

    /** Cancels first, then schedules, so a replaced reminder is never lost between the two. */
    fun apply(changes: AlarmChanges) {
        changes.cancel.forEach(::cancel)
        changes.schedule.forEach(::schedule)
    }

    /**
     * Whether the alarm's PendingIntent still exists. A force stop (and some OEM "cleaners")
     * drops an app's alarms and PendingIntents without telling it; a reminder that is gone is
     * then scheduled again instead of being counted as held.
     */
    fun isPending(held: HeldReminder): Boolean =
        PendingIntent.getBroadcast(context, held.requestCode, intentFor(held.id), PendingIntent.FLAG_NO_CREATE or PendingIntent.FLAG_IMMUTABLE) != null

    private fun schedule(request: AlarmRequest) {
        val manager = alarms ?: return
        val operation = PendingIntent.getBroadcast(
            context,
            request.requestCode,
            intentFor(request.id).putExtras(ReminderExtras.of(request)),
            PendingIntent.FLAG_UPDATE_CURRENT or PendingIntent.FLAG_IMMUTABLE,
        )
        val at = request.fireAt.toEpochMilli()
        // RTC_WAKEUP: the plan is in wall-clock instants; a reminder must wake a sleeping phone.
        // Not setAlarmClock(): it would show an alarm icon in the status bar, which is not discreet.
        if (request.exact && exactAllowed()) {
            try {
                manager.setExactAndAllowWhileIdle(AlarmManager.RTC_WAKEUP, at, operation)
                return
            } catch (e: SecurityException) {
                // Revoked between the check and the call: fall through to an inexact alarm.
                Log.w(TAG, "exact alarm refused; scheduling an inexact one")
            }
        }
        manager.setAndAllowWhileIdle(AlarmManager.RTC_WAKEUP, at, operation)
    }

    private fun cancel(held: HeldReminder) {
        val operation = PendingIntent.getBroadcast(
            context, held.requestCode, intentFor(held.id), PendingIntent.FLAG_NO_CREATE or PendingIntent.FLAG_IMMUTABLE,
        ) ?: return
        alarms?.cancel(operation)
        operation.cancel()
    }

    /**
     * One intent per reminder id: the id in the data URI makes PendingIntents of different
     * reminders distinct even when two ids share a 31-bit request code.
     */
    private fun intentFor(id: String): Intent = Intent(context, ReminderAlarmReceiver::class.java)
        .setAction(ReminderAlarmReceiver.ACTION_REMIND)
        .setData(Uri.Builder().scheme(URI_SCHEME).opaquePart(id).build())

    private companion object {
        const val TAG = "AlarmScheduler"
        const val URI_SCHEME = "iopcompanion-reminder"
    }
}

/**
 * A reminder's content in its alarm's extras, read back when it fires: the notification is
 * built then, in the participant's language and 12/24-hour setting. The extras live in the
 * system's memory only (alarms are not persisted across reboots) and hold what the core put in
 * the reminder: with discreet notifications on, nothing but the time.
 */
object ReminderExtras {
    private const val CHANNEL = "channel"
    private const val STYLE = "style"
    private const val TITLE = "title"
    private const val LOCATION = "location"
    private const val VIDEO = "video"
    private const val STARTS_AT = "startsAt"
    private const val ZONE = "zone"
    private const val LEAD = "lead"
    private const val NOTIFICATION_ID = "notificationId"

    fun of(request: AlarmRequest): Bundle = Bundle().apply {
        val c = request.content
        putString(CHANNEL, request.channel.name)
        putString(STYLE, c.style.name)
        putString(TITLE, c.title)
        putString(LOCATION, c.location)
        putString(VIDEO, c.videoLink)
        c.startsAt?.let { putLong(STARTS_AT, it.toEpochMilli()) }
        putString(ZONE, c.sessionZone)
        c.leadMinutes?.let { putInt(LEAD, it) }
        putInt(NOTIFICATION_ID, request.requestCode)
    }

    /** The reminder in [extras], or `null` for extras this version did not write. */
    fun read(extras: Bundle?): Pair<Int, Pair<ReminderChannel, ReminderContent>>? {
        if (extras == null || !extras.containsKey(NOTIFICATION_ID)) return null
        val channel = ReminderChannel.entries.firstOrNull { it.name == extras.getString(CHANNEL) } ?: return null
        // An unknown style reads as discreet: never show more than the core allowed.
        val style = ContentStyle.entries.firstOrNull { it.name == extras.getString(STYLE) } ?: ContentStyle.NEUTRAL
        val content = ReminderContent(
            style = style,
            title = extras.getString(TITLE),
            location = extras.getString(LOCATION),
            videoLink = extras.getString(VIDEO),
            startsAt = if (extras.containsKey(STARTS_AT)) Instant.ofEpochMilli(extras.getLong(STARTS_AT)) else null,
            sessionZone = extras.getString(ZONE),
            leadMinutes = if (extras.containsKey(LEAD)) extras.getInt(LEAD) else null,
        )
        return extras.getInt(NOTIFICATION_ID) to (channel to content)
    }
}
