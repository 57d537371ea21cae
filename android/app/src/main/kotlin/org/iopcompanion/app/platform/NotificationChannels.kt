package org.iopcompanion.app.platform

import android.app.Notification
import android.app.NotificationChannel
import android.app.NotificationManager
import android.content.Context
import org.iopcompanion.app.platform.PlatformTexts.Text
import org.iopcompanion.presenters.ReminderChannel

/**
 * The notification channels, designed up front: a channel's importance cannot be raised after
 * it is created, only lowered by the participant. Every channel hides content on a secure lock
 * screen (each notification also carries a neutral public version).
 */
object NotificationChannels {
    const val SESSIONS = "session_reminders"
    const val CHECKIN = "checkin_reminder"
    const val STATUS = "status"

    fun id(channel: ReminderChannel): String = when (channel) {
        ReminderChannel.SESSION_REMINDERS -> SESSIONS
        ReminderChannel.CHECKIN_REMINDER -> CHECKIN
        ReminderChannel.STATUS -> STATUS
    }

    /** Creates the channels, or renames them after a language change; safe to call at every start. */
    fun ensure(context: Context, texts: PlatformTexts) {
        val manager = context.getSystemService(NotificationManager::class.java) ?: return
        manager.createNotificationChannels(
            listOf(
                // High: a session reminder is time-critical (leave now for group), so it may
                // peek over what the participant is doing and make a sound.
                channel(SESSIONS, texts.get(Text.CHANNEL_SESSIONS), texts.get(Text.CHANNEL_SESSIONS_ABOUT), NotificationManager.IMPORTANCE_HIGH),
                // Default: the daily check-in is a gentle nudge; a sound, no peeking.
                channel(CHECKIN, texts.get(Text.CHANNEL_CHECKIN), texts.get(Text.CHANNEL_CHECKIN_ABOUT), NotificationManager.IMPORTANCE_DEFAULT),
                // Low: status (sync stopped) is never urgent; no sound, no badge.
                channel(STATUS, texts.get(Text.CHANNEL_STATUS), texts.get(Text.CHANNEL_STATUS_ABOUT), NotificationManager.IMPORTANCE_LOW)
                    .apply { setShowBadge(false) },
            ),
        )
    }

    /** The channels the participant turned off, for the reminder health screen. */
    fun blocked(context: Context): Set<ReminderChannel> {
        val manager = context.getSystemService(NotificationManager::class.java) ?: return emptySet()
        return ReminderChannel.entries.filterTo(mutableSetOf()) { channel ->
            manager.getNotificationChannel(id(channel))?.importance == NotificationManager.IMPORTANCE_NONE
        }
    }

    private fun channel(id: String, name: String, about: String, importance: Int) =
        NotificationChannel(id, name, importance).apply {
            description = about
            lockscreenVisibility = Notification.VISIBILITY_PRIVATE
        }
}
