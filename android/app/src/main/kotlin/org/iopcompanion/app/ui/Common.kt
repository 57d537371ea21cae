package org.iopcompanion.app.ui

import android.text.format.DateFormat
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.ExperimentalLayoutApi
import androidx.compose.foundation.layout.FlowRow
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.layout.size
import androidx.compose.material.icons.Icons
import androidx.compose.material.icons.filled.Call
import androidx.compose.material.icons.filled.Email
import androidx.compose.material.icons.filled.Phone
import androidx.compose.material.icons.filled.Warning
import androidx.compose.material3.AssistChip
import androidx.compose.material3.Card
import androidx.compose.material3.CardDefaults
import androidx.compose.material3.Icon
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.remember
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.graphics.vector.ImageVector
import androidx.compose.ui.platform.LocalContext
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.unit.dp
import java.time.LocalDateTime
import java.time.LocalTime
import java.time.format.DateTimeFormatter
import java.time.format.FormatStyle
import org.iopcompanion.app.R
import org.iopcompanion.core.ActionType
import org.iopcompanion.core.Role
import org.iopcompanion.presenters.ContactAction
import org.iopcompanion.presenters.Problem

/** What went wrong, in words, with the core's detail where it helps (it never holds personal data). */
@Composable
fun ProblemBanner(problem: Problem?, onDismiss: () -> Unit) {
    if (problem == null) return
    Card(
        colors = CardDefaults.cardColors(containerColor = MaterialTheme.colorScheme.errorContainer),
        modifier = Modifier.fillMaxWidth().padding(vertical = 8.dp),
    ) {
        Row(Modifier.padding(12.dp), verticalAlignment = Alignment.CenterVertically) {
            Icon(Icons.Filled.Warning, contentDescription = null, tint = MaterialTheme.colorScheme.onErrorContainer)
            Column(Modifier.weight(1f).padding(horizontal = 12.dp)) {
                Text(problemText(problem.kind), color = MaterialTheme.colorScheme.onErrorContainer)
                if (problem.kind == Problem.Kind.INVALID_INPUT || problem.kind == Problem.Kind.NETWORK) {
                    Text(problem.detail, style = MaterialTheme.typography.bodySmall, color = MaterialTheme.colorScheme.onErrorContainer)
                }
            }
            TextButton(onClick = onDismiss) { Text(stringResource(R.string.dismiss)) }
        }
    }
}

@Composable
fun problemText(kind: Problem.Kind): String = stringResource(
    when (kind) {
        Problem.Kind.INVALID_INPUT -> R.string.problem_invalid_input
        Problem.Kind.UNKNOWN_TIME_ZONE -> R.string.problem_unknown_time_zone
        Problem.Kind.NOT_FOUND -> R.string.problem_not_found
        Problem.Kind.READ_ONLY -> R.string.problem_read_only
        Problem.Kind.STORE_UNUSABLE -> R.string.problem_store_unusable
        Problem.Kind.WRONG_KEY -> R.string.problem_wrong_key
        Problem.Kind.NOT_ENROLLED -> R.string.problem_not_enrolled
        Problem.Kind.INVALID_CODE -> R.string.problem_invalid_code
        Problem.Kind.NETWORK -> R.string.problem_network
        Problem.Kind.INVALID_DATA -> R.string.problem_invalid_data
        Problem.Kind.STORAGE -> R.string.problem_storage
        Problem.Kind.CALLBACK -> R.string.problem_storage
    },
)

/** The core's session kind codes, in words. */
@Composable
fun kindLabel(code: String): String = stringResource(
    when (code) {
        "process-group" -> R.string.kind_process_group
        "skills-group" -> R.string.kind_skills_group
        "psychoeducation" -> R.string.kind_psychoeducation
        "individual" -> R.string.kind_individual
        "family" -> R.string.kind_family
        "aftercare" -> R.string.kind_aftercare
        else -> R.string.kind_other
    },
)

@Composable
fun roleLabel(role: Role): String = stringResource(
    when (role) {
        Role.THERAPIST -> R.string.role_therapist
        Role.COUNSELOR -> R.string.role_counselor
        Role.SPONSOR -> R.string.role_sponsor
        Role.PEER -> R.string.role_peer
        Role.FAMILY -> R.string.role_family
        Role.CASE_MANAGER -> R.string.role_case_manager
        Role.CRISIS_LINE -> R.string.role_crisis_line
        Role.OTHER -> R.string.role_other
    },
)

fun actionIcon(kind: ActionType): ImageVector = when (kind) {
    ActionType.CALL, ActionType.TTY -> Icons.Filled.Call
    ActionType.TEXT -> Icons.Filled.Phone
    ActionType.EMAIL -> Icons.Filled.Email
}

/** A contact's or a crisis line's actions; the labels are the core's ("Call 988"). */
@OptIn(ExperimentalLayoutApi::class)
@Composable
fun ContactActions(actions: List<ContactAction>, onOpen: (ContactAction) -> Unit) {
    FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
        actions.forEach { action ->
            AssistChip(
                onClick = { onOpen(action) },
                label = { Text(action.label) },
                leadingIcon = { Icon(actionIcon(action.kind), contentDescription = null, modifier = Modifier.size(18.dp)) },
            )
        }
    }
}

/** Times in the participant's 12- or 24-hour setting. */
@Composable
fun rememberTimeFormatter(): DateTimeFormatter {
    val context = LocalContext.current
    return remember(context) {
        if (DateFormat.is24HourFormat(context)) DateTimeFormatter.ofPattern("HH:mm") else DateTimeFormatter.ofPattern("h:mm a")
    }
}

@Composable
fun rememberDateFormatter(): DateTimeFormatter =
    remember { DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL) }

fun LocalDateTime.timeText(format: DateTimeFormatter): String = format.format(this)

fun LocalTime.timeText(format: DateTimeFormatter): String = format.format(this)

@Composable
fun SectionTitle(text: String) {
    Text(text, style = MaterialTheme.typography.titleMedium, modifier = Modifier.padding(top = 16.dp, bottom = 8.dp))
}
