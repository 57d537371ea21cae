package org.iopcompanion.app.platform

/**
 * What the platform layer needs from the app's resources. This package uses only the Android
 * framework, so it never names R. Every word it shows is the core's: the notifications and
 * the channels' names (`notificationChannelLabel`).
 */
interface PlatformTexts {
    /** A small monochrome icon that says nothing about what the app is for. */
    val notificationIcon: Int
}
