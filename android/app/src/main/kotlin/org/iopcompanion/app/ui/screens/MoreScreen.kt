package org.iopcompanion.app.ui.screens

import androidx.compose.foundation.clickable
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.material3.HorizontalDivider
import androidx.compose.material3.ListItem
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.ui.Modifier
import androidx.compose.ui.res.stringResource
import org.iopcompanion.app.R
import org.iopcompanion.app.ui.Routes

@Composable
fun MoreScreen(onOpen: (String) -> Unit) {
    Column(Modifier.fillMaxSize()) {
        listOf(
            Routes.REACH_OUT to R.string.reach_out,
            Routes.SAFETY_PLAN to R.string.safety_plan_title,
            Routes.REMINDER_HEALTH to R.string.reminder_health_title,
            Routes.SETTINGS to R.string.settings_title,
        ).forEach { (route, label) ->
            ListItem(headlineContent = { Text(stringResource(label)) }, modifier = Modifier.clickable { onOpen(route) })
            HorizontalDivider()
        }
    }
}
