package org.iopcompanion.presenters

import org.iopcompanion.core.CompanionStore
import org.iopcompanion.core.Role
import org.iopcompanion.core.SafetyItemInput
import org.iopcompanion.core.SafetyPlanDiffSummary
import org.iopcompanion.core.SafetySection

data class SafetyPlanState(
    val loaded: Boolean = false,
    /** All seven sections, in the plan's order, empty ones too. */
    val sections: List<SectionView> = emptyList(),
    /** Contacts an item of sections 3 to 5 may link. */
    val linkable: List<LinkableContact> = emptyList(),
    /** The whole plan as text, while the participant edits it that way. */
    val text: String? = null,
    val lastTextChange: SafetyPlanDiffSummary? = null,
    val problem: Problem? = null,
)

data class SectionView(
    val section: SafetySection,
    val number: Int,
    val title: String,
    /** What goes here, shown while the section is empty. */
    val prompt: String,
    val allowsContacts: Boolean,
    val items: List<ItemView>,
)

data class ItemView(
    val id: String,
    /** What to show: the participant's words, else the linked contact's name. */
    val label: String,
    val text: String?,
    val contactId: String?,
    val contactPhone: String?,
    /** Calls, texts… for a linked contact that still exists. */
    val actions: List<ContactAction>,
    val canMoveUp: Boolean,
    val canMoveDown: Boolean,
)

data class LinkableContact(val id: String, val name: String, val role: Role)

/** The Stanley-Brown safety plan, item by item, or as one text. */
class SafetyPlanPresenter(private val store: CompanionStore) : Presenter<SafetyPlanState>(SafetyPlanState()) {

    fun refresh() {
        val outcome = attempt {
            val plan = store.safetyPlan()
            val sections = plan.sections.map { s ->
                SectionView(
                    section = s.section,
                    number = s.number.toInt(),
                    title = s.title,
                    prompt = s.prompt,
                    allowsContacts = s.allowsContacts,
                    items = s.items.mapIndexed { index, item ->
                        ItemView(
                            id = item.id,
                            label = item.label,
                            text = item.text,
                            contactId = item.contactId,
                            contactPhone = item.contactPhone,
                            // A removed contact keeps its id on the item but has no actions.
                            actions = item.contactId?.takeIf { item.contactName != null }
                                ?.let { id -> store.contactActions(id, null).map { it.toAction() } }
                                .orEmpty(),
                            canMoveUp = index > 0,
                            canMoveDown = index < s.items.size - 1,
                        )
                    },
                )
            }
            sections to store.contacts().map { LinkableContact(it.id, it.name, it.role) }
        }
        update { old ->
            when (outcome) {
                is Outcome.Done -> old.copy(loaded = true, sections = outcome.value.first, linkable = outcome.value.second)
                is Outcome.Failed -> old.copy(loaded = true, problem = outcome.problem)
            }
        }
    }

    fun add(section: SafetySection, text: String?, contactId: String? = null): Boolean =
        act { store.addSafetyItem(section, SafetyItemInput(text = text?.trim()?.ifEmpty { null }, contactId = contactId)) }

    /** Changes the item's words; an empty text removes them (the core keeps a linked contact). */
    fun editText(id: String, text: String): Boolean = act { store.editSafetyItem(id, SafetyItemInput(text = text.trim())) }

    fun moveUp(id: String): Boolean = move(id, -1)

    fun moveDown(id: String): Boolean = move(id, +1)

    /** Moves an item to another section (at its end). */
    fun moveTo(id: String, section: SafetySection): Boolean = act { store.moveSafetyItem(id, section, UInt.MAX_VALUE) }

    fun remove(id: String): Boolean = act { store.removeSafetyItem(id) }

    /** Opens the whole-plan text editor with the plan as it is now. */
    fun beginTextEdit() {
        when (val outcome = attempt { store.safetyPlanText() }) {
            is Outcome.Done -> update { it.copy(text = outcome.value, lastTextChange = null) }
            is Outcome.Failed -> update { it.copy(problem = outcome.problem) }
        }
    }

    fun setText(text: String) = update { it.copy(text = text) }

    /** Applies the edited text, all or nothing; on a bad line the text stays open with the problem. */
    fun applyText(): Boolean {
        val text = state.value.text ?: return false
        return when (val outcome = attempt { store.applySafetyPlanText(text) }) {
            is Outcome.Done -> {
                update { it.copy(text = null, lastTextChange = outcome.value) }
                refresh()
                true
            }
            is Outcome.Failed -> {
                update { it.copy(problem = outcome.problem) }
                false
            }
        }
    }

    fun cancelTextEdit() = update { it.copy(text = null) }

    fun open(action: ContactAction): PlatformRequest.OpenUri = PlatformRequest.OpenUri(action.uri, action.kind)

    fun dismissProblem() = update { it.copy(problem = null) }

    private fun move(id: String, by: Int): Boolean {
        val section = state.value.sections.firstOrNull { s -> s.items.any { it.id == id } } ?: return false
        val index = section.items.indexOfFirst { it.id == id } + by
        if (index < 0 || index >= section.items.size) return false
        return act { store.moveSafetyItem(id, null, index.toUInt()) }
    }

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
