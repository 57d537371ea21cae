package org.iopcompanion.app.ui.screens

import android.text.format.DateFormat
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Box
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.ExperimentalLayoutApi
import androidx.compose.foundation.layout.FlowRow
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.verticalScroll
import androidx.compose.material3.AlertDialog
import androidx.compose.material3.DatePicker
import androidx.compose.material3.DatePickerDialog
import androidx.compose.material3.DropdownMenu
import androidx.compose.material3.DropdownMenuItem
import androidx.compose.material3.ExperimentalMaterial3Api
import androidx.compose.material3.FilterChip
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.Switch
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
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.LocalContext
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.unit.dp
import java.time.Instant
import java.time.LocalDate
import java.time.LocalDateTime
import java.time.LocalTime
import java.time.ZoneOffset
import org.iopcompanion.app.R
import org.iopcompanion.app.ui.FormField
import org.iopcompanion.app.ui.kindLabel
import org.iopcompanion.core.DurationChoiceRecord
import org.iopcompanion.core.SessionValuesRecord
import org.iopcompanion.core.Weekday
import org.iopcompanion.core.weekdayShortLabel
import org.iopcompanion.presenters.PickerLabels
import org.iopcompanion.presenters.ScheduleDialog

/**
 * The core's session form: it opens with the core's values (a new session at the next whole
 * hour, the default length, no repeat, the default leads) and its choices; every edit goes to
 * the presenter, and saving sends the values it opened with and the edited ones. Repeat on
 * starts with the core's weekly repeat for the start as it is then; the length and the
 * interval are picked from the core's choices, each in its words.
 */
@OptIn(ExperimentalLayoutApi::class)
@Composable
fun SessionFormDialog(
    open: ScheduleDialog.SessionForm,
    labels: PickerLabels,
    onEdit: ((SessionValuesRecord) -> SessionValuesRecord) -> Unit,
    onRepeats: (Boolean) -> Unit,
    onRepeatDay: (Weekday) -> Unit,
    onIntervalWeeks: (UInt) -> Unit,
    onDuration: (DurationChoiceRecord) -> Unit,
    onSave: () -> Unit,
    onRemove: (String) -> Unit,
    onDismiss: () -> Unit,
) {
    val context = LocalContext.current
    val form = open.form
    val choices = form.choices
    val values = open.edited
    var pickDate by remember { mutableStateOf(false) }
    var pickTime by remember { mutableStateOf(false) }
    var pickDuration by remember { mutableStateOf(false) }

    AlertDialog(
        onDismissRequest = onDismiss,
        title = { Text(stringResource(if (form.sessionId == null) R.string.schedule_add else R.string.schedule_edit)) },
        text = {
            Column(Modifier.verticalScroll(rememberScrollState())) {
                FormField(form, values.title, stringResource(R.string.session_title), { t -> onEdit { it.copy(title = t) } })
                FlowRow(horizontalArrangement = Arrangement.spacedBy(6.dp)) {
                    choices.kinds.forEach { k -> FilterChip(selected = values.kind == k, onClick = { onEdit { it.copy(kind = k) } }, label = { Text(kindLabel(k)) }) }
                }
                OutlinedButton(onClick = { pickDate = true }) { Text(labels.day(values.start.toLocalDate())) }
                OutlinedButton(onClick = { pickTime = true }) { Text(labels.time(values.start.toLocalTime())) }
                Row(verticalAlignment = Alignment.CenterVertically) {
                    Text(stringResource(R.string.session_duration), modifier = Modifier.weight(1f))
                    Box {
                        OutlinedButton(onClick = { pickDuration = true }) { Text(open.duration?.label.orEmpty()) }
                        DropdownMenu(expanded = pickDuration, onDismissRequest = { pickDuration = false }) {
                            open.durationChoices.forEach { choice ->
                                DropdownMenuItem(text = { Text(choice.label) }, onClick = {
                                    pickDuration = false
                                    onDuration(choice)
                                })
                            }
                        }
                    }
                }
                Row(verticalAlignment = Alignment.CenterVertically) {
                    Text(stringResource(R.string.session_repeats), modifier = Modifier.weight(1f))
                    Switch(checked = values.recurrence != null, onCheckedChange = onRepeats)
                }
                values.recurrence?.let { weekly ->
                    FlowRow(horizontalArrangement = Arrangement.spacedBy(6.dp)) {
                        choices.weekdays.forEach { day ->
                            FilterChip(selected = day in weekly.weekdays, onClick = { onRepeatDay(day) }, label = { Text(weekdayShortLabel(day)) })
                        }
                    }
                    Text(stringResource(R.string.session_interval))
                    FlowRow(horizontalArrangement = Arrangement.spacedBy(6.dp)) {
                        open.intervalChoices.forEach { choice ->
                            FilterChip(
                                selected = weekly.intervalWeeks == choice.weeks,
                                onClick = { onIntervalWeeks(choice.weeks) },
                                label = { Text(choice.label) },
                            )
                        }
                    }
                }
                Text(stringResource(R.string.session_leads))
                FlowRow(horizontalArrangement = Arrangement.spacedBy(6.dp)) {
                    FilterChip(
                        selected = values.ownLeads == null,
                        onClick = { onEdit { it.copy(ownLeads = null) } },
                        label = { Text(form.defaultLeadsLabel) },
                    )
                    choices.leadChoices.forEach { choice ->
                        val own = values.ownLeads.orEmpty()
                        FilterChip(
                            selected = choice.minutes in own,
                            onClick = { onEdit { it.copy(ownLeads = if (choice.minutes in own) own - choice.minutes else own + choice.minutes) } },
                            label = { Text(choice.label) },
                        )
                    }
                }
                FormField(form, values.location, stringResource(R.string.session_location), { t -> onEdit { it.copy(location = t) } })
                FormField(form, values.videoLink, stringResource(R.string.session_video), { t -> onEdit { it.copy(videoLink = t) } })
                FormField(form, values.notes, stringResource(R.string.session_notes), { t -> onEdit { it.copy(notes = t) } }, singleLine = false)
                open.zoneLabel?.let { Text(it, style = MaterialTheme.typography.bodySmall) }
                val id = form.sessionId
                if (form.canRemove && id != null) TextButton(onClick = { onRemove(id) }) { Text(stringResource(R.string.remove)) }
            }
        },
        confirmButton = { TextButton(onClick = onSave) { Text(stringResource(R.string.save)) } },
        dismissButton = { TextButton(onClick = onDismiss) { Text(stringResource(R.string.cancel)) } },
    )

    if (pickDate) {
        DayPicker(values.start.toLocalDate(), onDismiss = { pickDate = false }) { d -> onEdit { it.copy(start = LocalDateTime.of(d, it.start.toLocalTime())) } }
    }
    if (pickTime) {
        ClockPicker(values.start.toLocalTime(), DateFormat.is24HourFormat(context), onDismiss = { pickTime = false }) { t ->
            onEdit { it.copy(start = LocalDateTime.of(it.start.toLocalDate(), t)) }
        }
    }
}

