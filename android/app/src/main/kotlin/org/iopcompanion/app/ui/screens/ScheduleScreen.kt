package org.iopcompanion.app.ui.screens

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
import androidx.compose.material.icons.Icons
import androidx.compose.material.icons.filled.Add
import androidx.compose.material3.AlertDialog
import androidx.compose.material3.Card
import androidx.compose.material3.DatePicker
import androidx.compose.material3.DatePickerDialog
import androidx.compose.material3.ExperimentalMaterial3Api
import androidx.compose.material3.FilterChip
import androidx.compose.material3.FloatingActionButton
import androidx.compose.material3.Icon
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.material3.TimePicker
import androidx.compose.material3.rememberDatePickerState
import androidx.compose.material3.rememberTimePickerState
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
import android.text.format.DateFormat
import java.time.DayOfWeek
import java.time.Instant
import java.time.LocalDate
import java.time.LocalDateTime
import java.time.LocalTime
import java.time.ZoneOffset
import java.time.format.TextStyle
import java.util.Locale
import org.iopcompanion.app.R
import org.iopcompanion.app.platform.AppGraph
import org.iopcompanion.app.ui.NotificationPermissionMoment
import org.iopcompanion.app.ui.ProblemBanner
import org.iopcompanion.app.ui.SectionTitle
import org.iopcompanion.app.ui.kindLabel
import org.iopcompanion.app.ui.presenter
import org.iopcompanion.app.ui.rememberDateFormatter
import org.iopcompanion.app.ui.rememberTimeFormatter
import org.iopcompanion.app.ui.timeText
import org.iopcompanion.core.CompanionStore
import org.iopcompanion.presenters.Attendance
import org.iopcompanion.presenters.OccurrenceStatus
import org.iopcompanion.presenters.SchedulePresenter
import org.iopcompanion.presenters.SessionDraft

@Composable
fun ScheduleScreen(graph: AppGraph, store: CompanionStore) {
    val vm = presenter("schedule") { SchedulePresenter(store, graph.clock) }
    val state by vm.presenter.state.collectAsStateWithLifecycle()
    val changes by graph.changes.collectAsStateWithLifecycle()
    var adding by remember { mutableStateOf(false) }
    val dates = rememberDateFormatter()
    val times = rememberTimeFormatter()
    LaunchedEffect(changes) { vm.act { refresh() } }
    NotificationPermissionMoment(state.reminderMoment, graph.status) { vm.presenter.reminderMomentHandled() }

    Box(Modifier.fillMaxSize()) {
        Column(Modifier.fillMaxSize().verticalScroll(rememberScrollState()).padding(16.dp)) {
            ProblemBanner(state.problem) { vm.presenter.dismissProblem() }

            SectionTitle(stringResource(R.string.schedule_coming))
            if (state.loaded && state.days.isEmpty()) Text(stringResource(R.string.schedule_nothing_coming))
            state.days.forEach { day ->
                Text(dates.format(day.date), style = MaterialTheme.typography.labelLarge, modifier = Modifier.padding(top = 8.dp))
                day.occurrences.forEach { line ->
                    OccurrenceCard(line)
                    if (!line.fromProgram) {
                        Row {
                            if (line.status == OccurrenceStatus.CANCELLED) {
                                TextButton(onClick = { vm.act { restoreOccurrence(line.sessionId, line.seriesDate) } }) {
                                    Text(stringResource(R.string.schedule_restore))
                                }
                            } else {
                                TextButton(onClick = { vm.act { cancelOccurrence(line.sessionId, line.seriesDate) } }) {
                                    Text(stringResource(R.string.schedule_cancel_once))
                                }
                            }
                        }
                    }
                }
            }

            SectionTitle(stringResource(R.string.schedule_attendance))
            if (state.loaded && state.recent.isEmpty()) Text(stringResource(R.string.schedule_no_attendance))
            state.recent.forEach { line ->
                val o = line.occurrence
                Card(Modifier.fillMaxWidth().padding(vertical = 4.dp)) {
                    Column(Modifier.padding(12.dp)) {
                        Text(o.title, style = MaterialTheme.typography.titleSmall)
                        Text("${dates.format(o.localStart.toLocalDate())} · ${o.localStart.timeText(times)}")
                        Row(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
                            FilterChip(
                                selected = line.mark == Attendance.ATTENDED,
                                onClick = { vm.act { markAttended(o.sessionId, o.seriesDate) } },
                                label = { Text(stringResource(R.string.schedule_attended)) },
                            )
                            FilterChip(
                                selected = line.mark == Attendance.MISSED,
                                onClick = { vm.act { markMissed(o.sessionId, o.seriesDate) } },
                                label = { Text(stringResource(R.string.schedule_missed)) },
                            )
                        }
                    }
                }
            }

            SectionTitle(stringResource(R.string.schedule_sessions))
            state.sessions.forEach { session ->
                Card(Modifier.fillMaxWidth().padding(vertical = 4.dp)) {
                    Column(Modifier.padding(12.dp)) {
                        Text(session.title, style = MaterialTheme.typography.titleSmall)
                        Text(kindLabel(session.kind))
                        if (session.weekdays.isNotEmpty()) {
                            Text(session.weekdays.joinToString { it.getDisplayName(TextStyle.SHORT, Locale.getDefault()) })
                        }
                        if (session.fromProgram) {
                            Text(stringResource(R.string.session_from_program), style = MaterialTheme.typography.labelSmall)
                        } else {
                            TextButton(onClick = { vm.act { removeSession(session.id) } }) { Text(stringResource(R.string.remove)) }
                        }
                    }
                }
            }
        }
        FloatingActionButton(onClick = { adding = true }, modifier = Modifier.align(Alignment.BottomEnd).padding(16.dp)) {
            Icon(Icons.Filled.Add, contentDescription = stringResource(R.string.schedule_add))
        }
    }

    if (adding) {
        AddSessionDialog(
            zone = graph.clock.zone.id,
            onDismiss = { adding = false },
            onAdd = { draft -> vm.act { if (addSession(draft)) adding = false } },
        )
    }
}

