package org.iopcompanion.app.ui.screens

import android.net.Uri
import android.text.format.DateFormat
import android.widget.Toast
import androidx.activity.compose.rememberLauncherForActivityResult
import androidx.activity.result.contract.ActivityResultContracts
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.ExperimentalLayoutApi
import androidx.compose.foundation.layout.FlowRow
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.text.KeyboardOptions
import androidx.compose.foundation.verticalScroll
import androidx.compose.material3.AlertDialog
import androidx.compose.material3.Button
import androidx.compose.material3.ButtonDefaults
import androidx.compose.material3.CircularProgressIndicator
import androidx.compose.material3.ExperimentalMaterial3Api
import androidx.compose.material3.FilterChip
import androidx.compose.material3.HorizontalDivider
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Switch
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.material3.TimePicker
import androidx.compose.material3.rememberTimePickerState
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.rememberCoroutineScope
import androidx.compose.runtime.setValue
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.LocalContext
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.text.input.KeyboardType
import androidx.compose.ui.text.input.PasswordVisualTransformation
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import java.time.LocalTime
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext
import org.iopcompanion.app.R
import org.iopcompanion.app.platform.AppGraph
import org.iopcompanion.app.ui.CreateDocumentFor
import org.iopcompanion.app.ui.NotificationPermissionMoment
import org.iopcompanion.app.ui.ProblemBanner
import org.iopcompanion.app.ui.SectionTitle
import org.iopcompanion.app.ui.presenter
import org.iopcompanion.app.ui.readDocument
import org.iopcompanion.app.ui.rememberTimeFormatter
import org.iopcompanion.app.ui.timeText
import org.iopcompanion.app.ui.writeDocument
import org.iopcompanion.app.work.SyncScheduling
import org.iopcompanion.core.CheckinExportFormat
import org.iopcompanion.core.CompanionStore
import org.iopcompanion.core.ServerErasure
import org.iopcompanion.presenters.BackupPresenter
import org.iopcompanion.presenters.ErasePresenter
import org.iopcompanion.presenters.PlatformRequest
import org.iopcompanion.presenters.SettingsPresenter

@OptIn(ExperimentalLayoutApi::class, ExperimentalMaterial3Api::class)
@Composable
fun SettingsScreen(graph: AppGraph, store: CompanionStore, onReminderHealth: () -> Unit, onErased: () -> Unit) {
    val context = LocalContext.current
    val vm = presenter("settings") { SettingsPresenter(store, graph.clock) }
    val state by vm.presenter.state.collectAsStateWithLifecycle()
    val changes by graph.changes.collectAsStateWithLifecycle()
    val times = rememberTimeFormatter()
    var pickTime by remember { mutableStateOf(false) }
    LaunchedEffect(changes) { vm.act { load() } }
    NotificationPermissionMoment(state.reminderMoment, graph.status) { vm.presenter.reminderMomentHandled() }

    Column(Modifier.fillMaxSize().verticalScroll(rememberScrollState()).padding(16.dp)) {
        ProblemBanner(state.problem) { vm.presenter.dismissProblem() }

        SectionTitle(stringResource(R.string.settings_reminders))
        SwitchRow(stringResource(R.string.settings_discreet), stringResource(R.string.settings_discreet_about), state.discreetNotifications) { on ->
            vm.act { setDiscreetNotifications(on) }
        }
        val checkinTime = state.checkinReminder
        SwitchRow(
            stringResource(R.string.settings_checkin_reminder),
            checkinTime?.let { stringResource(R.string.settings_checkin_reminder_at, it.timeText(times)) } ?: stringResource(R.string.off),
            checkinTime != null,
        ) { on ->
            // On: pick a time first (saving it is the reminder moment); off: save at once.
            if (on) pickTime = true
            if (!on) vm.act { setCheckinReminder(null) }
        }
        if (checkinTime != null) TextButton(onClick = { pickTime = true }) { Text(stringResource(R.string.settings_change_time)) }
        Text(stringResource(R.string.settings_leads))
        FlowRow(horizontalArrangement = Arrangement.spacedBy(6.dp)) {
            SettingsPresenter.LEAD_CHOICES.forEach { minutes ->
                val on = minutes in state.defaultLeads
                FilterChip(
                    selected = on,
                    onClick = { vm.act { setDefaultLeads(if (on) state.defaultLeads - minutes else state.defaultLeads + minutes) } },
                    label = { Text(leadLabel(minutes)) },
                )
            }
        }
        OutlinedButton(onClick = onReminderHealth, modifier = Modifier.padding(top = 8.dp)) { Text(stringResource(R.string.reminder_health_title)) }

        SectionTitle(stringResource(R.string.settings_country))
        var region by remember(state.region) { mutableStateOf(state.region.orEmpty()) }
        Row(verticalAlignment = Alignment.CenterVertically) {
            OutlinedTextField(region, { region = it.take(2).uppercase() }, label = { Text(stringResource(R.string.settings_country_code)) }, singleLine = true, modifier = Modifier.weight(1f))
            TextButton(onClick = { vm.act { setRegion(region) } }) { Text(stringResource(R.string.save)) }
            TextButton(onClick = { vm.act { setRegion(null) } }) { Text(stringResource(R.string.settings_country_phone)) }
        }

        SectionTitle(stringResource(R.string.settings_program))
        AccountSection(state, onEnroll = { server, code ->
            vm.act { if (enroll(server, code)) SyncScheduling.ensure(context) }
        }, onRedeem = { server, code ->
            vm.act { if (redeemLink(server, code)) SyncScheduling.ensure(context) }
        }, onLink = { vm.act { createLink() } }, onSync = { vm.act { syncNow() } }, onDismissCode = { vm.presenter.dismissLinkCode() })

        HorizontalDivider(Modifier.padding(vertical = 16.dp))
        BackupSection(graph, store)
        ExportSection(vm.presenter, state.exportNotice)
        HorizontalDivider(Modifier.padding(vertical = 16.dp))
        EraseSection(graph, store, onErased)
    }

    if (pickTime) {
        val initial = state.checkinReminder ?: LocalTime.of(20, 0)
        val picker = rememberTimePickerState(initialHour = initial.hour, initialMinute = initial.minute, is24Hour = DateFormat.is24HourFormat(context))
        AlertDialog(
            onDismissRequest = { pickTime = false },
            text = { TimePicker(state = picker) },
            confirmButton = {
                TextButton(onClick = {
                    pickTime = false
                    val time = LocalTime.of(picker.hour, picker.minute)
                    vm.act { setCheckinReminder(time) }
                }) { Text(stringResource(R.string.ok)) }
            },
            dismissButton = { TextButton(onClick = { pickTime = false }) { Text(stringResource(R.string.cancel)) } },
        )
    }
}

