package org.iopcompanion.app.ui

import android.content.Intent
import android.os.Bundle
import androidx.activity.ComponentActivity
import androidx.activity.compose.setContent
import androidx.activity.enableEdgeToEdge
import androidx.compose.runtime.mutableStateOf
import org.iopcompanion.app.platform.AppGraph
import org.iopcompanion.app.platform.ReminderNotifications
import org.iopcompanion.app.ui.theme.CompanionTheme

/** The one activity: Compose navigation over the screens; it renders and forwards, nothing more. */
class MainActivity : ComponentActivity() {
    /** The screen a notification asked for (check-in, today, settings), until it is shown. */
    private val destination = mutableStateOf<String?>(null)

    private val graph: AppGraph get() = (application as AppGraph.Holder).graph

    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        enableEdgeToEdge()
        if (savedInstanceState == null) destination.value = intent.getStringExtra(ReminderNotifications.EXTRA_DESTINATION)
        setContent {
            CompanionTheme {
                AppRoot(
                    graph = graph,
                    destination = destination.value,
                    onDestinationShown = { destination.value = null },
                    onRestart = ::restart,
                )
            }
        }
    }

    override fun onNewIntent(intent: Intent) {
        super.onNewIntent(intent)
        destination.value = intent.getStringExtra(ReminderNotifications.EXTRA_DESTINATION)
    }

    override fun onResume() {
        super.onResume()
        // At every return to the app: the plan against what the OS holds (permissions may
        // have changed in Settings meanwhile).
        graph.reminders.applyAsync()
    }

    /** After an erase: a fresh task, so no screen keeps the erased store. */
    private fun restart() {
        startActivity(Intent(this, MainActivity::class.java).addFlags(Intent.FLAG_ACTIVITY_NEW_TASK or Intent.FLAG_ACTIVITY_CLEAR_TASK))
        finish()
    }
}
