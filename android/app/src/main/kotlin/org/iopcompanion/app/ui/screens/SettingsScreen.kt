package org.iopcompanion.app.ui.screens

import android.text.format.DateFormat
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Box
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.ExperimentalLayoutApi
import androidx.compose.foundation.layout.FlowRow
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.verticalScroll
import androidx.compose.material3.AlertDialog
import androidx.compose.material3.CircularProgressIndicator
import androidx.compose.material3.DropdownMenu
import androidx.compose.material3.DropdownMenuItem
import androidx.compose.material3.FilterChip
import androidx.compose.material3.HorizontalDivider
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.Switch
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.LocalContext
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import org.iopcompanion.app.R
import org.iopcompanion.app.platform.AppGraph
import org.iopcompanion.app.ui.Loading
import org.iopcompanion.app.ui.NotificationPermissionMoment
import org.iopcompanion.app.ui.ProblemBanner
import org.iopcompanion.app.ui.RefreshOnChange
import org.iopcompanion.app.ui.SectionTitle
import org.iopcompanion.app.ui.presenter
import org.iopcompanion.app.ui.rememberPhone
import org.iopcompanion.core.CompanionStore
import org.iopcompanion.core.SettingsAction
import org.iopcompanion.core.SettingsScreenRecord
import org.iopcompanion.presenters.SettingsPresenter
import org.iopcompanion.presenters.SettingsState

/** Account and linking, the region, discreet mode, the check-in reminder, default leads, backup, export, erase. */
@OptIn(ExperimentalLayoutApi::class)
@Composable
fun SettingsScreen(graph: AppGraph, store: CompanionStore, onReminderHealth: () -> Unit, onErased: () -> Unit) {
    val phone = rememberPhone(graph)
    val vm = presenter("settings") { SettingsPresenter(store, graph.clock, phone) }
    val state by vm.presenter.state.collectAsStateWithLifecycle()
    val context = LocalContext.current
    var pickTime by remember { mutableStateOf(false) }
    RefreshOnChange(graph) { vm.act { refresh() } }
    NotificationPermissionMoment(state.askNotificationPermission, graph.status) { vm.presenter.permissionAsked() }
    val send: (SettingsAction) -> Unit = { action -> vm.act { act(action) } }

    val screen = state.screen ?: return Loading()
    Column(Modifier.fillMaxSize().verticalScroll(rememberScrollState()).padding(16.dp)) {
        ProblemBanner(state.problem) { vm.presenter.dismissProblem() }
        Text(stringResource(R.string.settings_title), style = MaterialTheme.typography.headlineSmall)

        SectionTitle(stringResource(R.string.settings_reminders))
        SwitchRow(stringResource(R.string.settings_discreet), screen.discreetNotice, screen.discreetNotifications) {
            send(SettingsAction.SetDiscreetNotifications(it))
        }
        val reminder = screen.checkinReminder
        SwitchRow(
            stringResource(R.string.settings_checkin_reminder),
            screen.checkinReminderLabel?.let { stringResource(R.string.settings_checkin_reminder_at, it) } ?: stringResource(R.string.off),
            reminder != null,
        ) { on -> send(SettingsAction.SetCheckinReminder(if (on) screen.suggestedCheckinReminder else null)) }
        if (reminder != null) TextButton(onClick = { pickTime = true }) { Text(stringResource(R.string.settings_change_time)) }

        Text(stringResource(R.string.settings_leads), modifier = Modifier.padding(top = 8.dp))
        // The chosen leads (a tap removes one), then the ones the core still offers (a tap adds it):
        // the core lists them apart, so a chosen lead is never among `leadChoices`.
        FlowRow(horizontalArrangement = Arrangement.spacedBy(6.dp)) {
            screen.defaultLeads.forEach { chosen ->
                FilterChip(selected = true, onClick = { send(SettingsAction.RemoveDefaultLead(chosen.minutes)) }, label = { Text(chosen.label) })
            }
            screen.leadChoices.forEach { offered ->
                FilterChip(selected = false, onClick = { send(SettingsAction.AddDefaultLead(offered.minutes)) }, label = { Text(offered.label) })
            }
        }
        OutlinedButton(onClick = onReminderHealth, modifier = Modifier.padding(top = 8.dp)) { Text(stringResource(R.string.reminder_health_title)) }

        SectionTitle(stringResource(R.string.settings_country))
        RegionPicker(screen, send)

        SectionTitle(stringResource(R.string.settings_program))
        AccountSection(
            state,
            screen,
            onEnroll = { server, code -> vm.act { if (enroll(server, code)) graph.joined() } },
            onRedeem = { server, code -> vm.act { if (redeemLink(server, code)) graph.joined() } },
            onLink = { vm.act { createLink() } },
            onSync = { vm.act { syncNow() } },
            onDismissCode = { vm.presenter.dismissLinkCode() },
        )

        HorizontalDivider(Modifier.padding(vertical = 16.dp))
        BackupSection(graph, store, screen.restoreNotice)
        ExportSection(vm.presenter, screen.exportFormats, screen.exportNotice)
        HorizontalDivider(Modifier.padding(vertical = 16.dp))
        EraseSection(graph, store, screen.eraseNotice, screen.eraseConfirmation, onErased)
    }

    if (pickTime) {
        ClockPicker(screen.checkinReminder ?: screen.suggestedCheckinReminder, DateFormat.is24HourFormat(context), onDismiss = { pickTime = false }) {
            send(SettingsAction.SetCheckinReminder(it))
        }
    }
}

