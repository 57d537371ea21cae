package org.iopcompanion.app.ui.screens

import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Spacer
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.height
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.verticalScroll
import androidx.compose.material3.Button
import androidx.compose.material3.ButtonDefaults
import androidx.compose.material3.Card
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.LocalContext
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.text.style.TextDecoration
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import org.iopcompanion.app.R
import org.iopcompanion.app.platform.AppGraph
import org.iopcompanion.app.platform.UriLauncher
import org.iopcompanion.app.ui.ContactActions
import org.iopcompanion.app.ui.ProblemBanner
import org.iopcompanion.app.ui.SectionTitle
import org.iopcompanion.app.ui.kindLabel
import org.iopcompanion.app.ui.presenter
import org.iopcompanion.app.ui.rememberDateFormatter
import org.iopcompanion.app.ui.rememberTimeFormatter
import org.iopcompanion.app.ui.roleLabel
import org.iopcompanion.app.ui.timeText
import org.iopcompanion.core.CompanionStore
import org.iopcompanion.presenters.OccurrenceLine
import org.iopcompanion.presenters.OccurrenceStatus
import org.iopcompanion.presenters.Timing
import org.iopcompanion.presenters.TodayPresenter

@Composable
fun TodayScreen(graph: AppGraph, store: CompanionStore, onCheckIn: () -> Unit, onReachOut: () -> Unit) {
    val vm = presenter("today") { TodayPresenter(store, graph.clock) }
    val state by vm.presenter.state.collectAsStateWithLifecycle()
    val changes by graph.changes.collectAsStateWithLifecycle()
    val context = LocalContext.current
    val dates = rememberDateFormatter()
    LaunchedEffect(changes) { vm.act { refresh() } }

    Column(Modifier.fillMaxSize().verticalScroll(rememberScrollState()).padding(16.dp)) {
        ProblemBanner(state.problem) { vm.act { dismissProblem() } }
        state.date?.let { Text(dates.format(it), style = MaterialTheme.typography.headlineSmall) }

        SectionTitle(stringResource(R.string.today_sessions))
        if (state.loaded && state.sessions.isEmpty()) Text(stringResource(R.string.today_no_sessions))
        state.sessions.forEach { OccurrenceCard(it) }
        state.next?.let {
            SectionTitle(stringResource(R.string.today_next))
            OccurrenceCard(it, showDate = true)
        }

        SectionTitle(stringResource(R.string.today_check_in))
        val checkIn = state.checkIn
        if (checkIn == null) {
            Button(onClick = onCheckIn, modifier = Modifier.fillMaxWidth()) { Text(stringResource(R.string.today_check_in_now)) }
        } else {
            Text(stringResource(R.string.today_checked_in, checkIn.mood))
            OutlinedButton(onClick = onCheckIn) { Text(stringResource(R.string.today_check_in_edit)) }
        }

        SectionTitle(stringResource(R.string.reach_out))
        Button(
            onClick = onReachOut,
            colors = ButtonDefaults.buttonColors(containerColor = MaterialTheme.colorScheme.tertiary),
            modifier = Modifier.fillMaxWidth(),
        ) { Text(stringResource(R.string.today_reach_out)) }
        state.crisisShortcut?.let { crisis ->
            Spacer(Modifier.height(8.dp))
            OutlinedButton(
                onClick = { UriLauncher.open(context, vm.presenter.open(crisis.action)) },
                modifier = Modifier.fillMaxWidth(),
            ) { Text(crisis.action.label) }
        }
        state.favourites.forEach { person ->
            Text("${person.name} · ${roleLabel(person.role)}", modifier = Modifier.padding(top = 12.dp))
            ContactActions(person.actions) { action ->
                UriLauncher.open(context, vm.presenter.open(action))
            }
        }
    }
}

/** An occurrence at the participant's time, and at the session's own when that reads differently. */
@Composable
fun OccurrenceCard(line: OccurrenceLine, showDate: Boolean = false) {
    val times = rememberTimeFormatter()
    val dates = rememberDateFormatter()
    val cancelled = line.status == OccurrenceStatus.CANCELLED
    Card(Modifier.fillMaxWidth().padding(vertical = 4.dp)) {
        Column(Modifier.padding(12.dp)) {
            Text(
                line.title,
                style = MaterialTheme.typography.titleMedium,
                textDecoration = if (cancelled) TextDecoration.LineThrough else null,
            )
            if (showDate) Text(dates.format(line.localStart.toLocalDate()))
            Text("${line.localStart.timeText(times)} – ${line.localEnd.timeText(times)} · ${kindLabel(line.kind)}")
            val own = line.sessionZoneStart
            val zone = line.sessionZone
            if (own != null && zone != null) {
                Text(stringResource(R.string.session_own_time, own.timeText(times), zone), style = MaterialTheme.typography.bodySmall)
            }
            line.location?.let { Text(it, style = MaterialTheme.typography.bodySmall) }
            when {
                cancelled -> Text(stringResource(R.string.session_cancelled), color = MaterialTheme.colorScheme.error)
                line.status == OccurrenceStatus.MOVED -> Text(stringResource(R.string.session_moved))
                line.timing == Timing.NOW -> Text(stringResource(R.string.session_now), color = MaterialTheme.colorScheme.primary)
                else -> Unit
            }
            if (line.fromProgram) Text(stringResource(R.string.session_from_program), style = MaterialTheme.typography.labelSmall)
        }
    }
}
