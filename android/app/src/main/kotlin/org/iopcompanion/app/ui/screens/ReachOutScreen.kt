package org.iopcompanion.app.ui.screens

import android.widget.Toast
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
import androidx.compose.ui.platform.LocalContext
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import org.iopcompanion.app.R
import org.iopcompanion.app.platform.AppGraph
import org.iopcompanion.app.platform.UriLauncher
import org.iopcompanion.app.ui.ContactActions
import org.iopcompanion.app.ui.ProblemBanner
import org.iopcompanion.app.ui.SectionTitle
import org.iopcompanion.app.ui.presenter
import org.iopcompanion.app.ui.roleLabel
import org.iopcompanion.core.CompanionStore
import org.iopcompanion.core.Role
import org.iopcompanion.presenters.ContactAction
import org.iopcompanion.presenters.ContactDraft
import org.iopcompanion.presenters.PersonItem
import org.iopcompanion.presenters.ReachOutPresenter

/** Crisis lines first (built in, offline), then favourites, then everyone else. */
@Composable
fun ReachOutScreen(graph: AppGraph, store: CompanionStore) {
    val vm = presenter("reach-out") { ReachOutPresenter(store) }
    val state by vm.presenter.state.collectAsStateWithLifecycle()
    val changes by graph.changes.collectAsStateWithLifecycle()
    val context = LocalContext.current
    val noApp = stringResource(R.string.no_app_to_open)
    val open: (ContactAction) -> Unit = { action ->
        if (!UriLauncher.open(context, vm.presenter.open(action))) Toast.makeText(context, noApp, Toast.LENGTH_SHORT).show()
    }
    var adding by remember { mutableStateOf(false) }
    LaunchedEffect(changes) { vm.act { refresh() } }

    Column(Modifier.fillMaxSize().verticalScroll(rememberScrollState()).padding(16.dp)) {
        ProblemBanner(state.problem) { vm.presenter.dismissProblem() }

        SectionTitle(stringResource(R.string.reach_out_crisis_lines))
        state.crisisLines.forEach { line ->
            Card(
                colors = if (line.emergency) {
                    CardDefaults.cardColors(containerColor = MaterialTheme.colorScheme.errorContainer)
                } else {
                    CardDefaults.cardColors()
                },
                modifier = Modifier.fillMaxWidth().padding(vertical = 4.dp),
            ) {
                Column(Modifier.padding(12.dp)) {
                    Text(line.name, style = MaterialTheme.typography.titleMedium)
                    line.about?.let { Text(it, style = MaterialTheme.typography.bodySmall) }
                    ContactActions(line.actions, open)
                }
            }
        }

        val star: (PersonItem, Boolean) -> Unit = { person, on -> vm.act { setFavourite(person.id, on) } }
        val remove: (PersonItem) -> Unit = { person -> vm.act { removeContact(person.id) } }
        if (state.favourites.isNotEmpty()) SectionTitle(stringResource(R.string.reach_out_favourites))
        state.favourites.forEach { person -> Person(person, open, star, remove) }
        if (state.others.isNotEmpty()) SectionTitle(stringResource(R.string.reach_out_others))
        state.others.forEach { person -> Person(person, open, star, remove) }
        OutlinedButton(onClick = { adding = true }, modifier = Modifier.padding(top = 8.dp)) {
            Text(stringResource(R.string.reach_out_add_person))
        }

        SectionTitle(stringResource(R.string.reach_out_message))
        Row(verticalAlignment = Alignment.CenterVertically) {
            Text(stringResource(R.string.reach_out_prefill), modifier = Modifier.weight(1f))
            Switch(checked = state.prefillMessage, onCheckedChange = { on -> vm.act { setPrefillMessage(on) } })
        }
        var message by remember(state.loaded) { mutableStateOf(state.message) }
        OutlinedTextField(
            value = message,
            onValueChange = { message = it },
            enabled = state.prefillMessage,
            modifier = Modifier.fillMaxWidth(),
            minLines = 2,
        )
        // The links are asked for again once the words settle, not at every keystroke.
        LaunchedEffect(message) {
            kotlinx.coroutines.delay(400)
            if (message != vm.presenter.state.value.message) vm.act { setMessage(message) }
        }
    }
    if (adding) {
        AddPersonDialog(
            onDismiss = { adding = false },
            onAdd = { draft -> vm.act { if (addContact(draft)) adding = false } },
        )
    }
}

@Composable
private fun Person(
    person: PersonItem,
    open: (ContactAction) -> Unit,
    star: (PersonItem, Boolean) -> Unit,
    remove: (PersonItem) -> Unit,
) {
    Card(Modifier.fillMaxWidth().padding(vertical = 4.dp)) {
        Column(Modifier.padding(12.dp)) {
            Text(person.name, style = MaterialTheme.typography.titleMedium)
            Text(roleLabel(person.role), style = MaterialTheme.typography.bodySmall)
            ContactActions(person.actions, open)
            // The program's contacts are the program's to change.
            if (!person.fromProgram) {
                Row {
                    TextButton(onClick = { star(person, !person.favourite) }) {
                        Text(stringResource(if (person.favourite) R.string.reach_out_unfavourite else R.string.reach_out_favourite))
                    }
                    TextButton(onClick = { remove(person) }) { Text(stringResource(R.string.remove)) }
                }
            }
        }
    }
}

/** Someone to reach out to; the core checks the number for the participant's country. */
@OptIn(ExperimentalLayoutApi::class)
@Composable
private fun AddPersonDialog(onDismiss: () -> Unit, onAdd: (ContactDraft) -> Unit) {
    var name by remember { mutableStateOf("") }
    var role by remember { mutableStateOf(Role.OTHER) }
    var phone by remember { mutableStateOf("") }
    var email by remember { mutableStateOf("") }
    var favourite by remember { mutableStateOf(true) }
    AlertDialog(
        onDismissRequest = onDismiss,
        title = { Text(stringResource(R.string.reach_out_add_person)) },
        text = {
            Column(Modifier.verticalScroll(rememberScrollState())) {
                OutlinedTextField(name, { name = it }, label = { Text(stringResource(R.string.contact_name)) }, singleLine = true)
                FlowRow(horizontalArrangement = Arrangement.spacedBy(6.dp)) {
                    Role.entries.filter { it != Role.CRISIS_LINE }.forEach { r ->
                        FilterChip(selected = role == r, onClick = { role = r }, label = { Text(roleLabel(r)) })
                    }
                }
                OutlinedTextField(phone, { phone = it }, label = { Text(stringResource(R.string.contact_phone)) }, singleLine = true)
                OutlinedTextField(email, { email = it }, label = { Text(stringResource(R.string.contact_email)) }, singleLine = true)
                Row(verticalAlignment = Alignment.CenterVertically) {
                    Text(stringResource(R.string.reach_out_favourite), modifier = Modifier.weight(1f))
                    Switch(checked = favourite, onCheckedChange = { favourite = it })
                }
            }
        },
        confirmButton = {
            TextButton(onClick = { onAdd(ContactDraft(name, role, phone, email, favourite)) }) { Text(stringResource(R.string.add)) }
        },
        dismissButton = { TextButton(onClick = onDismiss) { Text(stringResource(R.string.cancel)) } },
    )
}