/** The core's countries; "the phone's" follows the device's region (the core's name for the one in effect shown). */
@Composable
private fun RegionPicker(screen: SettingsScreenRecord, send: (SettingsAction) -> Unit) {
    var open by remember { mutableStateOf(false) }
    Row(verticalAlignment = Alignment.CenterVertically) {
        Text(screen.effectiveRegionName ?: stringResource(R.string.not_set), modifier = Modifier.weight(1f))
        Box {
            OutlinedButton(onClick = { open = true }) { Text(stringResource(R.string.settings_country_choose)) }
            DropdownMenu(expanded = open, onDismissRequest = { open = false }) {
                DropdownMenuItem(text = { Text(stringResource(R.string.settings_country_phone)) }, onClick = {
                    open = false
                    send(SettingsAction.SetRegion(null))
                })
                screen.regionChoices.forEach { region ->
                    DropdownMenuItem(text = { Text(region.name) }, onClick = {
                        open = false
                        send(SettingsAction.SetRegion(region.code))
                    })
                }
            }
        }
    }
}

@Composable
private fun SwitchRow(title: String, subtitle: String, checked: Boolean, onChange: (Boolean) -> Unit) {
    Row(verticalAlignment = Alignment.CenterVertically, modifier = Modifier.fillMaxWidth().padding(vertical = 4.dp)) {
        Column(Modifier.weight(1f)) {
            Text(title)
            Text(subtitle, style = MaterialTheme.typography.bodySmall)
        }
        Switch(checked = checked, onCheckedChange = onChange)
    }
}

@Composable
private fun AccountSection(
    state: SettingsState,
    screen: SettingsScreenRecord,
    onEnroll: (String, String) -> Unit,
    onRedeem: (String, String) -> Unit,
    onLink: () -> Unit,
    onSync: () -> Unit,
    onDismissCode: () -> Unit,
) {
    val account = screen.account
    if (account == null) {
        JoinForm(busy = state.busy != null, onEnroll = onEnroll, onRedeem = onRedeem, onBack = null)
        return
    }
    if (state.busy != null) CircularProgressIndicator(Modifier.padding(8.dp))
    Text(account.label)
    // What joining and the last sync did, in the core's words.
    state.joined?.let { Text(it, style = MaterialTheme.typography.bodySmall) }
    state.lastSync?.let { Text(it.summary, style = MaterialTheme.typography.bodySmall) }
    Row(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
        OutlinedButton(onClick = onSync, enabled = state.busy == null) { Text(stringResource(R.string.settings_sync_now)) }
        OutlinedButton(onClick = onLink, enabled = state.busy == null) { Text(stringResource(R.string.settings_link_device)) }
    }
    state.linkCode?.let { link ->
        AlertDialog(
            onDismissRequest = onDismissCode,
            title = { Text(stringResource(R.string.settings_link_code_title)) },
            text = {
                Column {
                    Text(link.code, style = MaterialTheme.typography.headlineMedium)
                    Text(link.summary, modifier = Modifier.padding(top = 8.dp))
                }
            },
            confirmButton = { TextButton(onClick = onDismissCode) { Text(stringResource(R.string.ok)) } },
        )
    }
}