/**
 * The core's move form: its title, the pickers opening where the occurrence stands on the
 * session's own clock, and its note when that clock is not the phone's. The length stays as
 * the form gives it.
 */
@Composable
fun MoveOccurrenceDialog(
    dialog: ScheduleDialog.MoveOccurrence,
    labels: PickerLabels,
    onPick: (LocalDateTime) -> Unit,
    onSave: () -> Unit,
    onDismiss: () -> Unit,
) {
    val context = LocalContext.current
    val to = dialog.to
    var pickDate by remember { mutableStateOf(false) }
    var pickTime by remember { mutableStateOf(false) }
    AlertDialog(
        onDismissRequest = onDismiss,
        title = { Text(dialog.form.title) },
        text = {
            Column {
                OutlinedButton(onClick = { pickDate = true }) { Text(labels.day(to.toLocalDate())) }
                OutlinedButton(onClick = { pickTime = true }) { Text(labels.time(to.toLocalTime())) }
                dialog.form.clockNote?.let { Text(it, style = MaterialTheme.typography.bodySmall) }
            }
        },
        confirmButton = { TextButton(onClick = onSave) { Text(stringResource(R.string.save)) } },
        dismissButton = { TextButton(onClick = onDismiss) { Text(stringResource(R.string.cancel)) } },
    )
    if (pickDate) DayPicker(to.toLocalDate(), onDismiss = { pickDate = false }) { onPick(LocalDateTime.of(it, to.toLocalTime())) }
    if (pickTime) ClockPicker(to.toLocalTime(), DateFormat.is24HourFormat(context), onDismiss = { pickTime = false }) { onPick(LocalDateTime.of(to.toLocalDate(), it)) }
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
