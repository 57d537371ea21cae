package org.iopcompanion.app.ui

import androidx.activity.compose.LocalActivity
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.remember
import androidx.compose.ui.platform.LocalContext
import androidx.lifecycle.ViewModel
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import androidx.lifecycle.viewModelScope
import androidx.lifecycle.viewmodel.compose.viewModel
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.launch
import org.iopcompanion.app.platform.AndroidPhone
import org.iopcompanion.app.platform.AppGraph
import org.iopcompanion.presenters.Phone
import org.iopcompanion.presenters.PickerLabels

/**
 * Keeps a presenter across configuration changes and runs its actions off the main thread
 * (they call the store). The presenter's state flow carries every result back to the screen.
 */
class PresenterViewModel<P : Any>(val presenter: P) : ViewModel() {
    fun act(action: suspend P.() -> Unit) {
        viewModelScope.launch(Dispatchers.IO) { presenter.action() }
    }
}

@Composable
inline fun <reified P : Any> presenter(key: String, noinline create: () -> P): PresenterViewModel<P> =
    viewModel(key = key) { PresenterViewModel(create()) }

/** This phone, for the presenters that need its clock style, facts and held reminders. */
@Composable
fun rememberPhone(graph: AppGraph): Phone {
    val context = LocalContext.current
    val activity = LocalActivity.current
    return remember(graph) { AndroidPhone(context.applicationContext, graph) { activity } }
}

/** The date and time pickers' buttons, in the core's words for the phone's today and clock style. */
@Composable
fun rememberPickerLabels(graph: AppGraph): PickerLabels {
    val phone = rememberPhone(graph)
    return remember(graph, phone) { PickerLabels(graph.clock, phone) }
}

/** Runs [refresh] now and after every change the store saves (here, or from a sync). */
@Composable
fun RefreshOnChange(graph: AppGraph, refresh: () -> Unit) {
    val changes by graph.changes.collectAsStateWithLifecycle()
    LaunchedEffect(changes) { refresh() }
}
