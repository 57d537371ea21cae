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
 * Asks for POST_NOTIFICATIONS at the moment a presenter marks (a session with reminders was
 * added, the check-in reminder was set or is about to remind), never at first launch: a short
 * reason first, then the system's dialog, only while the system would still show it.
 */
@Composable
fun NotificationPermissionMoment(moment: Boolean, status: PlatformStatusReader, onHandled: () -> Unit) {
    val activity = LocalActivity.current
    var explain by remember { mutableStateOf(false) }
    val launcher = rememberLauncherForActivityResult(ActivityResultContracts.RequestPermission()) { onHandled() }
    LaunchedEffect(moment) {
        if (!moment) return@LaunchedEffect
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
                    status.notificationPermissionAsked()
                    launcher.launch(Manifest.permission.POST_NOTIFICATIONS)
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
