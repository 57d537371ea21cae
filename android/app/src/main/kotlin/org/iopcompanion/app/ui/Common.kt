package org.iopcompanion.app.ui

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
import androidx.compose.material3.OutlinedTextField
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.graphics.vector.ImageVector
import androidx.compose.ui.platform.LocalContext
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.unit.dp
import android.widget.Toast
import org.iopcompanion.app.R
import org.iopcompanion.app.platform.UriLauncher
import org.iopcompanion.core.ActionType
import org.iopcompanion.core.ContactActionRecord
import org.iopcompanion.core.Role
import org.iopcompanion.core.SessionKind
import org.iopcompanion.core.sessionKindLabel
import org.iopcompanion.presenters.PlatformRequest
import org.iopcompanion.presenters.Problem

/** What went wrong, in the core's own words (they never hold a note, a name or a number). */
@Composable
fun ProblemBanner(problem: Problem?, onDismiss: () -> Unit) {
    if (problem == null) return
    Card(
        colors = CardDefaults.cardColors(containerColor = MaterialTheme.colorScheme.errorContainer),
        modifier = Modifier.fillMaxWidth().padding(vertical = 8.dp),
    ) {
        Row(Modifier.padding(12.dp), verticalAlignment = Alignment.CenterVertically) {
            Icon(Icons.Filled.Warning, contentDescription = null, tint = MaterialTheme.colorScheme.onErrorContainer)
            Text(
                problem.detail,
                color = MaterialTheme.colorScheme.onErrorContainer,
                modifier = Modifier.weight(1f).padding(horizontal = 12.dp),
            )
            TextButton(onClick = onDismiss) { Text(stringResource(R.string.dismiss)) }
        }
    }
}

/** The core's words for a session kind and a role. */
fun kindLabel(kind: SessionKind): String = sessionKindLabel(kind)

fun roleLabel(role: Role): String = org.iopcompanion.core.roleLabel(role)

fun actionIcon(kind: ActionType): ImageVector = when (kind) {
    ActionType.CALL, ActionType.TTY -> Icons.Filled.Call
    ActionType.TEXT -> Icons.Filled.Phone
    ActionType.EMAIL -> Icons.Filled.Email
}

/** Opens the core's link with the phone's apps, or says none can. */
@Composable
fun rememberOpener(): (ContactActionRecord) -> Unit {
    val context = LocalContext.current
    val noApp = stringResource(R.string.no_app_to_open)
    return { action ->
        if (!UriLauncher.open(context, PlatformRequest.OpenUri.of(action))) Toast.makeText(context, noApp, Toast.LENGTH_SHORT).show()
    }
}

/** Opens a session's video call, or says no app can. */
@Composable
fun rememberLinkOpener(): (PlatformRequest.OpenLink) -> Unit {
    val context = LocalContext.current
    val noApp = stringResource(R.string.no_app_to_open)
    return { link ->
        if (!UriLauncher.open(context, link)) Toast.makeText(context, noApp, Toast.LENGTH_SHORT).show()
    }
}

/** A contact's or a crisis line's actions; the labels are the core's ("Call 988"). */
@OptIn(ExperimentalLayoutApi::class)
@Composable
fun ContactActions(actions: List<ContactActionRecord>, onOpen: (ContactActionRecord) -> Unit) {
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

@Composable
fun SectionTitle(text: String) {
    Text(text, style = MaterialTheme.typography.titleMedium, modifier = Modifier.padding(top = 16.dp, bottom = 8.dp))
}

@Composable
fun Loading() {
    Column(Modifier.fillMaxWidth().padding(24.dp), horizontalAlignment = Alignment.CenterHorizontally) {
        androidx.compose.material3.CircularProgressIndicator()
    }
}

/**
 * A form's text field that keeps its own text while the participant types (typing must not
 * wait for a round trip through the presenter's state), seeded from the form's value when
 * [form] (the form's identity) changes, and telling the presenter every edit.
 */
@Composable
fun FormField(
    form: Any?,
    value: String,
    label: String,
    onChange: (String) -> Unit,
    modifier: Modifier = Modifier,
    singleLine: Boolean = true,
    minLines: Int = 1,
) {
    var text by remember(form) { mutableStateOf(value) }
    OutlinedTextField(
        value = text,
        onValueChange = {
            text = it
            onChange(it)
        },
        label = { Text(label) },
        singleLine = singleLine,
        minLines = minLines,
        modifier = modifier,
    )
}
