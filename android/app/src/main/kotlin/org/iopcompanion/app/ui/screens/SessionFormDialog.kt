package org.iopcompanion.app.ui.screens

import android.text.format.DateFormat
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.ExperimentalLayoutApi
import androidx.compose.foundation.layout.FlowRow
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.text.KeyboardOptions
import androidx.compose.foundation.verticalScroll
import androidx.compose.material3.AlertDialog
import androidx.compose.material3.DatePicker
import androidx.compose.material3.DatePickerDialog
import androidx.compose.material3.ExperimentalMaterial3Api
import androidx.compose.material3.FilterChip
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.material3.TimePicker
import androidx.compose.material3.rememberDatePickerState
import androidx.compose.material3.rememberTimePickerState
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.LocalContext
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.text.input.KeyboardType
import androidx.compose.ui.unit.dp
import java.time.DayOfWeek
import java.time.Instant
import java.time.LocalDate
import java.time.LocalDateTime
import java.time.LocalTime
import java.time.ZoneId
import java.time.ZoneOffset
import java.time.format.TextStyle
import java.time.temporal.ChronoUnit
import java.util.Locale
import org.iopcompanion.app.R
import org.iopcompanion.app.ui.Labels
import org.iopcompanion.app.ui.kindLabel
import org.iopcompanion.core.RecurrenceRecord
import org.iopcompanion.core.ScheduleAction
import org.iopcompanion.core.ScheduleChoicesRecord
import org.iopcompanion.core.SessionInput
import org.iopcompanion.core.SessionViewRecord
import org.iopcompanion.core.Weekday
import org.iopcompanion.presenters.ScheduleDialog

/** A weekday in the phone's language (the core's closed set, the platform's words). */
private fun Weekday.label(): String = DayOfWeek.valueOf(name).getDisplayName(TextStyle.SHORT, Locale.getDefault())

/**
 * The session form, on the core's choices (kinds, weekdays, lead times, the length's limit).
 * v1 stopgap until v2's sessionForm / SaveSessionForm (android-notes.md): a new session opens
 * at the next whole hour with the core's default length; an edit sends only the fields changed.
 */
@OptIn(ExperimentalLayoutApi::class, ExperimentalMaterial3Api::class)
@Composable
fun SessionFormDialog(
    session: SessionViewRecord?,
    choices: ScheduleChoicesRecord,
    zone: String,
    now: Instant,
    labels: Labels,
    onDismiss: () -> Unit,
    onSave: (ScheduleAction) -> Unit,
) {
    val context = LocalContext.current
    val opened = remember(session) {
        session?.start ?: LocalDateTime.ofInstant(now, ZoneId.of(zone)).truncatedTo(ChronoUnit.HOURS).plusHours(1)
    }
    var title by remember { mutableStateOf(session?.title.orEmpty()) }
    var kind by remember { mutableStateOf(session?.kind ?: choices.kinds.first()) }
    var start by remember { mutableStateOf(opened) }
    var duration by remember { mutableStateOf((session?.durationMinutes ?: choices.defaultDurationMinutes).toString()) }
    var weekdays by remember { mutableStateOf(session?.recurrence?.weekdays.orEmpty().toSet()) }
    var location by remember { mutableStateOf(session?.location.orEmpty()) }
    var leads by remember { mutableStateOf(session?.reminderLeads) }
    var pickDate by remember { mutableStateOf(false) }
    var pickTime by remember { mutableStateOf(false) }

    AlertDialog(
        onDismissRequest = onDismiss,
        title = { Text(stringResource(if (session == null) R.string.schedule_add else R.string.schedule_edit)) },
        text = {
            Column(Modifier.verticalScroll(rememberScrollState())) {
                OutlinedTextField(title, { title = it }, label = { Text(stringResource(R.string.session_title)) }, singleLine = true)
                FlowRow(horizontalArrangement = Arrangement.spacedBy(6.dp)) {
                    choices.kinds.forEach { k -> FilterChip(selected = kind == k, onClick = { kind = k }, label = { Text(kindLabel(k)) }) }
                }
                OutlinedButton(onClick = { pickDate = true }) { Text(labels.day(start.toLocalDate())) }
                OutlinedButton(onClick = { pickTime = true }) { Text(labels.time(start)) }
                OutlinedTextField(
                    duration, { duration = it.filter(Char::isDigit) },
                    label = { Text(stringResource(R.string.session_duration)) }, singleLine = true,
                    keyboardOptions = KeyboardOptions(keyboardType = KeyboardType.Number),
                )
                Text(stringResource(R.string.session_repeats))
                FlowRow(horizontalArrangement = Arrangement.spacedBy(6.dp)) {
                    choices.weekdays.forEach { day ->
                        FilterChip(
                            selected = day in weekdays,
                            onClick = { weekdays = if (day in weekdays) weekdays - day else weekdays + day },
                            label = { Text(day.label()) },
                        )
                    }
                }
                Text(stringResource(R.string.session_leads))
                FlowRow(horizontalArrangement = Arrangement.spacedBy(6.dp)) {
                    FilterChip(selected = leads == null, onClick = { leads = null }, label = { Text(stringResource(R.string.session_leads_default)) })
                    choices.leadMinutes.forEach { m ->
                        val chosen = leads.orEmpty()
                        FilterChip(
                            selected = m in chosen,
                            onClick = { leads = if (m in chosen) chosen - m else chosen + m },
                            label = { Text(stringResource(R.string.minutes, m.toInt())) },
                        )
                    }
                }
                OutlinedTextField(location, { location = it }, label = { Text(stringResource(R.string.session_location)) }, singleLine = true)
                Text(stringResource(R.string.session_zone, session?.zone ?: zone), style = MaterialTheme.typography.bodySmall)
            }
        },
        confirmButton = {
            TextButton(onClick = {
                val minutes = duration.toUIntOrNull()
                val recurrence = weekdays.takeIf { it.isNotEmpty() }?.let { days ->
                    RecurrenceRecord(choices.weekdays.filter { it in days }, session?.recurrence?.intervalWeeks ?: 1u, session?.recurrence?.until, session?.recurrence?.count)
                }
                if (session == null) {
                    onSave(
                        ScheduleAction.AddSession(
                            SessionInput(
                                title = title, kind = kind, start = start, timeZone = zone, durationMinutes = minutes,
                                recurrence = recurrence, oneOff = recurrence == null, location = location.ifBlank { null },
                                reminderLeads = leads, defaultLeads = leads == null,
                            ),
                        ),
                    )
                } else {
                    val oldDays = session.recurrence?.weekdays.orEmpty().toSet()
                    onSave(
                        ScheduleAction.EditSession(
                            session.id,
                            SessionInput(
                                title = title.takeIf { it != session.title },
                                kind = kind.takeIf { it != session.kind },
                                start = start.takeIf { it != session.start },
                                durationMinutes = minutes?.takeIf { it != session.durationMinutes },
                                recurrence = recurrence?.takeIf { weekdays != oldDays },
                                oneOff = recurrence == null && oldDays.isNotEmpty(),
                                location = location.takeIf { it != session.location.orEmpty() },
                                reminderLeads = leads?.takeIf { it != session.reminderLeads },
                                defaultLeads = leads == null && session.reminderLeads != null,
                            ),
                        ),
                    )
                }
            }) { Text(stringResource(R.string.save)) }
        },
        dismissButton = { TextButton(onClick = onDismiss) { Text(stringResource(R.string.cancel)) } },
    )

    if (pickDate) {
        DayPicker(start.toLocalDate(), onDismiss = { pickDate = false }) { start = LocalDateTime.of(it, start.toLocalTime()) }
    }
    if (pickTime) {
        ClockPicker(start.toLocalTime(), DateFormat.is24HourFormat(context), onDismiss = { pickTime = false }) {
            start = LocalDateTime.of(start.toLocalDate(), it)
        }
    }
}