@Composable
private fun leadLabel(minutes: Int): String = when {
    minutes % (24 * 60) == 0 -> stringResource(R.string.lead_days, minutes / (24 * 60))
    minutes % 60 == 0 -> stringResource(R.string.lead_hours, minutes / 60)
    else -> stringResource(R.string.lead_minutes, minutes)
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
    state: org.iopcompanion.presenters.SettingsState,
    onEnroll: (String, String) -> Unit,
    onRedeem: (String, String) -> Unit,
    onLink: () -> Unit,
    onSync: () -> Unit,
    onDismissCode: () -> Unit,
) {
    if (state.busy != null) CircularProgressIndicator(Modifier.padding(8.dp))
    val account = state.account
    if (account != null) {
        Text(stringResource(R.string.settings_enrolled, account.programNames.joinToString()))
        state.lastSync?.let { Text(stringResource(if (it.changed) R.string.settings_synced_changes else R.string.settings_synced), style = MaterialTheme.typography.bodySmall) }
        Row(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
            OutlinedButton(onClick = onSync, enabled = state.busy == null) { Text(stringResource(R.string.settings_sync_now)) }
            OutlinedButton(onClick = onLink, enabled = state.busy == null) { Text(stringResource(R.string.settings_link_device)) }
        }
        state.linkCode?.let { code ->
            AlertDialog(
                onDismissRequest = onDismissCode,
                title = { Text(stringResource(R.string.settings_link_code_title)) },
                text = { Text(stringResource(R.string.settings_link_code_text, code)) },
                confirmButton = { TextButton(onClick = onDismissCode) { Text(stringResource(R.string.ok)) } },
            )
        }
        return
    }
    var server by remember { mutableStateOf("") }
    var code by remember { mutableStateOf("") }
    Text(stringResource(R.string.settings_enroll_about), style = MaterialTheme.typography.bodySmall)
    OutlinedTextField(server, { server = it }, label = { Text(stringResource(R.string.settings_server)) }, singleLine = true,
        keyboardOptions = KeyboardOptions(keyboardType = KeyboardType.Uri), modifier = Modifier.fillMaxWidth())
    OutlinedTextField(code, { code = it }, label = { Text(stringResource(R.string.settings_code)) }, singleLine = true, modifier = Modifier.fillMaxWidth())
    Row(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
        Button(onClick = { onEnroll(server, code) }, enabled = state.busy == null) { Text(stringResource(R.string.settings_enroll)) }
        OutlinedButton(onClick = { onRedeem(server, code) }, enabled = state.busy == null) { Text(stringResource(R.string.settings_redeem_link)) }
    }
}

