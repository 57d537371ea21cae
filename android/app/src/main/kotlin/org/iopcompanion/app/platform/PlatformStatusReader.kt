package org.iopcompanion.app.platform

import android.Manifest
import android.app.Activity
import android.app.ActivityManager
import android.app.NotificationManager
import android.content.Context
import android.content.pm.PackageManager
import android.os.Build
import android.os.PowerManager
import org.iopcompanion.core.AndroidFacts

/**
 * Reads what the phone allows, as the core's AndroidFacts. Below the Android version that
 * introduced a restriction, it reads as allowed.
 */
class PlatformStatusReader(private val context: Context) {
    private val asked = context.getSharedPreferences(FILE, Context.MODE_PRIVATE)

    /** [activity] tells whether the system would still show its permission dialog. */
    fun read(activity: Activity?): AndroidFacts {
        val notifications = context.getSystemService(NotificationManager::class.java)
        val power = context.getSystemService(PowerManager::class.java)
        val activities = context.getSystemService(ActivityManager::class.java)
        return AndroidFacts(
            notificationsEnabled = notifications?.areNotificationsEnabled() == true,
            canAskNotificationPermission = canAskNotificationPermission(activity),
            blockedChannels = NotificationChannels.blocked(context),
            exactAlarmsAllowed = AlarmScheduler(context).exactAllowed(),
            ignoringBatteryOptimizations = power?.isIgnoringBatteryOptimizations(context.packageName) == true,
            backgroundRestricted = Build.VERSION.SDK_INT >= Build.VERSION_CODES.P && activities?.isBackgroundRestricted == true,
        )
    }

    fun notificationPermissionGranted(): Boolean =
        Build.VERSION.SDK_INT < Build.VERSION_CODES.TIRAMISU ||
            context.checkSelfPermission(Manifest.permission.POST_NOTIFICATIONS) == PackageManager.PERMISSION_GRANTED

    /** Recorded when the app shows the system's notification dialog. */
    fun notificationPermissionAsked() {
        asked.edit().putBoolean(ASKED_NOTIFICATIONS, true).apply()
    }

    /**
     * Android 13+, not granted, and the dialog would still show: never asked yet, or refused
     * once (the system then wants a rationale). After a second refusal only Settings can grant it.
     */
    fun canAskNotificationPermission(activity: Activity?): Boolean {
        if (Build.VERSION.SDK_INT < Build.VERSION_CODES.TIRAMISU || notificationPermissionGranted()) return false
        if (!asked.getBoolean(ASKED_NOTIFICATIONS, false)) return true
        return activity?.shouldShowRequestPermissionRationale(Manifest.permission.POST_NOTIFICATIONS) == true
    }

    private companion object {
        const val FILE = "permission_asks"
        const val ASKED_NOTIFICATIONS = "asked_post_notifications"
    }
}
