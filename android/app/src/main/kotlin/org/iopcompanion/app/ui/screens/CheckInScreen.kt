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
import androidx.compose.material3.Button
import androidx.compose.material3.FilterChip
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Slider
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
import kotlin.math.roundToInt
import org.iopcompanion.app.R
import org.iopcompanion.app.platform.AppGraph
import org.iopcompanion.app.ui.FormField
import org.iopcompanion.app.ui.Loading
import org.iopcompanion.app.ui.NotificationPermissionMoment
import org.iopcompanion.app.ui.ProblemBanner
import org.iopcompanion.app.ui.RefreshOnChange
import org.iopcompanion.app.ui.SectionTitle
import org.iopcompanion.app.ui.presenter
import org.iopcompanion.core.CompanionStore
import org.iopcompanion.core.ScaleRecord
import org.iopcompanion.presenters.CheckInPresenter

/**
 * The daily check-in, on the core's scales (their names, every value and both ends in its
 * words), choices and limits; craving and sleep are sliders with one stop per choice of the
 * core's, "Used today?" its three answers. Edits change only the presenter's state (called
 * directly); Save writes what changed, off the main thread.
 */
@OptIn(ExperimentalLayoutApi::class)
@Composable
fun CheckInScreen(graph: AppGraph, store: CompanionStore, onDone: () -> Unit) {
    val vm = presenter("check-in") { CheckInPresenter(store, graph.clock) }
    val state by vm.presenter.state.collectAsStateWithLifecycle()
    var justSaved by remember { mutableStateOf(false) }
    var ownEmotion by remember { mutableStateOf("") }
    LaunchedEffect(Unit) { vm.act { load() } }
    // A sync while the form is open: an untouched form shows the new values, an edited one keeps its edits.
    RefreshOnChange(graph) { vm.act { changed() } }
    LaunchedEffect(justSaved, state.saved, state.askNotificationPermission) {
        if (justSaved && state.saved && !state.askNotificationPermission) onDone()
    }
    NotificationPermissionMoment(state.askNotificationPermission, graph.status) { vm.presenter.permissionAsked() }

    val screen = state.screen ?: return Loading()
    val values = state.edited ?: screen.values
    Column(Modifier.fillMaxSize().verticalScroll(rememberScrollState()).padding(16.dp)) {
        ProblemBanner(state.problem) { vm.presenter.dismissProblem() }
        Text(screen.title, style = MaterialTheme.typography.headlineSmall)

        SectionTitle(screen.mood.name)
        FlowRow(horizontalArrangement = Arrangement.spacedBy(6.dp)) {
            screen.mood.choices.forEach { choice ->
                FilterChip(
                    selected = values.mood == choice.value,
                    onClick = { vm.presenter.setMood(choice) },
                    label = { Text(choice.label) },
                )
            }
        }
        ScaleEnds(screen.mood)

        SectionTitle(screen.craving.name)
        // One stop per choice of the core's, in its order; the label is the chosen one's words.
        val craving = screen.craving.choices
        Row(verticalAlignment = Alignment.CenterVertically) {
            if (craving.size > 1) {
                Slider(
                    value = (state.cravingIndex ?: 0).toFloat(),
                    onValueChange = { v -> vm.presenter.setCraving(craving[v.roundToInt().coerceIn(0, craving.lastIndex)]) },
                    valueRange = 0f..craving.lastIndex.toFloat(),
                    steps = craving.size - 2,
                    modifier = Modifier.weight(1f),
                )
            }
            Text(state.cravingLabel ?: stringResource(R.string.not_set), modifier = Modifier.padding(start = 12.dp))
            if (values.craving != null) TextButton(onClick = { vm.presenter.setCraving(null) }) { Text(stringResource(R.string.clear)) }
        }
        ScaleEnds(screen.craving)

        SectionTitle(stringResource(R.string.check_in_emotions))
        FlowRow(horizontalArrangement = Arrangement.spacedBy(6.dp)) {
            state.emotionChoices.forEach { emotion ->
                FilterChip(
                    selected = emotion in values.emotions,
                    onClick = { vm.presenter.toggleEmotion(emotion) },
                    label = { Text(emotion) },
                )
            }
        }
        Row(verticalAlignment = Alignment.CenterVertically) {
            OutlinedTextField(
                value = ownEmotion,
                onValueChange = { if (it.length <= screen.emotionMaxChars.toInt()) ownEmotion = it },
                label = { Text(stringResource(R.string.check_in_own_emotion)) },
                singleLine = true,
                modifier = Modifier.weight(1f),
            )
            TextButton(onClick = {
                val tag = ownEmotion
                ownEmotion = ""
                vm.presenter.addEmotion(tag)
            }) { Text(stringResource(R.string.add)) }
        }

        SectionTitle(stringResource(R.string.check_in_sleep))
        // One stop per choice of the core's (a night off its step among them); unset, its words for no answer.
        val sleep = screen.sleepChoices
        Row(verticalAlignment = Alignment.CenterVertically) {
            if (sleep.size > 1) {
                Slider(
                    value = (state.sleepIndex ?: 0).toFloat(),
                    onValueChange = { v -> vm.presenter.setSleep(sleep[v.roundToInt().coerceIn(0, sleep.lastIndex)]) },
                    valueRange = 0f..sleep.lastIndex.toFloat(),
                    steps = sleep.size - 2,
                    modifier = Modifier.weight(1f),
                )
            }
            Text(state.sleepLabel.orEmpty(), modifier = Modifier.padding(start = 12.dp))
            if (values.sleepHours != null) TextButton(onClick = { vm.presenter.setSleep(null) }) { Text(stringResource(R.string.clear)) }
        }

        SectionTitle(stringResource(R.string.check_in_used_today))
        Row(horizontalArrangement = Arrangement.spacedBy(6.dp)) {
            screen.usedTodayChoices.forEach { choice ->
                FilterChip(selected = state.usedToday == choice, onClick = { vm.presenter.setUsedToday(choice) }, label = { Text(choice.label) })
            }
        }

        FormField(
            form = screen,
            value = values.note.orEmpty(),
            label = stringResource(R.string.check_in_note),
            onChange = { vm.presenter.setNote(it) },
            modifier = Modifier.fillMaxWidth(),
            singleLine = false,
            minLines = 3,
        )

        Button(
            onClick = {
                justSaved = true
                vm.act { save() }
            },
            enabled = !state.saving && (values.mood != null || !screen.moodRequired),
            modifier = Modifier.fillMaxWidth().padding(top = 16.dp),
        ) { Text(stringResource(R.string.save)) }
        if (state.saved) Text(stringResource(R.string.saved), color = MaterialTheme.colorScheme.primary)
    }
}

/** What the scale's two ends mean, in the core's words, under it. */
@Composable
private fun ScaleEnds(scale: ScaleRecord) {
    Row(Modifier.fillMaxWidth()) {
        Text(scale.minLabel, style = MaterialTheme.typography.bodySmall, modifier = Modifier.weight(1f))
        Text(scale.maxLabel, style = MaterialTheme.typography.bodySmall)
    }
}
