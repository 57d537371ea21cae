package org.iopcompanion.app.ui.screens

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.padding
import androidx.compose.material3.Button
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import org.iopcompanion.app.R
import org.iopcompanion.app.ui.presenter
import org.iopcompanion.core.OpenProblem
import org.iopcompanion.core.OpenProblemChoice
import org.iopcompanion.presenters.StoreProblemPresenter

/**
 * The store did not open: the core's words and choices for the problem. A temporary failure
 * offers "Try again" only; starting over, where offered, shows the core's warning first.
 */
@Composable
fun StoreProblemScreen(problem: OpenProblem, onTryAgain: () -> Unit, onStartOver: () -> Unit) {
    val key = when (problem) {
        OpenProblem.KEY_LOST -> "key-lost"
        OpenProblem.UNAVAILABLE -> "unavailable"
        OpenProblem.DAMAGED -> "damaged"
        OpenProblem.NEEDS_NEWER_APP -> "needs-newer-app"
    }
    val vm = presenter("store-problem-$key") { StoreProblemPresenter(problem) }
    val state by vm.presenter.state.collectAsStateWithLifecycle()
    val screen = state.screen
    Column(Modifier.fillMaxSize().padding(24.dp), verticalArrangement = Arrangement.spacedBy(16.dp)) {
        Text(screen.title, style = MaterialTheme.typography.headlineSmall)
        Text(screen.body)
        // The core's choices, each in its words.
        state.choices.forEach { choice ->
            when (choice.value) {
                OpenProblemChoice.TRY_AGAIN -> Button(onClick = onTryAgain) { Text(choice.label) }
                OpenProblemChoice.START_OVER -> if (!state.confirmingStartOver) {
                    TextButton(onClick = { vm.presenter.startOver() }) { Text(choice.label) }
                } else {
                    screen.startOverWarning?.let { Text(it) }
                    OutlinedButton(onClick = { if (vm.presenter.mayDelete) onStartOver() }) { Text(choice.label) }
                    TextButton(onClick = { vm.presenter.cancelStartOver() }) { Text(stringResource(R.string.cancel)) }
                }
            }
        }
    }
}
