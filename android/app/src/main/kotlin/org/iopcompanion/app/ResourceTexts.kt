package org.iopcompanion.app

import android.content.Context
import org.iopcompanion.app.platform.PlatformTexts
import org.iopcompanion.app.platform.PlatformTexts.Text

/** The platform layer's words, from string resources (so they follow the participant's language). */
class ResourceTexts(private val context: Context) : PlatformTexts {
    override val notificationIcon: Int = R.drawable.ic_notification

    override fun get(text: Text, vararg args: Any): String = context.getString(
        when (text) {
            Text.CHANNEL_SESSIONS -> R.string.channel_sessions
            Text.CHANNEL_SESSIONS_ABOUT -> R.string.channel_sessions_about
            Text.CHANNEL_CHECKIN -> R.string.channel_checkin
            Text.CHANNEL_CHECKIN_ABOUT -> R.string.channel_checkin_about
            Text.CHANNEL_STATUS -> R.string.channel_status
            Text.CHANNEL_STATUS_ABOUT -> R.string.channel_status_about
            Text.NEUTRAL_TITLE -> R.string.reminder_neutral_title
            Text.NEUTRAL_AT -> R.string.reminder_neutral_at
            Text.NEUTRAL_TEXT -> R.string.reminder_neutral_text
            Text.SESSION_TITLE -> R.string.reminder_session_title
            Text.SESSION_WHERE -> R.string.reminder_session_where
            Text.SESSION_VIDEO -> R.string.reminder_session_video
            Text.SESSION_OWN_TIME -> R.string.reminder_session_own_time
            Text.CHECKIN_TITLE -> R.string.reminder_checkin_title
            Text.CHECKIN_TEXT -> R.string.reminder_checkin_text
            Text.LOCK_SCREEN_TITLE -> R.string.lock_screen_title
            Text.LOCK_SCREEN_TEXT -> R.string.lock_screen_text
            Text.SYNC_STOPPED_TITLE -> R.string.sync_stopped_title
            Text.SYNC_STOPPED_TEXT -> R.string.sync_stopped_text
        },
        *args,
    )
}
