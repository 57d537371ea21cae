package org.iopcompanion.app.ui.screens

import androidx.compose.foundation.layout.Arrangement
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
import androidx.compose.material3.Card
import androidx.compose.material3.CardDefaults
import androidx.compose.material3.FilterChip
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Switch
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import kotlinx.coroutines.delay
import org.iopcompanion.app.R
import org.iopcompanion.app.platform.AppGraph
import org.iopcompanion.app.ui.ContactActions
import org.iopcompanion.app.ui.FormField
import org.iopcompanion.app.ui.Loading
import org.iopcompanion.app.ui.ProblemBanner
import org.iopcompanion.app.ui.RefreshOnChange
import org.iopcompanion.app.ui.SectionTitle
import org.iopcompanion.app.ui.presenter
import org.iopcompanion.app.ui.rememberOpener
import org.iopcompanion.app.ui.roleLabel
import org.iopcompanion.core.CompanionStore
import org.iopcompanion.core.ContactActionRecord
import org.iopcompanion.core.ContactValuesRecord
import org.iopcompanion.core.ReachOutAction
import org.iopcompanion.core.ReachOutContactRecord
import org.iopcompanion.presenters.ReachOutDialog
import org.iopcompanion.presenters.ReachOutPresenter

/** Crisis lines first (built in, offline), then favourites, then everyone else, as the core lists them. */
@Composable
fun ReachOutScreen(graph: AppGraph, store: CompanionStore) {
    val vm = presenter("reach-out") { ReachOutPresenter(store) }
    val state by vm.presenter.state.collectAsStateWithLifecycle()
    val open = rememberOpener()
    RefreshOnChange(graph) { vm.act { refresh() } }
    val send: (ReachOutAction) -> Unit = { action -> vm.act { act(action) } }

    val screen = state.screen ?: return Loading()
    Column(Modifier.fillMaxSize().verticalScroll(rememberScrollState()).padding(16.dp)) {
        ProblemBanner(state.problem) { vm.presenter.dismissProblem() }

        SectionTitle(stringResource(R.string.reach_out_crisis_lines))
        // Whose lines these are: the core's name for the country in effect.
        screen.regionName?.let { Text(it, style = MaterialTheme.typography.bodySmall) }
        screen.crisisLines.forEach { line ->
            Card(
                colors = if (line.emergency) CardDefaults.cardColors(containerColor = MaterialTheme.colorScheme.errorContainer) else CardDefaults.cardColors(),
                modifier = Modifier.fillMaxWidth().padding(vertical = 4.dp),
            ) {
                Column(Modifier.padding(12.dp)) {
                    Text(line.name, style = MaterialTheme.typography.titleMedium)
                    line.about?.let { Text(it, style = MaterialTheme.typography.bodySmall) }
                    ContactActions(line.actions, open)
                }
            }
        }

        if (screen.favourites.isNotEmpty()) SectionTitle(stringResource(R.string.reach_out_favourites))
        screen.favourites.forEach { person -> Person(person, open, send, onEdit = { vm.act { openContactForm(it) } }) { vm.presenter.open(it) } }
        if (screen.others.isNotEmpty()) SectionTitle(stringResource(R.string.reach_out_others))
        screen.others.forEach { person -> Person(person, open, send, onEdit = { vm.act { openContactForm(it) } }) { vm.presenter.open(it) } }
        OutlinedButton(onClick = { vm.act { openContactForm(null) } }, modifier = Modifier.padding(top = 8.dp)) {
            Text(stringResource(R.string.reach_out_add_person))
        }

        SectionTitle(stringResource(R.string.reach_out_message))
        Row(verticalAlignment = Alignment.CenterVertically) {
            Text(stringResource(R.string.reach_out_prefill), modifier = Modifier.weight(1f))
            Switch(checked = state.prefill, onCheckedChange = { on -> vm.act { setPrefill(on) } })
        }
        var message by remember { mutableStateOf(state.message) }
        OutlinedTextField(
            value = message,
            onValueChange = { if (it.length <= screen.messageMaxChars.toInt()) message = it },
            enabled = state.prefill,
            modifier = Modifier.fillMaxWidth(),
            minLines = 2,
        )
        // The links are asked for again once the words settle, not at every keystroke.
        LaunchedEffect(message) {
            delay(400)
            if (message != vm.presenter.state.value.message) vm.act { setMessage(message) }
        }
    }

    when (val dialog = state.dialog) {
        is ReachOutDialog.ContactForm -> ContactFormDialog(
            open = dialog,
            onEdit = { change -> vm.presenter.editContactForm(change) },
            onSave = { vm.act { saveContactForm() } },
            onRemove = { id -> send(ReachOutAction.RemoveContact(id)) },
            onDismiss = { vm.presenter.open(null) },
        )
        is ReachOutDialog.ConfirmRemove -> AlertDialog(
            onDismissRequest = { vm.presenter.open(null) },
            title = { Text(dialog.contact.name) },
            text = { Text(stringResource(R.string.reach_out_remove_confirm)) },
            confirmButton = { TextButton(onClick = { send(ReachOutAction.RemoveContact(dialog.contact.id)) }) { Text(stringResource(R.string.remove)) } },
            dismissButton = { TextButton(onClick = { vm.presenter.open(null) }) { Text(stringResource(R.string.cancel)) } },
        )
        null -> Unit
    }
}

