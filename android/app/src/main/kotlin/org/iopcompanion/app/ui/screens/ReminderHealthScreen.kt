package org.iopcompanion.app.ui.screens

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
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableIntStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.unit.dp
import androidx.lifecycle.Lifecycle
import androidx.lifecycle.compose.LifecycleEventEffect
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import android.Manifest
import androidx.activity.compose.LocalActivity
import androidx.activity.compose.rememberLauncherForActivityResult
import androidx.activity.result.contract.ActivityResultContracts
import java.time.Duration
import org.iopcompanion.app.R
import org.iopcompanion.app.platform.AppGraph
import org.iopcompanion.app.platform.FixLauncher
import org.iopcompanion.app.ui.presenter
import org.iopcompanion.app.ui.rememberDateFormatter
import org.iopcompanion.app.ui.rememberTimeFormatter
import org.iopcompanion.app.ui.timeText
import org.iopcompanion.core.CompanionStore
import org.iopcompanion.presenters.Fix
import org.iopcompanion.presenters.HealthCheck
import org.iopcompanion.presenters.HealthItem
import org.iopcompanion.presenters.HealthStatus
import org.iopcompanion.presenters.OverallHealth
import org.iopcompanion.presenters.ReminderHealthPresenter

/**
 * Can this phone deliver the reminders, at the right minute? Each check that fails has its fix
 * one tap away; the screen checks again whenever the participant comes back from Settings.
 */
@Composable
fun ReminderHealthScreen(graph: AppGraph, store: CompanionStore) {
    val vm = presenter("reminder-health") { ReminderHealthPresenter(store, graph.clock) }
    val state by vm.presenter.state.collectAsStateWithLifecycle()
    val changes by graph.changes.collectAsStateWithLifecycle()
    val activity = LocalActivity.current
    var round by remember { mutableIntStateOf(0) }
    val recheck = {
        val facts = graph.status.read(activity)
        val applied = graph.reminders.appliedPlan()
        vm.act { refresh(facts, applied) }
    }
    val ask = rememberLauncherForActivityResult(ActivityResultContracts.RequestPermission()) { round++ }
    LifecycleEventEffect(Lifecycle.Event.ON_RESUME) { round++ }
    LaunchedEffect(round, changes) { recheck() }

    val fix: (Fix) -> Unit = { chosen ->
        when (chosen) {
            Fix.RequestNotificationPermission -> {
                graph.status.notificationPermissionAsked()
                ask.launch(Manifest.permission.POST_NOTIFICATIONS)
            }
            // Applied on the reminders thread; the health is read again once it is done.
            Fix.RefreshPlan -> graph.reminders.applyAsync { round++ }
            else -> activity?.let { FixLauncher.launch(it, chosen) }
        }
    }

    val times = rememberTimeFormatter()
    val dates = rememberDateFormatter()
    Column(Modifier.fillMaxSize().verticalScroll(rememberScrollState()).padding(16.dp)) {
        Text(stringResource(R.string.reminder_health_title), style = MaterialTheme.typography.headlineSmall)
        Text(
            stringResource(
                when (state.overall) {
                    OverallHealth.GOOD -> R.string.health_good
                    OverallHealth.MAY_BE_LATE -> R.string.health_may_be_late
                    OverallHealth.NEEDS_ATTENTION -> R.string.health_needs_attention
                },
            ),
            style = MaterialTheme.typography.titleMedium,
            modifier = Modifier.padding(vertical = 8.dp),
        )
        val next = state.next
        if (next == null) {
            Text(stringResource(R.string.health_nothing_planned))
        } else {
            Text(stringResource(R.string.health_next, dates.format(next.localFireAt.toLocalDate()), next.localFireAt.timeText(times)))
            Text(
                stringResource(
                    when {
                        !next.handedOver -> R.string.health_next_not_handed_over
                        next.exact -> R.string.health_next_exact
                        else -> R.string.health_next_inexact
                    },
                ),
                style = MaterialTheme.typography.bodySmall,
            )
        }
        Text(
            state.lastRefreshed?.let { at ->
                val hours = Duration.between(at, graph.clock.instant()).toHours()
                stringResource(R.string.health_refreshed_hours_ago, hours)
            } ?: stringResource(R.string.health_never_refreshed),
            style = MaterialTheme.typography.bodySmall,
        )
        state.checks.forEach { check -> CheckRow(check, fix) }
    }
}

@Composable
private fun CheckRow(check: HealthCheck, onFix: (Fix) -> Unit) {
    val colors = when (check.status) {
        HealthStatus.PROBLEM -> CardDefaults.cardColors(containerColor = MaterialTheme.colorScheme.errorContainer)
        HealthStatus.WARNING -> CardDefaults.cardColors(containerColor = MaterialTheme.colorScheme.tertiaryContainer)
        else -> CardDefaults.cardColors()
    }
    Card(colors = colors, modifier = Modifier.fillMaxWidth().padding(vertical = 4.dp)) {
        Row(Modifier.padding(12.dp), verticalAlignment = Alignment.CenterVertically) {
            Icon(
                when (check.status) {
                    HealthStatus.OK -> Icons.Filled.CheckCircle
                    HealthStatus.ADVICE -> Icons.Filled.Info
                    else -> Icons.Filled.Warning
                },
                contentDescription = null,
            )
            Column(Modifier.weight(1f).padding(horizontal = 12.dp)) {
                Text(stringResource(itemTitle(check.item)))
                Text(stringResource(itemExplanation(check.item, check.status)), style = MaterialTheme.typography.bodySmall)
            }
            check.fix?.let { fix -> Button(onClick = { onFix(fix) }) { Text(stringResource(R.string.health_fix)) } }
        }
    }
}

private fun itemTitle(item: HealthItem): Int = when (item) {
    HealthItem.NOTIFICATIONS -> R.string.health_notifications
    HealthItem.SESSION_CHANNEL -> R.string.health_session_channel
    HealthItem.CHECKIN_CHANNEL -> R.string.health_checkin_channel
    HealthItem.EXACT_ALARMS -> R.string.health_exact_alarms
    HealthItem.BATTERY_OPTIMIZATION -> R.string.health_battery
    HealthItem.BACKGROUND_RESTRICTION -> R.string.health_background
    HealthItem.PLAN_HANDED_OVER -> R.string.health_plan_handed_over
    HealthItem.PLAN_FRESH -> R.string.health_plan_fresh
}

private fun itemExplanation(item: HealthItem, status: HealthStatus): Int = if (status == HealthStatus.OK) {
    R.string.health_ok
} else {
    when (item) {
        HealthItem.NOTIFICATIONS -> R.string.health_notifications_off
        HealthItem.SESSION_CHANNEL, HealthItem.CHECKIN_CHANNEL -> R.string.health_channel_off
        HealthItem.EXACT_ALARMS -> R.string.health_exact_alarms_off
        HealthItem.BATTERY_OPTIMIZATION -> R.string.health_battery_optimized
        HealthItem.BACKGROUND_RESTRICTION -> R.string.health_background_restricted
        HealthItem.PLAN_HANDED_OVER -> R.string.health_plan_not_handed_over
        HealthItem.PLAN_FRESH -> R.string.health_plan_stale
    }
}
