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
import androidx.compose.material.icons.filled.KeyboardArrowDown
import androidx.compose.material.icons.filled.KeyboardArrowUp
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
import org.iopcompanion.app.ui.presenter
import org.iopcompanion.app.ui.roleLabel
import org.iopcompanion.core.CompanionStore
import org.iopcompanion.presenters.LinkableContact
import org.iopcompanion.presenters.SafetyPlanPresenter
import org.iopcompanion.presenters.SectionView

/** The safety plan: seven sections, each item added, reordered or removed where it is. */
@Composable
fun SafetyPlanScreen(graph: AppGraph, store: CompanionStore) {
    val vm = presenter("safety-plan") { SafetyPlanPresenter(store) }
    val state by vm.presenter.state.collectAsStateWithLifecycle()
    val changes by graph.changes.collectAsStateWithLifecycle()
    val context = LocalContext.current
    LaunchedEffect(changes) { vm.act { refresh() } }

    val text = state.text
    if (text != null) {
        // The whole plan as text, applied all or nothing (a bad line is named; nothing changes).
        Column(Modifier.fillMaxSize().padding(16.dp)) {
            ProblemBanner(state.problem) { vm.presenter.dismissProblem() }
            OutlinedTextField(
                value = text,
                onValueChange = { vm.presenter.setText(it) },
                modifier = Modifier.fillMaxWidth().weight(1f),
            )
            Row {
                TextButton(onClick = { vm.presenter.cancelTextEdit() }) { Text(stringResource(R.string.cancel)) }
                Button(onClick = { vm.act { applyText() } }) { Text(stringResource(R.string.save)) }
            }
        }
        return
    }

    Column(Modifier.fillMaxSize().verticalScroll(rememberScrollState()).padding(16.dp)) {
        ProblemBanner(state.problem) { vm.presenter.dismissProblem() }
        Text(stringResource(R.string.safety_plan_title), style = MaterialTheme.typography.headlineSmall)
        OutlinedButton(onClick = { vm.act { beginTextEdit() } }) { Text(stringResource(R.string.safety_plan_edit_text)) }
        state.sections.forEach { section ->
            Section(
                section = section,
                linkable = state.linkable,
                onAdd = { words, contactId -> vm.act { add(section.section, words, contactId) } },
                onUp = { id -> vm.act { moveUp(id) } },
                onDown = { id -> vm.act { moveDown(id) } },
                onRemove = { id -> vm.act { remove(id) } },
                onOpen = { action -> UriLauncher.open(context, vm.presenter.open(action)) },
            )
        }
    }
}

@Composable
private fun Section(
    section: SectionView,
    linkable: List<LinkableContact>,
    onAdd: (String?, String?) -> Unit,
    onUp: (String) -> Unit,
    onDown: (String) -> Unit,
    onRemove: (String) -> Unit,
    onOpen: (org.iopcompanion.presenters.ContactAction) -> Unit,
) {
    var words by remember { mutableStateOf("") }
    var choosing by remember { mutableStateOf(false) }
    Card(Modifier.fillMaxWidth().padding(vertical = 6.dp)) {
        Column(Modifier.padding(12.dp)) {
            Text("${section.number}. ${section.title}", style = MaterialTheme.typography.titleMedium)
            if (section.items.isEmpty()) Text(section.prompt, style = MaterialTheme.typography.bodySmall)
            section.items.forEach { item ->
                Row(verticalAlignment = Alignment.CenterVertically) {
                    Column(Modifier.weight(1f)) {
                        Text(item.label)
                        item.contactPhone?.let { Text(it, style = MaterialTheme.typography.bodySmall) }
                    }
                    IconButton(onClick = { onUp(item.id) }, enabled = item.canMoveUp) {
                        Icon(Icons.Filled.KeyboardArrowUp, contentDescription = stringResource(R.string.move_up))
                    }
                    IconButton(onClick = { onDown(item.id) }, enabled = item.canMoveDown) {
                        Icon(Icons.Filled.KeyboardArrowDown, contentDescription = stringResource(R.string.move_down))
                    }
                    IconButton(onClick = { onRemove(item.id) }) {
                        Icon(Icons.Filled.Delete, contentDescription = stringResource(R.string.remove))
                    }
                }
                if (item.actions.isNotEmpty()) ContactActions(item.actions, onOpen)
            }
            Row(verticalAlignment = Alignment.CenterVertically) {
                OutlinedTextField(
                    value = words,
                    onValueChange = { words = it },
                    label = { Text(stringResource(R.string.safety_plan_add)) },
                    modifier = Modifier.weight(1f),
                )
                TextButton(onClick = {
                    onAdd(words, null)
                    words = ""
                }, enabled = words.isNotBlank()) { Text(stringResource(R.string.add)) }
            }
            if (section.allowsContacts && linkable.isNotEmpty()) {
                Box {
                    TextButton(onClick = { choosing = true }) { Text(stringResource(R.string.safety_plan_link_contact)) }
                    DropdownMenu(expanded = choosing, onDismissRequest = { choosing = false }) {
                        linkable.forEach { contact ->
                            DropdownMenuItem(
                                text = { Text("${contact.name} · ${roleLabel(contact.role)}") },
                                onClick = {
                                    choosing = false
                                    onAdd(words.ifBlank { null }, contact.id)
                                    words = ""
                                },
                            )
                        }
                    }
                }
            }
        }
    }
}
