package org.iopcompanion.presenters

import java.time.Clock
import java.time.LocalDate
import org.iopcompanion.core.CheckInScreenRecord
import org.iopcompanion.core.CheckInValuesRecord
import org.iopcompanion.core.CompanionStore
import org.iopcompanion.core.ScaleChoiceRecord
import org.iopcompanion.core.SleepChoiceRecord
import org.iopcompanion.core.UsedTodayChoiceRecord

data class CheckInState(
    /** The core's form: the date, the values it opened with, the scales and their ends, the choices, the limits. */
    val screen: CheckInScreenRecord? = null,
    /** The form as the participant has it now; saved against [CheckInScreenRecord.values]. */
    val edited: CheckInValuesRecord? = null,
    val saving: Boolean = false,
    val saved: Boolean = false,
    /**
     * The core said this save is the moment to ask for notification permission (the daily
     * reminder is on). The platform asks if it still can, then calls [CheckInPresenter.permissionAsked].
     */
    val askNotificationPermission: Boolean = false,
    val problem: Problem? = null,
) {
    val loaded: Boolean get() = screen != null

    /** Whether the participant changed anything since the form opened. */
    val dirty: Boolean get() = screen != null && edited != screen.values

    /** The core's choices, then the participant's own feelings on this check-in. */
    val emotionChoices: List<String>
        get() {
            val choices = screen?.emotionChoices.orEmpty()
            return choices + edited?.emotions.orEmpty().filter { it !in choices }
        }

    /**
     * Which of the core's sleep choices the form holds (the picker's position); `null` when
     * sleep is not set. The core's choices hold a night off their step too (7.25 h recorded
     * elsewhere), so a set value always has its place.
     */
    val sleepIndex: Int?
        get() {
            val hours = edited?.sleepHours ?: return null
            return screen?.sleepChoices?.indexOfFirst { it.hours == hours }?.takeIf { it >= 0 }
        }

    /** The chosen sleep in the core's words ("7h30"), or its words for no answer. */
    val sleepLabel: String?
        get() = sleepIndex?.let { screen?.sleepChoices?.get(it)?.label } ?: screen?.sleepUnsetLabel?.takeIf { edited?.sleepHours == null }

    /** Which of the craving scale's choices the form holds (the slider's position); `null` when unset. */
    val cravingIndex: Int?
        get() {
            val craving = edited?.craving ?: return null
            return screen?.craving?.choices?.indexOfFirst { it.value == craving }?.takeIf { it >= 0 }
        }

    /** The chosen craving in the core's words, beside the slider. */
    val cravingLabel: String? get() = cravingIndex?.let { screen?.craving?.choices?.get(it)?.label }

    /** Which of the core's "Used today?" choices is the form's (no answer is one of them). */
    val usedToday: UsedTodayChoiceRecord?
        get() = edited?.let { values -> screen?.usedTodayChoices?.firstOrNull { it.value == values.usedToday } }
}

/**
 * The daily check-in. The form opens with the core's values; saving sends those and the
 * edited ones, and the core writes only what changed (a field another device changed
 * meanwhile keeps that change).
 */
class CheckInPresenter(
    private val store: CompanionStore,
    private val clock: Clock,
) : Presenter<CheckInState>(CheckInState()) {

    /** Today's check-in (the core reckons the date), or [date]'s. */
    fun load(date: LocalDate? = null) {
        val outcome = attempt {
            if (date == null) store.checkinScreenToday(clock.instant(), clock.zone.id) else store.checkinScreen(date, clock.instant(), clock.zone.id)
        }
        update {
            when (outcome) {
                is Outcome.Done -> CheckInState(screen = outcome.value, edited = outcome.value.values)
                is Outcome.Failed -> it.copy(problem = outcome.problem)
            }
        }
    }

    /**
     * A change was saved (here or by a sync): an untouched form shows the new values; one the
     * participant is editing keeps its edits and the values it opened with, so the save still
     * writes only what they changed.
     */
    fun changed() {
        val s = state.value
        if (s.saving || s.dirty) return
        load(s.screen?.date)
    }

    /** One of the mood scale's `choices`. */
    fun setMood(choice: ScaleChoiceRecord) = edit { it.copy(mood = choice.value) }

    /** One of the craving scale's `choices`, or `null` to leave it unanswered. */
    fun setCraving(choice: ScaleChoiceRecord?) = edit { it.copy(craving = choice?.value) }

    fun toggleEmotion(emotion: String) = edit {
        it.copy(emotions = if (emotion in it.emotions) it.emotions - emotion else it.emotions + emotion)
    }

    /** A feeling in the participant's own words (the core checks its length and the count on save). */
    fun addEmotion(emotion: String) {
        if (emotion.isBlank()) return
        edit { if (emotion in it.emotions) it else it.copy(emotions = it.emotions + emotion) }
    }

    /** One of the screen's `sleepChoices`, or `null` to leave sleep unset. */
    fun setSleep(choice: SleepChoiceRecord?) = edit { it.copy(sleepHours = choice?.hours) }

    /** One of the screen's `usedTodayChoices` (no answer among them). */
    fun setUsedToday(choice: UsedTodayChoiceRecord) = edit { it.copy(usedToday = choice.value) }

    fun setNote(note: String) = edit { it.copy(note = note) }

    /** Returns whether it was saved; otherwise the form keeps every edit and shows the problem. */
    fun save(): Boolean {
        val current = state.value
        val screen = current.screen ?: return false
        val edited = current.edited ?: return false
        update { it.copy(saving = true, problem = null) }
        return when (val outcome = attempt { store.saveCheckinForm(screen.date, screen.values, edited, clock.instant(), clock.zone.id) }) {
            is Outcome.Done -> {
                val result = outcome.value
                update {
                    CheckInState(
                        screen = result.screen,
                        edited = result.screen.values,
                        saved = true,
                        askNotificationPermission = result.askNotificationPermission,
                    )
                }
                true
            }
            is Outcome.Failed -> {
                update { it.copy(saving = false, problem = outcome.problem) }
                false
            }
        }
    }

    fun permissionAsked() = update { it.copy(askNotificationPermission = false) }

    fun dismissProblem() = update { it.copy(problem = null) }

    private fun edit(transform: (CheckInValuesRecord) -> CheckInValuesRecord) =
        update { s -> s.edited?.let { s.copy(edited = transform(it), saved = false) } ?: s }
}
