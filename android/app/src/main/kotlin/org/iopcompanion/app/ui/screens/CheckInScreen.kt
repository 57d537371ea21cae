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
import org.iopcompanion.app.ui.NotificationPermissionMoment
import org.iopcompanion.app.ui.ProblemBanner
import org.iopcompanion.app.ui.SectionTitle
import org.iopcompanion.app.ui.presenter
import org.iopcompanion.core.CompanionStore
import org.iopcompanion.presenters.CheckInPresenter

/**
 * The daily check-in: a mood and Save is enough; everything below the mood is optional.
 * Edits only change the presenter's state (called directly); Save writes, off the main thread.
 */
@OptIn(ExperimentalLayoutApi::class)
@Composable
fun CheckInScreen(graph: AppGraph, store: CompanionStore, onDone: () -> Unit) {
    val vm = presenter("check-in") { CheckInPresenter(store, graph.clock) }
    val state by vm.presenter.state.collectAsStateWithLifecycle()
    var justSaved by remember { mutableStateOf(false) }
    var ownEmotion by remember { mutableStateOf("") }
    LaunchedEffect(Unit) { vm.act { load() } }
    LaunchedEffect(justSaved, state.saved, state.reminderMoment) {
        if (justSaved && state.saved && !state.reminderMoment) onDone()
    }
    NotificationPermissionMoment(state.reminderMoment, graph.status) { vm.presenter.reminderMomentHandled() }

    Column(Modifier.fillMaxSize().verticalScroll(rememberScrollState()).padding(16.dp)) {
        ProblemBanner(state.problem) { vm.presenter.dismissProblem() }
        Text(
            stringResource(if (state.existing) R.string.check_in_edit_title else R.string.check_in_title),
            style = MaterialTheme.typography.headlineSmall,
        )

        SectionTitle(stringResource(R.string.check_in_mood))
        FlowRow(horizontalArrangement = Arrangement.spacedBy(6.dp)) {
            CheckInPresenter.MOOD_RANGE.forEach { mood ->
                FilterChip(selected = state.mood == mood, onClick = { vm.presenter.setMood(mood) }, label = { Text("$mood") })
            }
        }
        Text(stringResource(R.string.check_in_mood_scale), style = MaterialTheme.typography.bodySmall)

        SectionTitle(stringResource(R.string.check_in_craving))
        val craving = state.craving
        Row(verticalAlignment = Alignment.CenterVertically) {
            Slider(
                value = (craving ?: 0).toFloat(),
                onValueChange = { v -> vm.presenter.setCraving(v.roundToInt()) },
                valueRange = CheckInPresenter.CRAVING_RANGE.first.toFloat()..CheckInPresenter.CRAVING_RANGE.last.toFloat(),
                steps = CheckInPresenter.CRAVING_RANGE.last - CheckInPresenter.CRAVING_RANGE.first - 1,
                modifier = Modifier.weight(1f),
            )
            Text(craving?.toString() ?: stringResource(R.string.not_set), modifier = Modifier.padding(start = 12.dp))
        }

        SectionTitle(stringResource(R.string.check_in_emotions))
        FlowRow(horizontalArrangement = Arrangement.spacedBy(6.dp)) {
            state.emotionChoices.forEach { emotion ->
                FilterChip(
                    selected = emotion in state.emotions,
                    onClick = { vm.presenter.toggleEmotion(emotion) },
                    label = { Text(emotion) },
                )
            }
        }
        Row(verticalAlignment = Alignment.CenterVertically) {
            OutlinedTextField(
                value = ownEmotion,
                onValueChange = { ownEmotion = it },
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
        val sleep = state.sleepHours
        Row(verticalAlignment = Alignment.CenterVertically) {
            Slider(
                value = (sleep ?: 0.0).toFloat(),
                onValueChange = { v -> vm.presenter.setSleepHours((v / CheckInPresenter.SLEEP_STEP_HOURS.toFloat()).roundToInt() * CheckInPresenter.SLEEP_STEP_HOURS) },
                valueRange = 0f..CheckInPresenter.SLEEP_MAX_HOURS.toFloat(),
                steps = (CheckInPresenter.SLEEP_MAX_HOURS / CheckInPresenter.SLEEP_STEP_HOURS).toInt() - 1,
                modifier = Modifier.weight(1f),
            )
            Text(sleep?.let { stringResource(R.string.hours, it.toString()) } ?: stringResource(R.string.not_set), modifier = Modifier.padding(start = 12.dp))
        }

        SectionTitle(stringResource(R.string.check_in_used_today))
        Row(horizontalArrangement = Arrangement.spacedBy(6.dp)) {
            FilterChip(selected = state.usedToday == false, onClick = { vm.presenter.setUsedToday(false) }, label = { Text(stringResource(R.string.no)) })
            FilterChip(selected = state.usedToday == true, onClick = { vm.presenter.setUsedToday(true) }, label = { Text(stringResource(R.string.yes)) })
            FilterChip(selected = state.usedToday == null, onClick = { vm.presenter.setUsedToday(null) }, label = { Text(stringResource(R.string.prefer_not_to_say)) })
        }

        SectionTitle(stringResource(R.string.check_in_note))
        // The field keeps its own text (typing must not wait for a state round trip).
        var note by remember(state.loaded, state.date) { mutableStateOf(state.note) }
        OutlinedTextField(
            value = note,
            onValueChange = { text ->
                note = text
                vm.presenter.setNote(text)
            },
            modifier = Modifier.fillMaxWidth(),
            minLines = 3,
        )

        Button(
            onClick = {
                justSaved = true
                vm.act { save() }
            },
            enabled = state.canSave,
            modifier = Modifier.fillMaxWidth().padding(top = 16.dp),
        ) { Text(stringResource(R.string.save)) }
        if (state.saved) Text(stringResource(R.string.saved), color = MaterialTheme.colorScheme.primary)
    }
}