/** Moves one occurrence to another day and time on the session's own clock. */
@Composable
fun MoveOccurrenceDialog(dialog: ScheduleDialog.MoveOccurrence, labels: Labels, onDismiss: () -> Unit, onMove: (ScheduleAction) -> Unit) {
    val context = LocalContext.current
    var to by remember { mutableStateOf(dialog.seriesDate.atTime(LocalTime.NOON)) }
    var pickDate by remember { mutableStateOf(false) }
    var pickTime by remember { mutableStateOf(false) }
    AlertDialog(
        onDismissRequest = onDismiss,
        title = { Text(stringResource(R.string.schedule_move_once)) },
        text = {
            Column {
                OutlinedButton(onClick = { pickDate = true }) { Text(labels.day(to.toLocalDate())) }
                OutlinedButton(onClick = { pickTime = true }) { Text(labels.time(to)) }
            }
        },
        confirmButton = {
            TextButton(onClick = { onMove(ScheduleAction.MoveOccurrence(dialog.sessionId, dialog.seriesDate, to, null)) }) {
                Text(stringResource(R.string.save))
            }
        },
        dismissButton = { TextButton(onClick = onDismiss) { Text(stringResource(R.string.cancel)) } },
    )
    if (pickDate) DayPicker(to.toLocalDate(), onDismiss = { pickDate = false }) { to = LocalDateTime.of(it, to.toLocalTime()) }
    if (pickTime) ClockPicker(to.toLocalTime(), DateFormat.is24HourFormat(context), onDismiss = { pickTime = false }) { to = LocalDateTime.of(to.toLocalDate(), it) }
}

@OptIn(ExperimentalMaterial3Api::class)
@Composable
fun DayPicker(initial: LocalDate, onDismiss: () -> Unit, onPicked: (LocalDate) -> Unit) {
    // The picker's millis are midnight UTC of the chosen day.
    val picker = rememberDatePickerState(initialSelectedDateMillis = initial.atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli())
    DatePickerDialog(
        onDismissRequest = onDismiss,
        confirmButton = {
            TextButton(onClick = {
                picker.selectedDateMillis?.let { onPicked(Instant.ofEpochMilli(it).atZone(ZoneOffset.UTC).toLocalDate()) }
                onDismiss()
            }) { Text(stringResource(R.string.ok)) }
        },
        dismissButton = { TextButton(onClick = onDismiss) { Text(stringResource(R.string.cancel)) } },
    ) { DatePicker(state = picker) }
}

@OptIn(ExperimentalMaterial3Api::class)
@Composable
fun ClockPicker(initial: LocalTime, is24Hour: Boolean, onDismiss: () -> Unit, onPicked: (LocalTime) -> Unit) {
    val picker = rememberTimePickerState(initialHour = initial.hour, initialMinute = initial.minute, is24Hour = is24Hour)
    AlertDialog(
        onDismissRequest = onDismiss,
        text = { TimePicker(state = picker) },
        confirmButton = {
            TextButton(onClick = {
                onPicked(LocalTime.of(picker.hour, picker.minute))
                onDismiss()
            }) { Text(stringResource(R.string.ok)) }
        },
        dismissButton = { TextButton(onClick = onDismiss) { Text(stringResource(R.string.cancel)) } },
    )
}
