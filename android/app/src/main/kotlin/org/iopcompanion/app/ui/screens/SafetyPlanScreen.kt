package org.iopcompanion.app.ui.screens

import androidx.compose.foundation.layout.Box
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.verticalScroll
import androidx.compose.material.icons.Icons
import androidx.compose.material.icons.filled.Delete
import androidx.compose.material.icons.filled.Edit
import androidx.compose.material.icons.filled.KeyboardArrowDown
import androidx.compose.material.icons.filled.KeyboardArrowUp
import androidx.compose.material.icons.filled.MoreVert
import androidx.compose.material3.AlertDialog
import androidx.compose.material3.Button
import androidx.compose.material3.Card
import androidx.compose.material3.DropdownMenu
import androidx.compose.material3.DropdownMenuItem
import androidx.compose.material3.Icon
import androidx.compose.material3.IconButton
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import org.iopcompanion.app.R
import org.iopcompanion.app.platform.AppGraph
import org.iopcompanion.app.ui.ContactActions
import org.iopcompanion.app.ui.Loading
import org.iopcompanion.app.ui.ProblemBanner
import org.iopcompanion.app.ui.RefreshOnChange
import org.iopcompanion.app.ui.presenter
import org.iopcompanion.app.ui.rememberOpener
import org.iopcompanion.core.CompanionStore
import org.iopcompanion.core.ContactActionRecord
import org.iopcompanion.core.LinkableContactRecord
import org.iopcompanion.core.SafetyItemInput
import org.iopcompanion.core.SafetyItemViewRecord
import org.iopcompanion.core.SafetyPlanAction
import org.iopcompanion.core.SafetySectionViewRecord
import org.iopcompanion.presenters.SafetyPlanPresenter

/** The safety plan as the core lays it out: seven sections, each item edited, moved or removed where it is. */
@Composable
fun SafetyPlanScreen(graph: AppGraph, store: CompanionStore) {
    val vm = presenter("safety-plan") { SafetyPlanPresenter(store) }
    val state by vm.presenter.state.collectAsStateWithLifecycle()
    val open = rememberOpener()
    RefreshOnChange(graph) { vm.act { refresh() } }
    val send: (SafetyPlanAction) -> Unit = { action -> vm.act { act(action) } }

    val text = state.text
    if (text != null) {
        // The whole plan as text, applied all or nothing (a bad line is named; nothing changes).
        Column(Modifier.fillMaxSize().padding(16.dp)) {
            ProblemBanner(state.problem) { vm.presenter.dismissProblem() }
            OutlinedTextField(value = text, onValueChange = { vm.presenter.setText(it) }, modifier = Modifier.fillMaxWidth().weight(1f))
            Row {
                TextButton(onClick = { vm.presenter.cancelTextEdit() }) { Text(stringResource(R.string.cancel)) }
                Button(onClick = { vm.act { applyText() } }) { Text(stringResource(R.string.save)) }
            }
        }
        return
    }

    val screen = state.screen ?: return Loading()
    Column(Modifier.fillMaxSize().verticalScroll(rememberScrollState()).padding(16.dp)) {
        ProblemBanner(state.problem) { vm.presenter.dismissProblem() }
        Text(stringResource(R.string.safety_plan_title), style = MaterialTheme.typography.headlineSmall)
        OutlinedButton(onClick = { vm.presenter.beginTextEdit() }) { Text(stringResource(R.string.safety_plan_edit_text)) }
        state.lastTextChangeSummary?.let { Text(it, style = MaterialTheme.typography.bodySmall) }
        screen.sections.forEach { section -> Section(section, screen.linkable, send, open) }
    }
}

