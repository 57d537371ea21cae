package org.iopcompanion.app.ui

import androidx.compose.runtime.Composable
import androidx.lifecycle.ViewModel
import androidx.lifecycle.viewModelScope
import androidx.lifecycle.viewmodel.compose.viewModel
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.launch

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
