package org.iopcompanion.app.ui.screens

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.padding
import androidx.compose.material3.Button
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.unit.dp
import org.iopcompanion.app.R

/**
 * The store's key is gone from this phone (its Keystore was reset, or the app's files came from
 * another phone): nothing here can be read. Starting again is the participant's choice, twice
 * confirmed; a backup or a linked device brings the data back.
 */
@Composable
fun StoreUnavailableScreen(onStartOver: () -> Unit) {
    var sure by remember { mutableStateOf(false) }
    Column(Modifier.fillMaxSize().padding(24.dp), verticalArrangement = Arrangement.spacedBy(16.dp)) {
        Text(stringResource(R.string.store_unavailable_title), style = MaterialTheme.typography.headlineSmall)
        Text(stringResource(R.string.store_unavailable_text))
        if (!sure) {
            TextButton(onClick = { sure = true }) { Text(stringResource(R.string.store_unavailable_start_over)) }
        } else {
            Text(stringResource(R.string.store_unavailable_sure))
            Button(onClick = onStartOver) { Text(stringResource(R.string.store_unavailable_start_over)) }
        }
    }
}
