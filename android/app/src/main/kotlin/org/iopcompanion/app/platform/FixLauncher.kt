package org.iopcompanion.app.platform

import android.app.Activity
import android.content.ActivityNotFoundException
import android.content.Intent
import android.net.Uri
import android.os.Build
import android.provider.Settings
import org.iopcompanion.core.HealthFix

/**
 * Opens the system screen for a reminder-health fix, one tap from the check that named it. The
 * notification permission dialog and the in-app refresh are not screens: the UI asks the
 * permission (Activity Result API) and [Reminders] applies the plan.
 */
object FixLauncher {
    /** Returns whether a screen opened; `false` for fixes that are not a settings screen. */
    fun launch(activity: Activity, fix: HealthFix): Boolean {
        // The first that the phone can open; the app's details page is the last resort.
        for (intent in intentsFor(activity.packageName, fix)) {
            try {
                activity.startActivity(intent)
                return true
            } catch (e: ActivityNotFoundException) {
                continue
            } catch (e: SecurityException) {
                continue
            }
        }
        return false
    }

    fun intentsFor(packageName: String, fix: HealthFix): List<Intent> {
        val pkg = Uri.fromParts("package", packageName, null)
        val details = Intent(Settings.ACTION_APPLICATION_DETAILS_SETTINGS, pkg)
        val notifications = Intent(Settings.ACTION_APP_NOTIFICATION_SETTINGS)
            .putExtra(Settings.EXTRA_APP_PACKAGE, packageName)
        return when (fix) {
            HealthFix.RequestNotificationPermission, HealthFix.RefreshPlan -> emptyList()
            HealthFix.OpenNotificationSettings -> listOf(notifications, details)
            is HealthFix.OpenChannelSettings -> listOf(
                Intent(Settings.ACTION_CHANNEL_NOTIFICATION_SETTINGS)
                    .putExtra(Settings.EXTRA_APP_PACKAGE, packageName)
                    .putExtra(Settings.EXTRA_CHANNEL_ID, NotificationChannels.id(fix.channel)),
                notifications,
            )
            HealthFix.RequestExactAlarms -> if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.S) {
                listOf(Intent(Settings.ACTION_REQUEST_SCHEDULE_EXACT_ALARM, pkg), details)
            } else {
                emptyList()
            }
            // The system's one-tap dialog (the manifest's REQUEST_IGNORE_BATTERY_OPTIMIZATIONS);
            // the list of apps if a phone does not offer it.
            HealthFix.RequestIgnoreBatteryOptimizations -> listOf(
                Intent(Settings.ACTION_REQUEST_IGNORE_BATTERY_OPTIMIZATIONS, pkg),
                Intent(Settings.ACTION_IGNORE_BATTERY_OPTIMIZATION_SETTINGS),
            )
            HealthFix.OpenAppDetails, HealthFix.OpenAppSettings -> listOf(details)
        }
    }
}
