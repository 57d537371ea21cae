package org.iopcompanion.app.ui

import android.Manifest
import android.os.Build
import androidx.activity.compose.LocalActivity
import androidx.activity.compose.rememberLauncherForActivityResult
import androidx.activity.result.contract.ActivityResultContracts
import androidx.compose.material3.AlertDialog
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import androidx.compose.ui.res.stringResource
import org.iopcompanion.app.R
import org.iopcompanion.app.platform.PlatformStatusReader

/**
 * The system's POST_NOTIFICATIONS dialog, for a tap that asks for it (Today's notice card,
 * reminder health's fix): shown only while the system still would; [onDone] either way.
 */
@Composable
fun rememberNotificationAsk(status: PlatformStatusReader, onDone: () -> Unit): () -> Unit {
    val activity = LocalActivity.current
    val launcher = rememberLauncherForActivityResult(ActivityResultContracts.RequestPermission()) { onDone() }
    return {
        if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.TIRAMISU && status.canAskNotificationPermission(activity)) {
            status.notificationPermissionAsked()
            launcher.launch(Manifest.permission.POST_NOTIFICATIONS)
        } else {
            onDone()
        }
    }
}

/**
 * Asks for POST_NOTIFICATIONS when the core said this is the moment ([ask]: a session with
 * reminders added, the check-in reminder set or due, joining a program): a short reason
 * first, then the system's dialog, only while the system would still show it.
 */
@Composable
fun NotificationPermissionMoment(ask: Boolean, status: PlatformStatusReader, onHandled: () -> Unit) {
    val activity = LocalActivity.current
    var explain by remember { mutableStateOf(false) }
    val launch = rememberNotificationAsk(status, onHandled)
    LaunchedEffect(ask) {
        if (!ask) return@LaunchedEffect
        if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.TIRAMISU && status.canAskNotificationPermission(activity)) {
            explain = true
        } else {
            onHandled()
        }
    }
    if (explain) {
        AlertDialog(
            onDismissRequest = {
                explain = false
                onHandled()
            },
            title = { Text(stringResource(R.string.permission_notifications_title)) },
            text = { Text(stringResource(R.string.permission_notifications_text)) },
            confirmButton = {
                TextButton(onClick = {
                    explain = false
                    launch()
                }) { Text(stringResource(R.string.permission_notifications_allow)) }
            },
            dismissButton = {
                TextButton(onClick = {
                    explain = false
                    onHandled()
                }) { Text(stringResource(R.string.not_now)) }
            },
        )
    }
}
