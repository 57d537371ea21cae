package org.iopcompanion.app.ui

import android.content.Intent
import android.os.Bundle
import androidx.activity.ComponentActivity
import androidx.activity.compose.setContent
import androidx.activity.enableEdgeToEdge
import androidx.compose.runtime.mutableStateOf
import org.iopcompanion.app.platform.AppGraph
import org.iopcompanion.app.platform.ReminderNotifications
import org.iopcompanion.app.platform.SecureWindow
import org.iopcompanion.app.ui.theme.CompanionTheme
import org.iopcompanion.core.NotificationTarget
import org.iopcompanion.presenters.ApplyReason

/** The one activity: Compose navigation over the screens; it renders and forwards, nothing more. */
class MainActivity : ComponentActivity() {
    /** The screen a notification asked for, until it is shown. */
    private val target = mutableStateOf<NotificationTarget?>(null)

    private val graph: AppGraph get() = (application as AppGraph.Holder).graph

    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        // Before any content: no screenshot, recording or recents thumbnail shows the app.
        SecureWindow.apply(this)
        enableEdgeToEdge()
        if (savedInstanceState == null) target.value = ReminderNotifications.target(intent)
        setContent {
            CompanionTheme {
                AppRoot(
                    graph = graph,
                    target = target.value,
                    onTargetShown = { target.value = null },
                    onRestart = ::restart,
                )
            }
        }
    }

    override fun onNewIntent(intent: Intent) {
        super.onNewIntent(intent)
        target.value = ReminderNotifications.target(intent)
    }

    override fun onResume() {
        super.onResume()
        // At every return to the app: permissions may have changed in Settings, the zone may
        // have moved (the core rewords every reminder then).
        graph.reminders.applyAsync(ApplyReason.RESUME)
    }

    /** After an erase or a fresh start: a new task, so no screen keeps the old store. */
    private fun restart() {
        startActivity(Intent(this, MainActivity::class.java).addFlags(Intent.FLAG_ACTIVITY_NEW_TASK or Intent.FLAG_ACTIVITY_CLEAR_TASK))
        finish()
    }
}