@Composable
private fun Section(
    section: SafetySectionViewRecord,
    linkable: List<LinkableContactRecord>,
    send: (SafetyPlanAction) -> Unit,
    open: (ContactActionRecord) -> Unit,
) {
    var words by remember { mutableStateOf("") }
    var choosing by remember { mutableStateOf(false) }
    Card(Modifier.fillMaxWidth().padding(vertical = 6.dp)) {
        Column(Modifier.padding(12.dp)) {
            Text(section.heading, style = MaterialTheme.typography.titleMedium)
            if (section.items.isEmpty()) Text(section.prompt, style = MaterialTheme.typography.bodySmall)
            section.items.forEach { item -> Item(item, send, open) }
            if (section.canAdd) {
                Row(verticalAlignment = Alignment.CenterVertically) {
                    OutlinedTextField(value = words, onValueChange = { words = it }, modifier = Modifier.weight(1f), singleLine = true)
                    TextButton(onClick = {
                        send(SafetyPlanAction.Add(section.section, SafetyItemInput(text = words)))
                        words = ""
                    }) { Text(stringResource(R.string.add)) }
                }
                if (section.allowsContacts && linkable.isNotEmpty()) {
                    Box {
                        OutlinedButton(onClick = { choosing = true }) { Text(stringResource(R.string.safety_plan_link_contact)) }
                        DropdownMenu(expanded = choosing, onDismissRequest = { choosing = false }) {
                            linkable.forEach { contact ->
                                DropdownMenuItem(text = { Text(contact.name) }, onClick = {
                                    choosing = false
                                    send(SafetyPlanAction.Add(section.section, SafetyItemInput(text = words.ifBlank { null }, contactId = contact.id)))
                                    words = ""
                                })
                            }
                        }
                    }
                }
            }
        }
    }
}

@Composable
private fun Item(item: SafetyItemViewRecord, send: (SafetyPlanAction) -> Unit, open: (ContactActionRecord) -> Unit) {
    var editing by remember { mutableStateOf(false) }
    var moving by remember { mutableStateOf(false) }
    Row(verticalAlignment = Alignment.CenterVertically) {
        Column(Modifier.weight(1f)) {
            Text(item.label)
            item.contactPhone?.let { Text(it, style = MaterialTheme.typography.bodySmall) }
        }
        IconButton(onClick = { send(SafetyPlanAction.MoveUp(item.id)) }, enabled = item.canMoveUp) {
            Icon(Icons.Filled.KeyboardArrowUp, contentDescription = stringResource(R.string.move_up))
        }
        IconButton(onClick = { send(SafetyPlanAction.MoveDown(item.id)) }, enabled = item.canMoveDown) {
            Icon(Icons.Filled.KeyboardArrowDown, contentDescription = stringResource(R.string.move_down))
        }
        IconButton(onClick = { editing = true }) { Icon(Icons.Filled.Edit, contentDescription = stringResource(R.string.edit)) }
        Box {
            IconButton(onClick = { moving = true }, enabled = item.moveChoices.isNotEmpty()) {
                Icon(Icons.Filled.MoreVert, contentDescription = stringResource(R.string.safety_plan_move_to))
            }
            DropdownMenu(expanded = moving, onDismissRequest = { moving = false }) {
                // Each in the core's words ("Move to 3. People and social settings").
                item.moveChoices.forEach { choice ->
                    DropdownMenuItem(text = { Text(choice.label) }, onClick = {
                        moving = false
                        send(SafetyPlanAction.MoveTo(item.id, choice.section))
                    })
                }
            }
        }
        IconButton(onClick = { send(SafetyPlanAction.Remove(item.id)) }) {
            Icon(Icons.Filled.Delete, contentDescription = stringResource(R.string.remove))
        }
    }
    if (item.actions.isNotEmpty()) ContactActions(item.actions, open)
    if (editing) {
        var words by remember { mutableStateOf(item.text.orEmpty()) }
        AlertDialog(
            onDismissRequest = { editing = false },
            text = { OutlinedTextField(value = words, onValueChange = { words = it }) },
            confirmButton = {
                TextButton(onClick = {
                    editing = false
                    send(SafetyPlanAction.Edit(item.id, SafetyItemInput(text = words)))
                }) { Text(stringResource(R.string.save)) }
            },
            dismissButton = { TextButton(onClick = { editing = false }) { Text(stringResource(R.string.cancel)) } },
        )
    }
}