@Composable
private fun Person(
    person: ReachOutContactRecord,
    open: (ContactActionRecord) -> Unit,
    send: (ReachOutAction) -> Unit,
    onEdit: (String) -> Unit,
    dialog: (ReachOutDialog) -> Unit,
) {
    Card(Modifier.fillMaxWidth().padding(vertical = 4.dp)) {
        Column(Modifier.padding(12.dp)) {
            Text(person.name, style = MaterialTheme.typography.titleMedium)
            Text(roleLabel(person.role), style = MaterialTheme.typography.bodySmall)
            ContactActions(person.actions, open)
            // The program's contacts are the program's to change.
            if (person.programId == null) {
                Row {
                    TextButton(onClick = { send(ReachOutAction.SetFavourite(person.id, !person.favourite)) }) {
                        Text(stringResource(if (person.favourite) R.string.reach_out_unfavourite else R.string.reach_out_favourite))
                    }
                    TextButton(onClick = { onEdit(person.id) }) { Text(stringResource(R.string.edit)) }
                    TextButton(onClick = { dialog(ReachOutDialog.ConfirmRemove(person)) }) { Text(stringResource(R.string.remove)) }
                }
            }
        }
    }
}

/**
 * The core's contact form, on its role choices: it opens with the contact's values, every edit
 * goes to the presenter, and saving sends the values it opened with and the edited ones (the
 * core checks the number for the participant's country and writes only what changed).
 */
@OptIn(ExperimentalLayoutApi::class)
@Composable
private fun ContactFormDialog(
    open: ReachOutDialog.ContactForm,
    onEdit: ((ContactValuesRecord) -> ContactValuesRecord) -> Unit,
    onSave: () -> Unit,
    onRemove: (String) -> Unit,
    onDismiss: () -> Unit,
) {
    val values = open.edited
    AlertDialog(
        onDismissRequest = onDismiss,
        title = { Text(stringResource(if (open.form.contactId == null) R.string.reach_out_add_person else R.string.reach_out_edit_person)) },
        text = {
            Column(Modifier.verticalScroll(rememberScrollState())) {
                FormField(open.form, values.name, stringResource(R.string.contact_name), { t -> onEdit { it.copy(name = t) } })
                FlowRow(horizontalArrangement = Arrangement.spacedBy(6.dp)) {
                    open.form.roleChoices.forEach { r -> FilterChip(selected = values.role == r, onClick = { onEdit { it.copy(role = r) } }, label = { Text(roleLabel(r)) }) }
                }
                FormField(open.form, values.phone, stringResource(R.string.contact_phone), { t -> onEdit { it.copy(phone = t) } })
                FormField(open.form, values.sms, stringResource(R.string.contact_sms), { t -> onEdit { it.copy(sms = t) } })
                FormField(open.form, values.email, stringResource(R.string.contact_email), { t -> onEdit { it.copy(email = t) } })
                FormField(open.form, values.notes, stringResource(R.string.contact_notes), { t -> onEdit { it.copy(notes = t) } }, singleLine = false)
                val id = open.form.contactId
                if (open.form.canRemove && id != null) TextButton(onClick = { onRemove(id) }) { Text(stringResource(R.string.remove)) }
            }
        },
        confirmButton = { TextButton(onClick = onSave) { Text(stringResource(R.string.save)) } },
        dismissButton = { TextButton(onClick = onDismiss) { Text(stringResource(R.string.cancel)) } },
    )
}
