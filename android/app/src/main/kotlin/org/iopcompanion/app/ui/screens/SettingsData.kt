package org.iopcompanion.app.ui.screens

import android.net.Uri
import android.widget.Toast
import androidx.activity.compose.rememberLauncherForActivityResult
import androidx.activity.result.contract.ActivityResultContracts
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.text.KeyboardOptions
import androidx.compose.material3.AlertDialog
import androidx.compose.material3.Button
import androidx.compose.material3.ButtonDefaults
import androidx.compose.material3.CircularProgressIndicator
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.rememberCoroutineScope
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.LocalContext
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.text.input.KeyboardType
import androidx.compose.ui.text.input.PasswordVisualTransformation
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext
import org.iopcompanion.app.R
import org.iopcompanion.app.platform.AppGraph
import org.iopcompanion.app.ui.CreateDocumentFor
import org.iopcompanion.app.ui.ProblemBanner
import org.iopcompanion.app.ui.SectionTitle
import org.iopcompanion.app.ui.presenter
import org.iopcompanion.app.ui.readDocument
import org.iopcompanion.app.ui.writeDocument
import org.iopcompanion.core.CheckinExportFormat
import org.iopcompanion.core.CompanionStore
import org.iopcompanion.core.exportFormatLabel
import org.iopcompanion.presenters.BackupPresenter
import org.iopcompanion.presenters.ErasePresenter
import org.iopcompanion.presenters.PlatformRequest
import org.iopcompanion.presenters.SettingsPresenter

// Settings' data rights: an encrypted backup, restoring one, exports, and erasing.

/**
 * Passphrases live in plain remember(), never in saved instance state (which the system writes
 * to disk). [restoreNotice] is the core's word on what a restore does.
 */
@Composable
fun BackupSection(graph: AppGraph, store: CompanionStore, restoreNotice: String) {
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
    // What the restore did, in the core's words (it says when the backup held nothing new).
    state.restored?.let { Text(it.summary) }
    restoreFrom?.let { uri ->
        AlertDialog(
            onDismissRequest = { restoreFrom = null },
            title = { Text(stringResource(R.string.backup_restore)) },
            text = {
                Column {
                    Text(restoreNotice)
                    Text(stringResource(R.string.backup_restore_passphrase), style = MaterialTheme.typography.bodySmall)
                }
            },
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
fun ExportSection(settings: SettingsPresenter, formats: List<CheckinExportFormat>, notice: String) {
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
        formats.forEach { f ->
            OutlinedButton(onClick = { format = f }) { Text(exportFormatLabel(f)) }
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

/**
 * Erasing, in the core's words: what it removes ([notice], naming the server only when this
 * phone is enrolled), the confirmation, and, when the server is out of reach, the core's
 * message with its offer to erase this phone only.
 */
@Composable
fun EraseSection(graph: AppGraph, store: CompanionStore, notice: String, confirmation: String, onErased: () -> Unit) {
    // After the core erased: the alarms, delivered notifications, the key and the sync schedule go too.
    val vm = presenter("erase") { ErasePresenter(store) { held -> graph.storeErased(held) } }
    val state by vm.presenter.state.collectAsStateWithLifecycle()
    var confirm by remember { mutableStateOf(false) }

    SectionTitle(stringResource(R.string.erase_title))
    Text(notice, style = MaterialTheme.typography.bodySmall)
    ProblemBanner(state.problem) { vm.presenter.dismissProblem() }
    if (state.erasing) CircularProgressIndicator(Modifier.padding(8.dp))
    Button(
        onClick = { confirm = true },
        enabled = !state.erasing,
        colors = ButtonDefaults.buttonColors(containerColor = MaterialTheme.colorScheme.error),
    ) { Text(stringResource(R.string.erase_everything)) }
    state.unreachable?.let { unreachable ->
        // Nothing was erased: the core's words, its offer, or not now.
        Text(unreachable.message, color = MaterialTheme.colorScheme.error)
        Row(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
            OutlinedButton(onClick = { vm.act { erase(localOnly = true) } }, enabled = !state.erasing) {
                Text(unreachable.thisDeviceOnly)
            }
            TextButton(onClick = { vm.presenter.dismissUnreachable() }, enabled = !state.erasing) {
                Text(stringResource(R.string.not_now))
            }
        }
    }
    if (confirm) {
        AlertDialog(
            onDismissRequest = { confirm = false },
            title = { Text(stringResource(R.string.erase_confirm_title)) },
            text = { Text(confirmation) },
            confirmButton = {
                TextButton(onClick = {
                    confirm = false
                    vm.act { erase(localOnly = false) }
                }) { Text(stringResource(R.string.erase_everything), color = MaterialTheme.colorScheme.error) }
            },
            dismissButton = { TextButton(onClick = { confirm = false }) { Text(stringResource(R.string.cancel)) } },
        )
    }
    state.summary?.let { summary ->
        // What the core erased, in its words, then a fresh start (the app reopens on a new, empty store).
        AlertDialog(
            onDismissRequest = onErased,
            title = { Text(stringResource(R.string.erased_title)) },
            text = { Text(summary) },
            confirmButton = { TextButton(onClick = onErased) { Text(stringResource(R.string.ok)) } },
        )
    }
}
