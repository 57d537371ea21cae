package org.iopcompanion.app.platform

import android.app.Notification
import android.app.NotificationManager
import android.app.PendingIntent
import android.content.Context
import android.content.Intent
import android.util.Log
import org.iopcompanion.core.NotificationContent
import org.iopcompanion.core.NotificationTarget

/**
 * Posts the core's notifications word for word: title, body, the neutral public version, the
 * channel, the thread, and the screen a tap opens. Nothing is added. A notification whose
 * words name the session or the check-in (the core's `named`) is VISIBILITY_SECRET, so no lock
 * screen shows it, whatever the participant's "sensitive content" setting; one that names
 * nothing is VISIBILITY_PRIVATE, its words neutral already; both carry the core's public version.
 */
class ReminderNotifications(private val context: Context, private val texts: PlatformTexts) {
    private val manager: NotificationManager? = context.getSystemService(NotificationManager::class.java)

    /** A reminder's alarm fired: tagged with the reminder's id, so each is its own notification. */
    fun postReminder(reminderId: String, content: NotificationContent) {
        post(reminderId, REMINDER_ID, build(content, visibility(content.named), Notification.CATEGORY_REMINDER, reminderId.hashCode()))
    }

    /** Sync stopped for good (the device is no longer enrolled): the core's words, once, quietly. */
    fun postSyncStopped(content: NotificationContent) {
        post(STATUS_TAG, SYNC_STOPPED_ID, build(content, visibility(content.named), Notification.CATEGORY_STATUS, SYNC_STOPPED_ID))
    }

    /** After an erase: every delivered notification goes from the shade too. */
    fun removeAll() {
        manager?.cancelAll()
    }

    private fun build(content: NotificationContent, visibility: Int, category: String, requestCode: Int): Notification {
        val channel = NotificationChannels.id(content.channel)
        return Notification.Builder(context, channel)
            .setSmallIcon(texts.notificationIcon)
            .setContentTitle(content.title)
            .setContentText(content.body)
            .setStyle(Notification.BigTextStyle().bigText(content.body))
            .setCategory(category)
            .setGroup(content.thread)
            .setVisibility(visibility)
            .setPublicVersion(
                Notification.Builder(context, channel)
                    .setSmallIcon(texts.notificationIcon)
                    .setContentTitle(content.publicTitle)
                    .setContentText(content.publicBody)
                    .build(),
            )
            .setContentIntent(openApp(content.opens, requestCode))
            .setAutoCancel(true)
            .build()
    }

    private fun post(tag: String, id: Int, notification: Notification) {
        val m = manager ?: return
        // Without the permission (Android 13+) or with notifications off, posting does nothing;
        // reminder health says so and offers the fix.
        if (!m.areNotificationsEnabled()) return
        try {
            m.notify(tag, id, notification)
        } catch (e: SecurityException) {
            Log.w(TAG, "notification permission revoked; not posted")
        }
    }

    /** Opens the app (its launcher activity, so this package names no AndroidX class) at [target]. */
    private fun openApp(target: NotificationTarget, requestCode: Int): PendingIntent? {
        val launch = context.packageManager.getLaunchIntentForPackage(context.packageName) ?: return null
        launch.putExtra(EXTRA_TARGET, target.name)
            .addFlags(Intent.FLAG_ACTIVITY_NEW_TASK or Intent.FLAG_ACTIVITY_CLEAR_TOP)
        return PendingIntent.getActivity(
            context, requestCode, launch, PendingIntent.FLAG_UPDATE_CURRENT or PendingIntent.FLAG_IMMUTABLE,
        )
    }

    companion object {
        private const val TAG = "notifications"
        private const val REMINDER_ID = 1
        private const val STATUS_TAG = "status"
        private const val SYNC_STOPPED_ID = 1

        /** Which screen a notification opens (a NotificationTarget's name); MainActivity reads it. */
        const val EXTRA_TARGET = "org.iopcompanion.app.TARGET"

        /** VISIBILITY_SECRET for words that name something (the core's `named`): no lock screen shows them. */
        fun visibility(named: Boolean): Int = if (named) Notification.VISIBILITY_SECRET else Notification.VISIBILITY_PRIVATE

        /** The target a notification's intent names, if any. */
        fun target(intent: Intent?): NotificationTarget? =
            intent?.getStringExtra(EXTRA_TARGET)?.let { name -> NotificationTarget.entries.firstOrNull { it.name == name } }
    }
}