/** Passphrases live in plain remember(), never in saved instance state (which the system writes to disk). */
@Composable
private fun BackupSection(graph: AppGraph, store: CompanionStore) {
    val context = LocalContext.current
    val scope = rememberCoroutineScope()
    val vm = presenter("backup") { BackupPresenter(store, graph.clock) }
    val state by vm.presenter.state.collectAsStateWithLifecycle()
    var passphrase by remember { mutableStateOf("") }
    var confirmation by remember { mutableStateOf("") }
    var pending by remember { mutableStateOf<PlatformRequest.SaveFile?>(null) }
    var restoreFrom by remember { mutableStateOf<Uri?>(null) }
    val saved = stringResource(R.string.saved)
    val notSaved = stringResource(R.string.not_saved)

    val save = rememberLauncherForActivityResult(CreateDocumentFor()) { uri ->
        val file = pending
        pending = null
        if (uri != null && file != null) {
            scope.launch {
                val ok = withContext(Dispatchers.IO) { writeDocument(context, uri, file.bytes) }
                Toast.makeText(context, if (ok) saved else notSaved, Toast.LENGTH_SHORT).show()
            }
        }
    }
    val open = rememberLauncherForActivityResult(ActivityResultContracts.OpenDocument()) { uri -> restoreFrom = uri }

    SectionTitle(stringResource(R.string.backup_title))
    Text(stringResource(R.string.backup_about), style = MaterialTheme.typography.bodySmall)
    OutlinedTextField(
        value = passphrase,
        onValueChange = {
            passphrase = it
            vm.presenter.checkPassphrase(it)
        },
        label = { Text(stringResource(R.string.backup_passphrase)) },
        visualTransformation = PasswordVisualTransformation(),
        keyboardOptions = KeyboardOptions(keyboardType = KeyboardType.Password),
        isError = state.passphraseProblem != null && passphrase.isNotEmpty(),
        supportingText = { state.passphraseProblem?.let { if (passphrase.isNotEmpty()) Text(it.detail) } },
        modifier = Modifier.fillMaxWidth(),
    )
    OutlinedTextField(
        value = confirmation,
        onValueChange = { confirmation = it },
        label = { Text(stringResource(R.string.backup_passphrase_again)) },
        visualTransformation = PasswordVisualTransformation(),
        keyboardOptions = KeyboardOptions(keyboardType = KeyboardType.Password),
        isError = state.confirmationDiffers,
        modifier = Modifier.fillMaxWidth(),
    )
    ProblemBanner(state.problem) { vm.presenter.dismissProblem() }
    if (state.working != null) CircularProgressIndicator(Modifier.padding(8.dp))
    Row(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
        Button(
            enabled = state.working == null,
            onClick = {
                val p = passphrase
                val c = confirmation
                vm.act {
                    backup(p, c)?.let { file ->
                        withContext(Dispatchers.Main) {
                            pending = file
                            save.launch(file)
                        }
                    }
                }
            },
        ) { Text(stringResource(R.string.backup_make)) }
        OutlinedButton(enabled = state.working == null, onClick = { open.launch(arrayOf("*/*")) }) {
            Text(stringResource(R.string.backup_restore))
        }
    }
    state.restored?.let { r ->
        Text(
            if (r.changed) {
                stringResource(R.string.backup_restored, r.after.checkins, r.after.contacts, r.after.sessions, r.after.safetyPlanItems)
            } else {
                stringResource(R.string.backup_restored_nothing_new)
            },
        )
    }
    restoreFrom?.let { uri ->
        AlertDialog(
            onDismissRequest = { restoreFrom = null },
            title = { Text(stringResource(R.string.backup_restore)) },
            text = { Text(stringResource(R.string.backup_restore_about)) },
            confirmButton = {
                TextButton(onClick = {
                    restoreFrom = null
                    val p = passphrase
                    scope.launch {
                        val bytes = withContext(Dispatchers.IO) { readDocument(context, uri) }
                        if (bytes == null) {
                            Toast.makeText(context, notSaved, Toast.LENGTH_SHORT).show()
                        } else {
                            vm.act { restore(bytes, p) }
                        }
                    }
                }) { Text(stringResource(R.string.backup_restore)) }
            },
            dismissButton = { TextButton(onClick = { restoreFrom = null }) { Text(stringResource(R.string.cancel)) } },
        )
    }
}

