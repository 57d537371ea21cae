package org.iopcompanion.app

import org.iopcompanion.app.platform.PlatformTexts

/** The notification icon, from the app's resources (the core words every notification and channel). */
class ResourceTexts : PlatformTexts {
    override val notificationIcon: Int = R.drawable.ic_notification
}
