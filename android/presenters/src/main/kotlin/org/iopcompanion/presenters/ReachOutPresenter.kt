package org.iopcompanion.presenters

import org.iopcompanion.core.CompanionStore
import org.iopcompanion.core.ContactInput
import org.iopcompanion.core.CrisisLineSource
import org.iopcompanion.core.Role
import org.iopcompanion.core.suggestedReachOutMessage

data class ReachOutState(
    val loaded: Boolean = false,
    /** Always first; built in, so never empty and available offline. */
    val crisisLines: List<CrisisLineItem> = emptyList(),
    val favourites: List<PersonItem> = emptyList(),
    val others: List<PersonItem> = emptyList(),
    /** Whether texts open with [message] filled in. */
    val prefillMessage: Boolean = true,
    val message: String = "",
    val problem: Problem? = null,
)

data class CrisisLineItem(
    val id: String,
    val name: String,
    val about: String?,
    val source: CrisisLineSource,
    /** Emergency services, for immediate danger: shown apart. */
    val emergency: Boolean,
    val actions: List<ContactAction>,
)

data class PersonItem(
    val id: String,
    val name: String,
    val role: Role,
    val favourite: Boolean,
    /** The program's contacts are read-only. */
    val fromProgram: Boolean,
    val actions: List<ContactAction>,
)

/** A person the participant adds to reach out to; the core checks the number for their country. */
data class ContactDraft(
    val name: String,
    val role: Role = Role.OTHER,
    val phone: String? = null,
    val email: String? = null,
    val favourite: Boolean = false,
)

/**
 * Crisis lines first, then favourites, then everyone else; a tap opens the action's link. The
 * participant's own contacts are added, starred and removed here; the program's are read-only.
 */
class ReachOutPresenter(private val store: CompanionStore) : Presenter<ReachOutState>(
    ReachOutState(message = suggestedReachOutMessage()),
) {

    fun refresh() {
        val current = state.value
        val message = current.message.takeIf { current.prefillMessage && it.isNotBlank() }
        when (val outcome = attempt { store.reachOut(message) }) {
            is Outcome.Failed -> update { it.copy(loaded = true, problem = outcome.problem) }
            is Outcome.Done -> {
                val r = outcome.value
                update {
                    it.copy(
                        loaded = true,
                        crisisLines = r.crisisLines.map { l ->
                            CrisisLineItem(l.id, l.name, l.about, l.source, l.emergency, l.actions.map { a -> a.toAction() })
                        },
                        favourites = r.favourites.map { c ->
                            PersonItem(c.id, c.name, c.role, c.favourite, c.programId != null, c.actions.map { a -> a.toAction() })
                        },
                        others = r.others.map { c ->
                            PersonItem(c.id, c.name, c.role, c.favourite, c.programId != null, c.actions.map { a -> a.toAction() })
                        },
                    )
                }
            }
        }
    }

    /** The texts' prefilled words change the links, so the list is asked for again. */
    fun setPrefillMessage(prefill: Boolean) {
        update { it.copy(prefillMessage = prefill) }
        refresh()
    }

    fun setMessage(message: String) {
        update { it.copy(message = message) }
        refresh()
    }

    fun addContact(draft: ContactDraft): Boolean = act {
        store.addContact(
            ContactInput(
                name = draft.name,
                role = draft.role,
                phone = draft.phone?.takeIf { it.isNotBlank() },
                email = draft.email?.takeIf { it.isNotBlank() },
                favourite = draft.favourite,
            ),
        )
    }

    fun setFavourite(id: String, favourite: Boolean): Boolean =
        act { store.editContact(id, ContactInput(favourite = favourite)) }

    fun removeContact(id: String): Boolean = act { store.removeContact(id) }

    /** What the platform opens for a tap: the core's own `tel:` / `sms:` / `mailto:` link. */
    fun open(action: ContactAction): PlatformRequest.OpenUri = PlatformRequest.OpenUri(action.uri, action.kind)

    fun dismissProblem() = update { it.copy(problem = null) }

    private fun act(change: () -> Unit): Boolean {
        val outcome = attempt(change)
        if (outcome is Outcome.Failed) {
            update { it.copy(problem = outcome.problem) }
            return false
        }
        refresh()
        return true
    }
}
