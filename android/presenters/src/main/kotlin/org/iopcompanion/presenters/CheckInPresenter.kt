package org.iopcompanion.presenters

import java.time.Clock
import java.time.LocalDate
import org.iopcompanion.core.CheckInScreenRecord
import org.iopcompanion.core.CheckInValuesRecord
import org.iopcompanion.core.CompanionStore
import org.iopcompanion.core.SleepChoiceRecord

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
     * sleep is not set, or holds a value none of the choices has (recorded elsewhere).
     */
    val sleepIndex: Int?
        get() {
            val hours = edited?.sleepHours ?: return null
            return screen?.sleepChoices?.indexOfFirst { it.hours == hours }?.takeIf { it >= 0 }
        }

    /** The chosen sleep in the core's words ("7h30"), beside the picker. */
    val sleepLabel: String? get() = sleepIndex?.let { screen?.sleepChoices?.get(it)?.label }
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

    fun setMood(mood: UByte?) = edit { it.copy(mood = mood) }

    fun setCraving(craving: UByte?) = edit { it.copy(craving = craving) }

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

    fun setUsedToday(used: Boolean?) = edit { it.copy(usedToday = used) }

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