/** A personal session: the core checks every field; its problem shows behind the dialog. */
@OptIn(ExperimentalMaterial3Api::class, ExperimentalLayoutApi::class)
@Composable
private fun AddSessionDialog(zone: String, onDismiss: () -> Unit, onAdd: (SessionDraft) -> Unit) {
    val context = LocalContext.current
    var title by remember { mutableStateOf("") }
    var kind by remember { mutableStateOf("process-group") }
    var date by remember { mutableStateOf(LocalDate.now()) }
    var time by remember { mutableStateOf(LocalTime.of(9, 0)) }
    var duration by remember { mutableStateOf(60) }
    var weekdays by remember { mutableStateOf(emptySet<DayOfWeek>()) }
    var location by remember { mutableStateOf("") }
    var pickDate by remember { mutableStateOf(false) }
    var pickTime by remember { mutableStateOf(false) }
    val dates = rememberDateFormatter()
    val times = rememberTimeFormatter()

    AlertDialog(
        onDismissRequest = onDismiss,
        title = { Text(stringResource(R.string.schedule_add)) },
        text = {
            Column(Modifier.verticalScroll(rememberScrollState())) {
                OutlinedTextField(title, { title = it }, label = { Text(stringResource(R.string.session_title)) }, singleLine = true)
                FlowRow(horizontalArrangement = Arrangement.spacedBy(6.dp)) {
                    SchedulePresenter.KINDS.forEach { k ->
                        FilterChip(selected = kind == k, onClick = { kind = k }, label = { Text(kindLabel(k)) })
                    }
                }
                OutlinedButton(onClick = { pickDate = true }) { Text(dates.format(date)) }
                OutlinedButton(onClick = { pickTime = true }) { Text(time.timeText(times)) }
                Text(stringResource(R.string.session_duration))
                FlowRow(horizontalArrangement = Arrangement.spacedBy(6.dp)) {
                    listOf(60, 90, 120, 180).forEach { minutes ->
                        FilterChip(
                            selected = duration == minutes,
                            onClick = { duration = minutes },
                            label = { Text(stringResource(R.string.minutes, minutes)) },
                        )
                    }
                }
                Text(stringResource(R.string.session_repeats))
                FlowRow(horizontalArrangement = Arrangement.spacedBy(6.dp)) {
                    DayOfWeek.entries.forEach { day ->
                        FilterChip(
                            selected = day in weekdays,
                            onClick = { weekdays = if (day in weekdays) weekdays - day else weekdays + day },
                            label = { Text(day.getDisplayName(TextStyle.SHORT, Locale.getDefault())) },
                        )
                    }
                }
                OutlinedTextField(location, { location = it }, label = { Text(stringResource(R.string.session_location)) }, singleLine = true)
                Text(stringResource(R.string.session_zone, zone), style = MaterialTheme.typography.bodySmall)
            }
        },
        confirmButton = {
            TextButton(onClick = {
                onAdd(
                    SessionDraft(
                        title = title,
                        kind = kind,
                        start = LocalDateTime.of(date, time),
                        zone = zone,
                        durationMinutes = duration,
                        weekdays = weekdays,
                        location = location,
                    ),
                )
            }) { Text(stringResource(R.string.add)) }
        },
        dismissButton = { TextButton(onClick = onDismiss) { Text(stringResource(R.string.cancel)) } },
    )

    if (pickDate) {
        val picker = rememberDatePickerState(initialSelectedDateMillis = date.atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli())
        DatePickerDialog(
            onDismissRequest = { pickDate = false },
            confirmButton = {
                TextButton(onClick = {
                    // The picker's millis are midnight UTC of the chosen day.
                    picker.selectedDateMillis?.let { date = Instant.ofEpochMilli(it).atZone(ZoneOffset.UTC).toLocalDate() }
                    pickDate = false
                }) { Text(stringResource(R.string.ok)) }
            },
            dismissButton = { TextButton(onClick = { pickDate = false }) { Text(stringResource(R.string.cancel)) } },
        ) { DatePicker(state = picker) }
    }
    if (pickTime) {
        val picker = rememberTimePickerState(initialHour = time.hour, initialMinute = time.minute, is24Hour = DateFormat.is24HourFormat(context))
        AlertDialog(
            onDismissRequest = { pickTime = false },
            text = { TimePicker(state = picker) },
            confirmButton = {
                TextButton(onClick = {
                    time = LocalTime.of(picker.hour, picker.minute)
                    pickTime = false
                }) { Text(stringResource(R.string.ok)) }
            },
            dismissButton = { TextButton(onClick = { pickTime = false }) { Text(stringResource(R.string.cancel)) } },
        )
    }
}
