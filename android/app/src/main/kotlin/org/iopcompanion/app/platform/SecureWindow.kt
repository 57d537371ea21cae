package org.iopcompanion.app.platform

import android.app.Activity
import android.os.Build
import android.view.WindowManager

/**
 * Keeps the app's screens out of screenshots, screen recordings and the recents view's
 * thumbnail: what a participant writes here must not show to whoever holds the phone next.
 */
object SecureWindow {
    fun apply(activity: Activity) {
        activity.window.setFlags(WindowManager.LayoutParams.FLAG_SECURE, WindowManager.LayoutParams.FLAG_SECURE)
        if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.TIRAMISU) activity.setRecentsScreenshotEnabled(false)
    }
}