/** Check-ins for a clinic: the core's notice (exports are not encrypted) first, then where to save. */
@Composable
private fun ExportSection(settings: SettingsPresenter, notice: String) {
    val context = LocalContext.current
    val scope = rememberCoroutineScope()
    var format by remember { mutableStateOf<CheckinExportFormat?>(null) }
    var pending by remember { mutableStateOf<PlatformRequest.SaveFile?>(null) }
    val saved = stringResource(R.string.saved)
    val notSaved = stringResource(R.string.not_saved)
    val save = rememberLauncherForActivityResult(CreateDocumentFor()) { uri ->
        val file = pending
        pending = null
        if (uri != null && file != null) {
            scope.launch {
                val ok = withContext(Dispatchers.IO) { writeDocument(context, uri, file.bytes) }
                Toast.makeText(context, if (ok) saved else notSaved, Toast.LENGTH_SHORT).show()
            }
        }
    }
    SectionTitle(stringResource(R.string.export_title))
    Row(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
        CheckinExportFormat.entries.forEach { f ->
            OutlinedButton(onClick = { format = f }) { Text(f.name) }
        }
    }
    format?.let { chosen ->
        AlertDialog(
            onDismissRequest = { format = null },
            title = { Text(stringResource(R.string.export_title)) },
            text = { Text(notice) },
            confirmButton = {
                TextButton(onClick = {
                    format = null
                    scope.launch {
                        val file = withContext(Dispatchers.IO) { settings.exportCheckins(chosen) }
                        if (file != null) {
                            pending = file
                            save.launch(file)
                        }
                    }
                }) { Text(stringResource(R.string.export_continue)) }
            },
            dismissButton = { TextButton(onClick = { format = null }) { Text(stringResource(R.string.cancel)) } },
        )
    }
}

@Composable
private fun EraseSection(graph: AppGraph, store: CompanionStore, onErased: () -> Unit) {
    val context = LocalContext.current
    val vm = presenter("erase") {
        ErasePresenter(store) {
            // After the core erased: the key, the alarms and the sync schedule go too.
            graph.storeErased()
            SyncScheduling.cancel(context.applicationContext)
        }
    }
    val state by vm.presenter.state.collectAsStateWithLifecycle()
    var confirm by remember { mutableStateOf(false) }

    SectionTitle(stringResource(R.string.erase_title))
    Text(stringResource(R.string.erase_about), style = MaterialTheme.typography.bodySmall)
    ProblemBanner(state.problem) { vm.presenter.dismissProblem() }
    if (state.erasing) CircularProgressIndicator(Modifier.padding(8.dp))
    Button(
        onClick = { confirm = true },
        enabled = !state.erasing,
        colors = ButtonDefaults.buttonColors(containerColor = MaterialTheme.colorScheme.error),
    ) { Text(stringResource(R.string.erase_everything)) }
    if (state.offerLocalOnly) {
        OutlinedButton(onClick = { vm.act { erase(localOnly = true) } }, enabled = !state.erasing) {
            Text(stringResource(R.string.erase_this_device_only))
        }
    }
    if (confirm) {
        AlertDialog(
            onDismissRequest = { confirm = false },
            title = { Text(stringResource(R.string.erase_confirm_title)) },
            text = { Text(stringResource(R.string.erase_confirm_text)) },
            confirmButton = {
                TextButton(onClick = {
                    confirm = false
                    vm.act { erase(localOnly = false) }
                }) { Text(stringResource(R.string.erase_everything), color = MaterialTheme.colorScheme.error) }
            },
            dismissButton = { TextButton(onClick = { confirm = false }) { Text(stringResource(R.string.cancel)) } },
        )
    }
    state.erased?.let { server ->
        // What happened on the server, then a fresh start (the app reopens on a new, empty store).
        AlertDialog(
            onDismissRequest = onErased,
            title = { Text(stringResource(R.string.erased_title)) },
            text = {
                Text(
                    stringResource(
                        when (server) {
                            ServerErasure.ERASED -> R.string.erased_server
                            ServerErasure.ALREADY_GONE -> R.string.erased_already_gone
                            ServerErasure.NOT_ENROLLED -> R.string.erased_not_enrolled
                            ServerErasure.KEPT -> R.string.erased_kept
                        },
                    ),
                )
            },
            confirmButton = { TextButton(onClick = onErased) { Text(stringResource(R.string.ok)) } },
        )
    }
}
