package org.iopcompanion.app

import android.content.Context
import org.iopcompanion.app.platform.PlatformTexts
import org.iopcompanion.app.platform.PlatformTexts.Text

/** The channels' names, from string resources (the core words every notification). */
class ResourceTexts(private val context: Context) : PlatformTexts {
    override val notificationIcon: Int = R.drawable.ic_notification

    override fun get(text: Text): String = context.getString(
        when (text) {
            Text.CHANNEL_SESSIONS -> R.string.channel_sessions
            Text.CHANNEL_SESSIONS_ABOUT -> R.string.channel_sessions_about
            Text.CHANNEL_CHECKIN -> R.string.channel_checkin
            Text.CHANNEL_CHECKIN_ABOUT -> R.string.channel_checkin_about
            Text.CHANNEL_STATUS -> R.string.channel_status
            Text.CHANNEL_STATUS_ABOUT -> R.string.channel_status_about
        },
    )
}
