package org.iopcompanion.app.ui.screens

import androidx.activity.compose.LocalActivity
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.verticalScroll
import androidx.compose.material.icons.Icons
import androidx.compose.material.icons.filled.CheckCircle
import androidx.compose.material.icons.filled.Info
import androidx.compose.material.icons.filled.Warning
import androidx.compose.material3.Button
import androidx.compose.material3.Card
import androidx.compose.material3.CardDefaults
import androidx.compose.material3.Icon
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.unit.dp
import androidx.lifecycle.Lifecycle
import androidx.lifecycle.compose.LifecycleEventEffect
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import org.iopcompanion.app.R
import org.iopcompanion.app.platform.AppGraph
import org.iopcompanion.app.platform.FixLauncher
import org.iopcompanion.app.ui.Loading
import org.iopcompanion.app.ui.ProblemBanner
import org.iopcompanion.app.ui.RefreshOnChange
import org.iopcompanion.app.ui.presenter
import org.iopcompanion.app.ui.rememberNotificationAsk
import org.iopcompanion.app.ui.rememberPhone
import org.iopcompanion.core.CompanionStore
import org.iopcompanion.core.HealthCheck
import org.iopcompanion.core.HealthFix
import org.iopcompanion.core.HealthStatus
import org.iopcompanion.presenters.ApplyReason
import org.iopcompanion.presenters.ReminderHealthPresenter

/**
 * Can this phone deliver the reminders, at the right minute? The core's checks, worst first,
 * in its words; each fix one tap away. Read again on every return from Settings.
 */
@Composable
fun ReminderHealthScreen(graph: AppGraph, store: CompanionStore) {
    val phone = rememberPhone(graph)
    val vm = presenter("reminder-health") { ReminderHealthPresenter(store, graph.clock, phone) }
    val state by vm.presenter.state.collectAsStateWithLifecycle()
    val activity = LocalActivity.current
    val recheck = { vm.act { refresh() } }
    val ask = rememberNotificationAsk(graph.status) { recheck() }
    LifecycleEventEffect(Lifecycle.Event.ON_RESUME) { recheck() }
    RefreshOnChange(graph) { recheck() }

    val fix: (HealthFix) -> Unit = { chosen ->
        when (chosen) {
            HealthFix.RequestNotificationPermission -> ask()
            // Applied on the reminders thread; health is read again once it is done.
            HealthFix.RefreshPlan -> graph.reminders.applyAsync(ApplyReason.HEALTH_FIX) { recheck() }
            HealthFix.OpenNotificationSettings,
            is HealthFix.OpenChannelSettings,
            HealthFix.RequestExactAlarms,
            HealthFix.RequestIgnoreBatteryOptimizations,
            HealthFix.OpenAppDetails,
            HealthFix.OpenAppSettings,
            -> activity?.let { FixLauncher.launch(it, chosen) }
        }
    }

    val health = state.health ?: return Loading()
    Column(Modifier.fillMaxSize().verticalScroll(rememberScrollState()).padding(16.dp)) {
        ProblemBanner(state.problem) { vm.presenter.dismissProblem() }
        Text(stringResource(R.string.reminder_health_title), style = MaterialTheme.typography.headlineSmall)
        Text(health.overallLabel, style = MaterialTheme.typography.titleMedium, modifier = Modifier.padding(vertical = 8.dp))
        health.lastAppliedLabel?.let { Text(it, style = MaterialTheme.typography.bodySmall) }
        // How many reminders are planned and how far ahead, or that none are: the core's line.
        Text(health.plannedLabel, style = MaterialTheme.typography.bodySmall)
        health.next?.let { next ->
            // The next reminder in the core's own words, as the phone will show it.
            Text(next.label, style = MaterialTheme.typography.labelLarge)
            Text(next.notification.title)
            Text(next.notification.body, style = MaterialTheme.typography.bodySmall)
        }
        health.checks.forEach { check -> CheckRow(check, fix) }
    }
}

@Composable
private fun CheckRow(check: HealthCheck, onFix: (HealthFix) -> Unit) {
    val colors = when (check.status) {
        HealthStatus.PROBLEM -> CardDefaults.cardColors(containerColor = MaterialTheme.colorScheme.errorContainer)
        HealthStatus.WARNING -> CardDefaults.cardColors(containerColor = MaterialTheme.colorScheme.tertiaryContainer)
        HealthStatus.ADVICE, HealthStatus.OK -> CardDefaults.cardColors()
    }
    Card(colors = colors, modifier = Modifier.fillMaxWidth().padding(vertical = 4.dp)) {
        Row(Modifier.padding(12.dp), verticalAlignment = Alignment.CenterVertically) {
            Icon(
                when (check.status) {
                    HealthStatus.OK -> Icons.Filled.CheckCircle
                    HealthStatus.ADVICE -> Icons.Filled.Info
                    HealthStatus.WARNING, HealthStatus.PROBLEM -> Icons.Filled.Warning
                },
                contentDescription = null,
            )
            Column(Modifier.weight(1f).padding(horizontal = 12.dp)) {
                Text(check.title)
                Text(check.detail, style = MaterialTheme.typography.bodySmall)
            }
            check.fix?.let { fix -> Button(onClick = { onFix(fix) }) { Text(check.fixLabel ?: stringResource(R.string.health_fix)) } }
        }
    }
}
