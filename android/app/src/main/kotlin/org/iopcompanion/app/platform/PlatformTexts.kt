package org.iopcompanion.app.platform

/**
 * The few words the platform layer needs that are not a notification's (the core words every
 * notification): the channels' names in the system settings. This package uses only the
 * Android framework, so it never names R; the app maps each text to its string resource.
 */
interface PlatformTexts {
    /** A small monochrome icon that says nothing about what the app is for. */
    val notificationIcon: Int

    fun get(text: Text): String

    enum class Text {
        CHANNEL_SESSIONS,
        CHANNEL_SESSIONS_ABOUT,
        CHANNEL_CHECKIN,
        CHANNEL_CHECKIN_ABOUT,
        CHANNEL_STATUS,
        CHANNEL_STATUS_ABOUT,
    }
}
