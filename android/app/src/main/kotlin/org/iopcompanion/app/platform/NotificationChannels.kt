package org.iopcompanion.app.platform

import android.app.NotificationManager
import android.content.Context
import org.iopcompanion.core.NotificationChannel
import org.iopcompanion.core.notificationChannelLabel

/**
 * The notification channels, designed up front: a channel's importance cannot be raised after
 * it is created, only lowered by the participant. Their names and descriptions are the core's
 * (`notificationChannelLabel`), neutral because the system shows them in Settings. Lock-screen
 * privacy is each notification's own visibility: the system ignores a lock-screen visibility
 * the app sets on a channel.
 */
object NotificationChannels {
    fun id(channel: NotificationChannel): String = when (channel) {
        NotificationChannel.SESSION_REMINDERS -> "session_reminders"
        NotificationChannel.CHECK_IN_REMINDER -> "checkin_reminder"
        NotificationChannel.STATUS -> "status"
    }

    /** Creates the channels, or renames them after a language change; safe to call at every start. */
    fun ensure(context: Context) {
        val manager = context.getSystemService(NotificationManager::class.java) ?: return
        manager.createNotificationChannels(
            listOf(
                // High: a session reminder is time-critical (leave now), so it may peek and sound.
                channel(NotificationChannel.SESSION_REMINDERS, NotificationManager.IMPORTANCE_HIGH),
                // Default: the daily check-in is a gentle nudge; a sound, no peeking.
                channel(NotificationChannel.CHECK_IN_REMINDER, NotificationManager.IMPORTANCE_DEFAULT),
                // Low: status (sync stopped) is never urgent; no sound, no badge.
                channel(NotificationChannel.STATUS, NotificationManager.IMPORTANCE_LOW)
                    .apply { setShowBadge(false) },
            ),
        )
    }

    /** The channels the participant turned off, for reminder health. */
    fun blocked(context: Context): List<NotificationChannel> {
        val manager = context.getSystemService(NotificationManager::class.java) ?: return emptyList()
        return NotificationChannel.entries.filter { channel ->
            manager.getNotificationChannel(id(channel))?.importance == NotificationManager.IMPORTANCE_NONE
        }
    }

    private fun channel(channel: NotificationChannel, importance: Int): android.app.NotificationChannel {
        val label = notificationChannelLabel(channel)
        return android.app.NotificationChannel(id(channel), label.name, importance).apply { description = label.description }
    }
}
