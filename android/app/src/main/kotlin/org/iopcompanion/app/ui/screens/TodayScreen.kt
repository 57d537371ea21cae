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
import androidx.compose.material3.CardDefaults
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.text.style.TextDecoration
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import org.iopcompanion.app.R
import org.iopcompanion.app.platform.AppGraph
import org.iopcompanion.app.ui.ContactActions
import org.iopcompanion.app.ui.ProblemBanner
import org.iopcompanion.app.ui.RefreshOnChange
import org.iopcompanion.app.ui.SectionTitle
import org.iopcompanion.app.ui.kindLabel
import org.iopcompanion.app.ui.presenter
import org.iopcompanion.app.ui.rememberLinkOpener
import org.iopcompanion.app.ui.rememberNotificationAsk
import org.iopcompanion.app.ui.rememberOpener
import org.iopcompanion.app.ui.rememberPhone
import org.iopcompanion.app.ui.roleLabel
import org.iopcompanion.core.CompanionStore
import org.iopcompanion.core.OccurrenceStatus
import org.iopcompanion.core.OccurrenceViewRecord
import org.iopcompanion.core.ReminderCardRecord
import org.iopcompanion.core.Timing
import org.iopcompanion.presenters.PlatformRequest
import org.iopcompanion.presenters.TodayPresenter
import org.iopcompanion.presenters.joinRequest

/** Today as the core builds it: help first, the notice, today's sessions, what comes up, the check-in, favourites. */
@Composable
fun TodayScreen(graph: AppGraph, store: CompanionStore, onCheckIn: () -> Unit, onReachOut: () -> Unit, onReminderHealth: () -> Unit) {
    val phone = rememberPhone(graph)
    val vm = presenter("today") { TodayPresenter(store, graph.clock, phone) }
    val state by vm.presenter.state.collectAsStateWithLifecycle()
    val open = rememberOpener()
    val join = rememberLinkOpener()
    val ask = rememberNotificationAsk(graph.status) { vm.act { refresh() } }
    RefreshOnChange(graph) { vm.act { refresh() } }

    Column(Modifier.fillMaxSize().verticalScroll(rememberScrollState()).padding(16.dp)) {
        ProblemBanner(state.problem) { vm.presenter.dismissProblem() }
        val screen = state.screen ?: return@Column

        // The crisis shortcut first: one tap to the core's first line.
        screen.crisis?.let { crisis ->
            Button(
                onClick = { open(crisis.action) },
                colors = ButtonDefaults.buttonColors(containerColor = MaterialTheme.colorScheme.tertiary),
                modifier = Modifier.fillMaxWidth(),
            ) { Text(crisis.action.label) }
        }
        OutlinedButton(onClick = onReachOut, modifier = Modifier.fillMaxWidth().padding(top = 8.dp)) {
            Text(stringResource(R.string.today_reach_out))
        }

        // The core's words; the button asks for notifications, or opens reminder health.
        screen.reminderCard?.let { card ->
            ReminderCard(card, if (state.reminderCardAsksPermission) ask else onReminderHealth)
        }

        SectionTitle(stringResource(R.string.today_sessions))
        if (screen.sessions.isEmpty()) Text(stringResource(R.string.today_no_sessions))
        screen.sessions.forEach { OccurrenceCard(it, onJoin = join) }
        if (screen.comingUp.isNotEmpty()) {
            SectionTitle(stringResource(R.string.today_coming_up))
            screen.comingUp.forEach { OccurrenceCard(it, onJoin = join, showDay = true) }
        }

        SectionTitle(stringResource(R.string.today_check_in))
        val checkIn = screen.checkin
        if (checkIn == null) {
            Button(onClick = onCheckIn, modifier = Modifier.fillMaxWidth()) { Text(stringResource(R.string.today_check_in_now)) }
        } else {
            Text(checkIn.label)
            OutlinedButton(onClick = onCheckIn) { Text(stringResource(R.string.today_check_in_edit)) }
        }

        if (screen.favourites.isNotEmpty()) SectionTitle(stringResource(R.string.reach_out_favourites))
        screen.favourites.forEach { person ->
            Text("${person.name} · ${roleLabel(person.role)}", modifier = Modifier.padding(top = 12.dp))
            ContactActions(person.actions, open)
        }
    }
}

@Composable
private fun ReminderCard(card: ReminderCardRecord, onClick: () -> Unit) {
    Card(
        colors = CardDefaults.cardColors(containerColor = MaterialTheme.colorScheme.secondaryContainer),
        modifier = Modifier.fillMaxWidth().padding(top = 12.dp),
    ) {
        Column(Modifier.padding(12.dp)) {
            Text(card.title, style = MaterialTheme.typography.titleSmall)
            Text(card.detail)
            Spacer(Modifier.height(8.dp))
            Button(onClick = onClick) { Text(card.button) }
        }
    }
}

/**
 * An occurrence as the core describes it: at the participant's time, and the session's own
 * when it differs; its status in the core's words; "Join video" only while the core says it can be joined.
 */
@Composable
fun OccurrenceCard(line: OccurrenceViewRecord, onJoin: (PlatformRequest.OpenLink) -> Unit, showDay: Boolean = false) {
    val cancelled = line.status == OccurrenceStatus.CANCELLED
    Card(Modifier.fillMaxWidth().padding(vertical = 4.dp)) {
        Column(Modifier.padding(12.dp)) {
            Text(
                line.title,
                style = MaterialTheme.typography.titleMedium,
                textDecoration = if (cancelled) TextDecoration.LineThrough else null,
            )
            if (showDay) Text(line.dayLabel)
            Text("${line.timeLabel} · ${kindLabel(line.kind)}")
            line.sessionClock?.let { own -> Text(own.label, style = MaterialTheme.typography.bodySmall) }
            line.location?.let { Text(it, style = MaterialTheme.typography.bodySmall) }
            // Cancelled or moved first; otherwise "Now" while it runs, "Ended" after: the core's words.
            val status = line.statusLabel
            val timing = line.timingLabel
            when {
                status != null -> Text(status, color = if (cancelled) MaterialTheme.colorScheme.error else MaterialTheme.colorScheme.onSurface)
                timing != null -> Text(
                    timing,
                    color = if (line.timing == Timing.NOW) MaterialTheme.colorScheme.primary else MaterialTheme.colorScheme.onSurfaceVariant,
                )
                else -> Unit
            }
            if (line.fromProgram) Text(stringResource(R.string.session_from_program), style = MaterialTheme.typography.labelSmall)
            line.joinRequest()?.let { link ->
                Button(onClick = { onJoin(link) }, modifier = Modifier.padding(top = 8.dp)) { Text(stringResource(R.string.session_join_video)) }
            }
        }
    }
}
