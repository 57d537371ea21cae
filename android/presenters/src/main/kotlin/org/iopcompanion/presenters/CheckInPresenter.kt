package org.iopcompanion.presenters

import java.time.Clock
import org.iopcompanion.core.CheckInInput
import org.iopcompanion.core.CompanionStore
import org.iopcompanion.core.limits

data class CheckInState(
    val loaded: Boolean = false,
    /** The local date being checked in ("YYYY-MM-DD"), today as the core reckons it. */
    val date: String? = null,
    /** Whether this date already had a check-in (the screen edits it). */
    val existing: Boolean = false,
    val mood: Int? = null,
    val craving: Int? = null,
    val emotions: Set<String> = emptySet(),
    /** The core's suggestions first, then any other tag this check-in already has. */
    val emotionChoices: List<String> = emptyList(),
    val sleepHours: Double? = null,
    /** Whether the participant used today, only if they choose to say. */
    val usedToday: Boolean? = null,
    val note: String = "",
    val saving: Boolean = false,
    val saved: Boolean = false,
    /**
     * Set after a save while the daily check-in reminder is on (the core's default): the moment
     * to ask for the notification permission, tomorrow's reminder being the reason. The
     * platform asks only if it is not granted and was not refused, then calls
     * [CheckInPresenter.reminderMomentHandled].
     */
    val reminderMoment: Boolean = false,
    val problem: Problem? = null,
) {
    /** A new check-in needs a mood (the core refuses one without); everything else is optional. */
    val canSave: Boolean get() = loaded && !saving && mood != null
}

/**
 * The daily check-in, built for under 30 seconds: one tap for the mood, one for save; the
 * rest is optional. Opening it again the same day edits that day's check-in.
 */
class CheckInPresenter(
    private val store: CompanionStore,
    private val clock: Clock,
) : Presenter<CheckInState>(CheckInState()) {

    /** The note as loaded: an unchanged note is not sent, so it is never cleared by accident. */
    private var loadedNote: String? = null

    fun load() {
        val outcome = attempt {
            val date = store.today(clock.instant(), clock.zone.id).date
            date to store.checkin(date)
        }
        when (outcome) {
            is Outcome.Failed -> update { it.copy(loaded = true, problem = outcome.problem) }
            is Outcome.Done -> {
                val (date, existing) = outcome.value
                val suggested = store.suggestedEmotions()
                val own = existing?.emotions.orEmpty()
                loadedNote = existing?.note
                update {
                    CheckInState(
                        loaded = true,
                        date = date,
                        existing = existing != null,
                        mood = existing?.mood?.toInt(),
                        craving = existing?.craving?.toInt(),
                        emotions = own.toSet(),
                        emotionChoices = suggested + own.filter { it !in suggested },
                        sleepHours = existing?.sleepHours,
                        usedToday = existing?.usedToday,
                        note = existing?.note.orEmpty(),
                    )
                }
            }
        }
    }

    fun setMood(mood: Int) = edit { it.copy(mood = mood) }

    fun setCraving(craving: Int) = edit { it.copy(craving = craving) }

    fun toggleEmotion(emotion: String) = edit {
        it.copy(emotions = if (emotion in it.emotions) it.emotions - emotion else it.emotions + emotion)
    }

    /** Adds a tag of the participant's own (the core checks its length and count on save). */
    fun addEmotion(emotion: String) {
        val tag = emotion.trim()
        if (tag.isEmpty()) return
        edit {
            it.copy(
                emotions = it.emotions + tag,
                emotionChoices = if (tag in it.emotionChoices) it.emotionChoices else it.emotionChoices + tag,
            )
        }
    }

    fun setSleepHours(hours: Double) = edit { it.copy(sleepHours = hours) }

    fun setUsedToday(used: Boolean?) = edit { it.copy(usedToday = used) }

    fun setNote(note: String) = edit { it.copy(note = note) }

    /** Saves in one write. Returns whether it was saved; otherwise [CheckInState.problem] says why. */
    fun save(): Boolean {
        val current = state.value
        val date = current.date ?: return false
        if (!current.canSave) return false
        update { it.copy(saving = true, problem = null) }
        val noteChanged = current.note != (loadedNote ?: "")
        val input = CheckInInput(
            mood = current.mood?.toUByte(),
            craving = current.craving?.toUByte(),
            emotions = current.emotions.toList(),
            sleepHours = current.sleepHours,
            usedToday = current.usedToday,
            // An empty note removes the note in the core: send it only when the participant changed it.
            note = if (noteChanged) current.note else null,
        )
        return when (val outcome = attempt { store.recordCheckin(date, input) }) {
            is Outcome.Done -> {
                loadedNote = outcome.value.note
                val reminderOn = attempt { store.preferences().checkinReminder != null }
                update {
                    it.copy(
                        saving = false,
                        saved = true,
                        existing = true,
                        reminderMoment = reminderOn is Outcome.Done && reminderOn.value,
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

    fun reminderMomentHandled() = update { it.copy(reminderMoment = false) }

    fun dismissProblem() = update { it.copy(problem = null) }

    /** Any edit makes the screen unsaved again. */
    private fun edit(transform: (CheckInState) -> CheckInState) = update { transform(it).copy(saved = false) }

    companion object {
        /** The scales the core accepts, from the core itself: mood 1 (worst) to 10 (best). */
        private val LIMITS = limits()
        val MOOD_RANGE = LIMITS.moodMin.toInt()..LIMITS.moodMax.toInt()

        /** Craving 0 (none) to 10 (strongest). */
        val CRAVING_RANGE = 0..LIMITS.cravingMax.toInt()

        /** Hours slept, offered in half hours; the core stores minutes. */
        val SLEEP_MAX_HOURS = LIMITS.sleepMaxHours
        const val SLEEP_STEP_HOURS = 0.5
    }
}
