package org.iopcompanion.presenters

import org.iopcompanion.core.CompanionStore
import org.iopcompanion.core.ContactFormRecord
import org.iopcompanion.core.ContactValuesRecord
import org.iopcompanion.core.ReachOutAction
import org.iopcompanion.core.ReachOutContactRecord
import org.iopcompanion.core.ReachOutScreenRecord
import org.iopcompanion.core.suggestedReachOutMessage

/** Which dialog Reach out shows. */
sealed interface ReachOutDialog {
    /** The core's contact form ([form], opened with its values) and the form as it is now ([edited]). */
    data class ContactForm(val form: ContactFormRecord, val edited: ContactValuesRecord) : ReachOutDialog

    data class ConfirmRemove(val contact: ReachOutContactRecord) : ReachOutDialog
}

data class ReachOutState(
    /** The core's list: crisis lines first, favourites, everyone else, each with its links. */
    val screen: ReachOutScreenRecord? = null,
    /** Whether texts open with [message] filled in. */
    val prefill: Boolean = true,
    /** The words texts open with; the core's suggestion until the participant types their own. */
    val message: String = suggestedReachOutMessage(),
    val dialog: ReachOutDialog? = null,
    val problem: Problem? = null,
) {
    val loaded: Boolean get() = screen != null
}

/** Crisis lines, then the participant's people; adding, editing, starring and removing them. */
class ReachOutPresenter(private val store: CompanionStore) : Presenter<ReachOutState>(ReachOutState()) {

    /** Also the answer to every change notification. */
    fun refresh() {
        val outcome = attempt { store.reachOutScreen(prefilled()) }
        update {
            when (outcome) {
                is Outcome.Done -> it.copy(screen = outcome.value)
                is Outcome.Failed -> it.copy(problem = outcome.problem)
            }
        }
    }

    /** The texts' words change the links, so the screen is asked for again. */
    fun setPrefill(prefill: Boolean) {
        update { it.copy(prefill = prefill) }
        refresh()
    }

    fun setMessage(message: String) {
        update { it.copy(message = message) }
        refresh()
    }

    /** One change; on an error nothing changed and the dialog keeps its input. */
    fun act(action: ReachOutAction): Boolean {
        update { it.copy(problem = null) }
        return when (val outcome = attempt { store.reachOutAct(action, prefilled()) }) {
            is Outcome.Done -> {
                update { it.copy(screen = outcome.value, dialog = null) }
                true
            }
            is Outcome.Failed -> {
                update { it.copy(problem = outcome.problem) }
                false
            }
        }
    }

    /** The core's form for one of the participant's contacts, or a new one ([contactId] null). */
    fun openContactForm(contactId: String?): Boolean =
        when (val outcome = attempt { store.contactForm(contactId) }) {
            is Outcome.Done -> {
                update { it.copy(dialog = ReachOutDialog.ContactForm(outcome.value, outcome.value.values), problem = null) }
                true
            }
            is Outcome.Failed -> {
                update { it.copy(problem = outcome.problem) }
                false
            }
        }

    fun editContactForm(transform: (ContactValuesRecord) -> ContactValuesRecord) = update { s ->
        (s.dialog as? ReachOutDialog.ContactForm)?.let { s.copy(dialog = it.copy(edited = transform(it.edited))) } ?: s
    }

    /** Sends the form as it opened and as it is; the core writes only what changed. */
    fun saveContactForm(): Boolean {
        val open = state.value.dialog as? ReachOutDialog.ContactForm ?: return false
        return act(ReachOutAction.SaveContactForm(open.form.contactId, open.form.values, open.edited))
    }

    fun open(dialog: ReachOutDialog?) = update { it.copy(dialog = dialog, problem = null) }

    fun dismissProblem() = update { it.copy(problem = null) }

    private fun prefilled(): String? = state.value.let { s -> if (s.prefill) s.message else null }
}
