package org.iopcompanion.app.platform

import android.os.Bundle
import org.iopcompanion.core.NotificationChannel
import org.iopcompanion.core.NotificationContent
import org.iopcompanion.core.NotificationTarget
import org.iopcompanion.core.ReminderRequest

/**
 * A reminder's notification, as the core worded it, in its alarm's extras: posted word for
 * word when the alarm fires. The extras live in the system's memory only (alarms do not
 * survive a reboot), and hold only what the core put in the words.
 */
object ReminderExtras {
    private const val ID = "id"
    private const val TITLE = "title"
    private const val BODY = "body"
    private const val PUBLIC_TITLE = "publicTitle"
    private const val PUBLIC_BODY = "publicBody"
    private const val CHANNEL = "channel"
    private const val TIME_SENSITIVE = "timeSensitive"
    private const val OPENS = "opens"
    private const val THREAD = "thread"
    private const val NAMED = "named"

    fun of(request: ReminderRequest): Bundle = Bundle().apply {
        val n = request.notification
        putString(ID, request.reminder.id)
        putString(TITLE, n.title)
        putString(BODY, n.body)
        putString(PUBLIC_TITLE, n.publicTitle)
        putString(PUBLIC_BODY, n.publicBody)
        putString(CHANNEL, n.channel.name)
        putBoolean(TIME_SENSITIVE, n.timeSensitive)
        putString(OPENS, n.opens.name)
        putString(THREAD, n.thread)
        putBoolean(NAMED, n.named)
    }

    /** A reminder as its alarm carries it. */
    data class Reminder(val id: String, val content: NotificationContent)

    /** The reminder, or `null` for extras this version did not write. */
    fun read(extras: Bundle?): Reminder? {
        if (extras == null) return null
        val id = extras.getString(ID) ?: return null
        val channel = NotificationChannel.entries.firstOrNull { it.name == extras.getString(CHANNEL) } ?: return null
        val opens = NotificationTarget.entries.firstOrNull { it.name == extras.getString(OPENS) } ?: NotificationTarget.TODAY
        val content = NotificationContent(
            title = extras.getString(TITLE) ?: return null,
            body = extras.getString(BODY) ?: return null,
            publicTitle = extras.getString(PUBLIC_TITLE) ?: return null,
            publicBody = extras.getString(PUBLIC_BODY) ?: return null,
            channel = channel,
            timeSensitive = extras.getBoolean(TIME_SENSITIVE),
            opens = opens,
            thread = extras.getString(THREAD).orEmpty(),
            // Missing reads as named: never show more on a lock screen than the core allowed.
            named = extras.getBoolean(NAMED, true),
        )
        return Reminder(id, content)
    }
}
