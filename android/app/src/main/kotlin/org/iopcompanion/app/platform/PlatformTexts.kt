package org.iopcompanion.app.platform

/**
 * The words the platform layer shows outside the app (notification channels, notifications).
 * This package may use only the Android framework, so it never names R; the app maps each
 * text to its string resource (ResourceTexts), in the participant's language.
 */
interface PlatformTexts {
    /** A small monochrome icon that says nothing about what the app is for. */
    val notificationIcon: Int

    fun get(text: Text, vararg args: Any): String

    enum class Text {
        CHANNEL_SESSIONS,
        CHANNEL_SESSIONS_ABOUT,
        CHANNEL_CHECKIN,
        CHANNEL_CHECKIN_ABOUT,
        CHANNEL_STATUS,
        CHANNEL_STATUS_ABOUT,

        /** Discreet: "Reminder". */
        NEUTRAL_TITLE,

        /** Discreet, with the time (1: local time): "Something at 10:00". */
        NEUTRAL_AT,

        /** Discreet, no time: "Open the app to see it". */
        NEUTRAL_TEXT,

        /** 1: title, 2: local time. */
        SESSION_TITLE,

        /** 1: location. */
        SESSION_WHERE,

        /** A video session. */
        SESSION_VIDEO,

        /** 1: the session's own wall-clock time, 2: its zone. */
        SESSION_OWN_TIME,
        CHECKIN_TITLE,
        CHECKIN_TEXT,

        /** The lock screen's version of any reminder. */
        LOCK_SCREEN_TITLE,
        LOCK_SCREEN_TEXT,

        /** Sync stopped: this device is no longer enrolled. */
        SYNC_STOPPED_TITLE,
        SYNC_STOPPED_TEXT,
    }
}
