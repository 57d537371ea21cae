package org.iopcompanion.app.ui.screens

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Box
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.verticalScroll
import androidx.compose.material.icons.Icons
import androidx.compose.material.icons.filled.Add
import androidx.compose.material3.Card
import androidx.compose.material3.FilterChip
import androidx.compose.material3.FloatingActionButton
import androidx.compose.material3.Icon
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
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
import org.iopcompanion.app.ui.kindLabel
import org.iopcompanion.app.ui.presenter
import org.iopcompanion.app.ui.rememberLinkOpener
import org.iopcompanion.app.ui.rememberPhone
import org.iopcompanion.app.ui.rememberPickerLabels
import org.iopcompanion.core.CompanionStore
import org.iopcompanion.core.ScheduleAction
import org.iopcompanion.presenters.ScheduleDialog
import org.iopcompanion.presenters.SchedulePresenter
import org.iopcompanion.presenters.markChoices

/** Program and own sessions, the coming days, attendance; each change is one of the core's actions. */
@Composable
fun ScheduleScreen(graph: AppGraph, store: CompanionStore) {
    val phone = rememberPhone(graph)
    val vm = presenter("schedule") { SchedulePresenter(store, graph.clock, phone) }
    val state by vm.presenter.state.collectAsStateWithLifecycle()
    val labels = rememberPickerLabels(graph)
    val join = rememberLinkOpener()
    RefreshOnChange(graph) { vm.act { refresh() } }
    NotificationPermissionMoment(state.askNotificationPermission, graph.status) { vm.presenter.permissionAsked() }
    val send: (ScheduleAction) -> Unit = { action -> vm.act { act(action) } }

    val screen = state.screen ?: return Loading()
    Box(Modifier.fillMaxSize()) {
        Column(Modifier.fillMaxSize().verticalScroll(rememberScrollState()).padding(16.dp)) {
            // Shown behind a dialog too: the dialog keeps its input while the core says what is wrong.
            ProblemBanner(state.problem) { vm.presenter.dismissProblem() }

            SectionTitle(stringResource(R.string.schedule_coming))
            if (screen.days.isEmpty()) Text(screen.emptyLabel)
            screen.days.forEach { day ->
                Text(day.label, style = MaterialTheme.typography.labelLarge, modifier = Modifier.padding(top = 8.dp))
                day.occurrences.forEach { line ->
                    OccurrenceCard(line, onJoin = join)
                    Row {
                        if (line.canCancel) {
                            TextButton(onClick = { send(ScheduleAction.CancelOccurrence(line.sessionId, line.seriesDate)) }) {
                                Text(stringResource(R.string.schedule_cancel_once))
                            }
                        }
                        if (line.canMove) {
                            TextButton(onClick = { vm.act { openMoveForm(line.sessionId, line.seriesDate) } }) {
                                Text(stringResource(R.string.schedule_move_once))
                            }
                        }
                        if (line.canRestore) {
                            TextButton(onClick = { send(ScheduleAction.RestoreOccurrence(line.sessionId, line.seriesDate)) }) {
                                Text(stringResource(R.string.schedule_restore))
                            }
                        }
                    }
                }
            }

            SectionTitle(stringResource(R.string.schedule_attendance))
            if (screen.recent.isEmpty()) Text(stringResource(R.string.schedule_no_attendance))
            screen.recent.forEach { entry ->
                val o = entry.occurrence
                Card(Modifier.fillMaxWidth().padding(vertical = 4.dp)) {
                    Column(Modifier.padding(12.dp)) {
                        Text(o.title, style = MaterialTheme.typography.titleSmall)
                        Text("${o.dayLabel} · ${o.timeLabel}")
                        // The core's marks in its words; a tap on the chosen one clears it.
                        Row(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
                            entry.markChoices().forEach { choice ->
                                FilterChip(selected = choice.selected, onClick = { send(choice.onTap) }, label = { Text(choice.label) })
                            }
                        }
                    }
                }
            }

            SectionTitle(stringResource(R.string.schedule_sessions))
            screen.sessions.forEach { session ->
                Card(Modifier.fillMaxWidth().padding(vertical = 4.dp)) {
                    Column(Modifier.padding(12.dp)) {
                        Text(session.title, style = MaterialTheme.typography.titleSmall)
                        Text(kindLabel(session.kind))
                        Text(session.summary, style = MaterialTheme.typography.bodySmall)
                        Text(session.leadsLabel, style = MaterialTheme.typography.bodySmall)
                        session.location?.let { Text(it, style = MaterialTheme.typography.bodySmall) }
                        if (session.fromProgram) {
                            Text(stringResource(R.string.session_from_program), style = MaterialTheme.typography.labelSmall)
                        } else {
                            Row {
                                TextButton(onClick = { vm.act { openSessionForm(session.id) } }) { Text(stringResource(R.string.edit)) }
                                TextButton(onClick = { send(ScheduleAction.RemoveSession(session.id)) }) { Text(stringResource(R.string.remove)) }
                            }
                        }
                    }
                }
            }
        }
        FloatingActionButton(onClick = { vm.act { openSessionForm(null) } }, modifier = Modifier.align(Alignment.BottomEnd).padding(16.dp)) {
            Icon(Icons.Filled.Add, contentDescription = stringResource(R.string.schedule_add))
        }
    }

    when (val dialog = state.dialog) {
        is ScheduleDialog.SessionForm -> SessionFormDialog(
            open = dialog,
            labels = labels,
            onEdit = { change -> vm.presenter.editSessionForm(change) },
            onRepeats = { on -> vm.presenter.setRepeats(on) },
            onRepeatDay = { day -> vm.presenter.toggleRepeatDay(day) },
            onIntervalWeeks = { weeks -> vm.presenter.setIntervalWeeks(weeks) },
            onDuration = { choice -> vm.presenter.setDuration(choice) },
            onSave = { vm.act { saveSessionForm() } },
            onRemove = { id -> send(ScheduleAction.RemoveSession(id)) },
            onDismiss = { vm.presenter.open(null) },
        )
        is ScheduleDialog.MoveOccurrence -> MoveOccurrenceDialog(
            dialog = dialog,
            labels = labels,
            onPick = { start -> vm.presenter.moveTo(start) },
            onSave = { vm.act { saveMove() } },
            onDismiss = { vm.presenter.open(null) },
        )
        null -> Unit
    }
}
