package org.iopcompanion.app.platform

import android.app.Notification
import android.app.NotificationManager
import android.app.PendingIntent
import android.content.Context
import android.content.Intent
import android.text.format.DateFormat
import android.util.Log
import java.time.Instant
import java.util.Date
import java.util.TimeZone
import org.iopcompanion.app.platform.PlatformTexts.Text
import org.iopcompanion.presenters.ContentStyle
import org.iopcompanion.presenters.ReminderChannel
import org.iopcompanion.presenters.ReminderContent

/**
 * Posts reminders and status notifications, safe on a lock screen: each one is
 * VISIBILITY_PRIVATE with a neutral public version, so a locked phone shows only "Reminder".
 * The words are the core's content put in the participant's language; with discreet
 * notifications on (the default) the core gives nothing but the time.
 */
class ReminderNotifications(private val context: Context, private val texts: PlatformTexts) {
    private val manager: NotificationManager? = context.getSystemService(NotificationManager::class.java)

    fun postReminder(notificationId: Int, channel: ReminderChannel, content: ReminderContent) {
        val (title, text) = words(content)
        val destination = if (channel == ReminderChannel.CHECKIN_REMINDER) DESTINATION_CHECK_IN else DESTINATION_TODAY
        post(
            REMINDER_TAG,
            notificationId,
            Notification.Builder(context, NotificationChannels.id(channel))
                .setSmallIcon(texts.notificationIcon)
                .setContentTitle(title)
                .setContentText(text)
                .setStyle(Notification.BigTextStyle().bigText(text))
                .setCategory(Notification.CATEGORY_REMINDER)
                .setVisibility(Notification.VISIBILITY_PRIVATE)
                .setPublicVersion(publicVersion(channel))
                .setContentIntent(openApp(destination, notificationId))
                .setAutoCancel(true)
                .apply { content.startsAt?.let { setWhen(it.toEpochMilli()).setShowWhen(true) } }
                .build(),
        )
    }

    /** Sync stopped for good (the device is no longer enrolled): once, quietly. */
    fun postSyncStopped() {
        post(
            STATUS_TAG,
            SYNC_STOPPED_ID,
            Notification.Builder(context, NotificationChannels.STATUS)
                .setSmallIcon(texts.notificationIcon)
                .setContentTitle(texts.get(Text.SYNC_STOPPED_TITLE))
                .setContentText(texts.get(Text.SYNC_STOPPED_TEXT))
                .setCategory(Notification.CATEGORY_STATUS)
                .setVisibility(Notification.VISIBILITY_PRIVATE)
                .setPublicVersion(publicVersion(ReminderChannel.STATUS))
                .setContentIntent(openApp(DESTINATION_SETTINGS, SYNC_STOPPED_ID))
                .setAutoCancel(true)
                .build(),
        )
    }

    private fun post(tag: String, id: Int, notification: Notification) {
        val m = manager ?: return
        // Without the permission (Android 13+) or with notifications off, posting does nothing;
        // the reminder health screen says so and offers the fix.
        if (!m.areNotificationsEnabled()) return
        try {
            m.notify(tag, id, notification)
        } catch (e: SecurityException) {
            Log.w(TAG, "notification permission revoked; not posted")
        }
    }

    private fun words(content: ReminderContent): Pair<String, String> {
        val at = content.startsAt?.let { localTime(it, TimeZone.getDefault()) }
        return when (content.style) {
            ContentStyle.NEUTRAL -> texts.get(Text.NEUTRAL_TITLE) to
                (at?.let { texts.get(Text.NEUTRAL_AT, it) } ?: texts.get(Text.NEUTRAL_TEXT))
            ContentStyle.CHECK_IN -> texts.get(Text.CHECKIN_TITLE) to texts.get(Text.CHECKIN_TEXT)
            ContentStyle.SESSION -> {
                val title = texts.get(Text.SESSION_TITLE, content.title.orEmpty(), at.orEmpty())
                val lines = buildList {
                    content.location?.let { add(texts.get(Text.SESSION_WHERE, it)) }
                    if (content.videoLink != null) add(texts.get(Text.SESSION_VIDEO))
                    ownTime(content)?.let { add(it) }
                }
                title to lines.joinToString("\n")
            }
        }
    }

    /** The session's own wall-clock time, when it reads differently from the phone's. */
    private fun ownTime(content: ReminderContent): String? {
        val startsAt = content.startsAt ?: return null
        val zoneId = content.sessionZone ?: return null
        val zone = TimeZone.getTimeZone(zoneId)
        val here = localTime(startsAt, TimeZone.getDefault())
        val there = localTime(startsAt, zone)
        return if (there != here) texts.get(Text.SESSION_OWN_TIME, there, zone.getDisplayName(false, TimeZone.SHORT)) else null
    }

    /** In the participant's 12- or 24-hour setting. */
    private fun localTime(at: Instant, zone: TimeZone): String {
        val format = DateFormat.getTimeFormat(context)
        format.timeZone = zone
        return format.format(Date.from(at))
    }

    private fun publicVersion(channel: ReminderChannel): Notification =
        Notification.Builder(context, NotificationChannels.id(channel))
            .setSmallIcon(texts.notificationIcon)
            .setContentTitle(texts.get(Text.LOCK_SCREEN_TITLE))
            .setContentText(texts.get(Text.LOCK_SCREEN_TEXT))
            .build()

    /** Opens the app (its launcher activity, so this package names no AndroidX class) at a screen. */
    private fun openApp(destination: String, requestCode: Int): PendingIntent? {
        val launch = context.packageManager.getLaunchIntentForPackage(context.packageName) ?: return null
        launch.putExtra(EXTRA_DESTINATION, destination)
            .addFlags(Intent.FLAG_ACTIVITY_NEW_TASK or Intent.FLAG_ACTIVITY_CLEAR_TOP)
        return PendingIntent.getActivity(
            context, requestCode, launch, PendingIntent.FLAG_UPDATE_CURRENT or PendingIntent.FLAG_IMMUTABLE,
        )
    }

    companion object {
        private const val TAG = "reminders"

        // Reminder ids are the core's 31-bit numbers; the tags keep them apart from status ids.
        private const val REMINDER_TAG = "reminder"
        private const val STATUS_TAG = "status"
        private const val SYNC_STOPPED_ID = 1

        /** Which screen a notification opens; MainActivity reads it. */
        const val EXTRA_DESTINATION = "org.iopcompanion.app.DESTINATION"
        const val DESTINATION_TODAY = "today"
        const val DESTINATION_CHECK_IN = "check-in"
        const val DESTINATION_SETTINGS = "settings"
    }
}
