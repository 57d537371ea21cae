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
import org.iopcompanion.presenters.OpenChoice
import org.iopcompanion.presenters.OpenFailure
import org.iopcompanion.presenters.StoreProblemPresenter

/**
 * The store did not open. A temporary failure offers "Try again" only; a lost key or a damaged
 * store also offers starting over, confirmed first. (v2: the words come from openProblemScreen.)
 */
@Composable
fun StoreProblemScreen(failure: OpenFailure, onTryAgain: () -> Unit, onStartOver: () -> Unit) {
    val vm = presenter("store-problem-${failure.name}") { StoreProblemPresenter(failure) }
    val state by vm.presenter.state.collectAsStateWithLifecycle()
    Column(Modifier.fillMaxSize().padding(24.dp), verticalArrangement = Arrangement.spacedBy(16.dp)) {
        Text(
            stringResource(if (failure == OpenFailure.UNAVAILABLE) R.string.store_unavailable_title else R.string.store_lost_title),
            style = MaterialTheme.typography.headlineSmall,
        )
        Text(
            stringResource(
                when (failure) {
                    OpenFailure.UNAVAILABLE -> R.string.store_unavailable_text
                    OpenFailure.KEY_LOST -> R.string.store_lost_text
                    OpenFailure.DAMAGED -> R.string.store_damaged_text
                },
            ),
        )
        state.choices.forEach { choice ->
            when (choice) {
                OpenChoice.TRY_AGAIN -> Button(onClick = onTryAgain) { Text(stringResource(R.string.try_again)) }
                OpenChoice.START_OVER -> if (!state.confirmingStartOver) {
                    TextButton(onClick = { vm.presenter.startOver() }) { Text(stringResource(R.string.store_start_over)) }
                } else {
                    Text(stringResource(R.string.store_start_over_sure))
                    OutlinedButton(onClick = { if (vm.presenter.mayDelete) onStartOver() }) {
                        Text(stringResource(R.string.store_start_over))
                    }
                    TextButton(onClick = { vm.presenter.cancelStartOver() }) { Text(stringResource(R.string.cancel)) }
                }
            }
        }
    }
}
