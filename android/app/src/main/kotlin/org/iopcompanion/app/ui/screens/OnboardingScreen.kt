package org.iopcompanion.app.ui.screens

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.text.KeyboardOptions
import androidx.compose.foundation.verticalScroll
import androidx.compose.material3.Button
import androidx.compose.material3.CircularProgressIndicator
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Switch
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
import androidx.compose.ui.text.input.KeyboardType
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import org.iopcompanion.app.R
import org.iopcompanion.app.platform.AppGraph
import org.iopcompanion.app.ui.Loading
import org.iopcompanion.app.ui.NotificationPermissionMoment
import org.iopcompanion.app.ui.ProblemBanner
import org.iopcompanion.app.ui.presenter
import org.iopcompanion.core.CompanionStore
import org.iopcompanion.core.OnboardingChoice
import org.iopcompanion.core.OnboardingStep
import org.iopcompanion.presenters.OnboardingPresenter

/** First run: the core's pages one by one; the discreet switch on its page; Join or Alone on the last. */
@Composable
fun OnboardingScreen(graph: AppGraph, store: CompanionStore, onDone: () -> Unit) {
    val vm = presenter("onboarding") { OnboardingPresenter(store) }
    val state by vm.presenter.state.collectAsStateWithLifecycle()
    LaunchedEffect(Unit) { vm.act { load() } }
    LaunchedEffect(state.done, state.askNotificationPermission) {
        if (state.done && !state.askNotificationPermission) onDone()
    }
    NotificationPermissionMoment(state.askNotificationPermission, graph.status) { vm.presenter.permissionAsked() }

    val screen = state.screen ?: return Loading()
    Column(Modifier.fillMaxSize().verticalScroll(rememberScrollState()).padding(24.dp), verticalArrangement = Arrangement.spacedBy(16.dp)) {
        ProblemBanner(state.problem) { vm.presenter.dismissProblem() }
        if (state.joining) {
            JoinForm(
                busy = state.busy,
                onEnroll = { server, code -> vm.act { if (enroll(server, code)) graph.joined() } },
                onRedeem = { server, code -> vm.act { if (redeemLink(server, code)) graph.joined() } },
                onBack = { vm.presenter.back() },
            )
            return@Column
        }
        val page = screen.pages.getOrNull(state.page) ?: return@Column
        Text(page.title, style = MaterialTheme.typography.headlineSmall)
        Text(page.body)
        when (page.step) {
            OnboardingStep.DISCREET -> Row(verticalAlignment = Alignment.CenterVertically, modifier = Modifier.fillMaxWidth()) {
                Text(stringResource(R.string.settings_discreet), modifier = Modifier.weight(1f))
                Switch(
                    checked = state.discreet ?: screen.discreetNotifications,
                    onCheckedChange = { vm.presenter.setDiscreet(it) },
                )
            }
            // Join and Alone, in the core's words.
            OnboardingStep.JOIN -> Row(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
                state.choices.forEach { choice ->
                    when (choice.value) {
                        OnboardingChoice.JOIN -> Button(onClick = { vm.presenter.choose(OnboardingChoice.JOIN) }) { Text(choice.label) }
                        OnboardingChoice.ALONE -> OutlinedButton(onClick = { vm.act { choose(OnboardingChoice.ALONE) } }) { Text(choice.label) }
                    }
                }
            }
            OnboardingStep.WELCOME, OnboardingStep.PRIVACY -> Unit
        }
        Row(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
            if (state.page > 0) TextButton(onClick = { vm.presenter.back() }) { Text(stringResource(R.string.back)) }
            if (state.page < screen.pages.size - 1) Button(onClick = { vm.presenter.next() }) { Text(stringResource(R.string.next)) }
        }
    }
}

/** A program's server and invitation code, or a code from the participant's other device. */
@Composable
fun JoinForm(busy: Boolean, onEnroll: (String, String) -> Unit, onRedeem: (String, String) -> Unit, onBack: (() -> Unit)?) {
    var server by remember { mutableStateOf("") }
    var code by remember { mutableStateOf("") }
    Text(stringResource(R.string.settings_enroll_about), style = MaterialTheme.typography.bodySmall)
    OutlinedTextField(
        server, { server = it }, label = { Text(stringResource(R.string.settings_server)) }, singleLine = true,
        keyboardOptions = KeyboardOptions(keyboardType = KeyboardType.Uri), modifier = Modifier.fillMaxWidth(),
    )
    OutlinedTextField(code, { code = it }, label = { Text(stringResource(R.string.settings_code)) }, singleLine = true, modifier = Modifier.fillMaxWidth())
    if (busy) CircularProgressIndicator(Modifier.padding(8.dp))
    Row(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
        Button(onClick = { onEnroll(server, code) }, enabled = !busy) { Text(stringResource(R.string.settings_enroll)) }
        OutlinedButton(onClick = { onRedeem(server, code) }, enabled = !busy) { Text(stringResource(R.string.settings_redeem_link)) }
    }
    if (onBack != null) TextButton(onClick = onBack, enabled = !busy) { Text(stringResource(R.string.back)) }
}
