package org.iopcompanion.presenters

import org.iopcompanion.core.CompanionStore
import org.iopcompanion.core.SafetyPlanAction
import org.iopcompanion.core.SafetyPlanDiffSummary
import org.iopcompanion.core.SafetyPlanScreenRecord

data class SafetyPlanState(
    /** The core's plan: seven sections, each item with its moves and links. */
    val screen: SafetyPlanScreenRecord? = null,
    /** The whole plan as text while the participant edits it that way. */
    val text: String? = null,
    /** What the last text edit changed, as the core counted it and in its words. */
    val lastTextChange: SafetyPlanDiffSummary? = null,
    val lastTextChangeSummary: String? = null,
    val problem: Problem? = null,
) {
    val loaded: Boolean get() = screen != null
}

/** The Stanley-Brown safety plan, item by item or as one text; every change is one core action. */
class SafetyPlanPresenter(private val store: CompanionStore) : Presenter<SafetyPlanState>(SafetyPlanState()) {

    /** Also the answer to every change notification. */
    fun refresh() {
        val outcome = attempt { store.safetyPlanScreen() }
        update {
            when (outcome) {
                is Outcome.Done -> it.copy(screen = outcome.value)
                is Outcome.Failed -> it.copy(problem = outcome.problem)
            }
        }
    }

    /** On an error nothing changed; an open text editor keeps the participant's text. */
    fun act(action: SafetyPlanAction): Boolean {
        update { it.copy(problem = null) }
        return when (val outcome = attempt { store.safetyPlanAct(action) }) {
            is Outcome.Done -> {
                update {
                    it.copy(
                        screen = outcome.value.screen,
                        lastTextChange = outcome.value.textChange ?: it.lastTextChange,
                        lastTextChangeSummary = outcome.value.textChangeSummary ?: it.lastTextChangeSummary,
                        text = if (action is SafetyPlanAction.ApplyText) null else it.text,
                    )
                }
                true
            }
            is Outcome.Failed -> {
                update { it.copy(problem = outcome.problem) }
                false
            }
        }
    }

    /** Opens the text editor with the plan as the core writes it (the screen's `text`). */
    fun beginTextEdit() = update { s -> s.screen?.let { s.copy(text = it.text, lastTextChange = null, lastTextChangeSummary = null) } ?: s }

    fun setText(text: String) = update { it.copy(text = text) }

    /** All or nothing: a bad line leaves the plan as it was and the text open with the problem. */
    fun applyText(): Boolean = state.value.text?.let { act(SafetyPlanAction.ApplyText(it)) } ?: false

    fun cancelTextEdit() = update { it.copy(text = null) }

    fun dismissProblem() = update { it.copy(problem = null) }
}
