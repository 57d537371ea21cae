package org.iopcompanion.presenters

import org.iopcompanion.core.CheckInInput
import org.iopcompanion.core.PreferencesInput
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

class CheckInPresenterTest : StoreTest() {
    private val clock = clockAt("2025-06-02T23:30:00Z", "America/New_York")

    @Test
    fun `the fast path is a mood and one save`() {
        val store = newStore()
        val checkIn = CheckInPresenter(store, clock)
        checkIn.load()
        val fresh = checkIn.state.value
        assertEquals("2025-06-02", fresh.date)
        assertFalse(fresh.existing)
        assertNull(fresh.mood)
        assertFalse(fresh.canSave, "a new check-in needs a mood")
        assertTrue(fresh.emotionChoices.containsAll(store.suggestedEmotions()))

        checkIn.setMood(7)
        assertTrue(checkIn.state.value.canSave)
        assertTrue(checkIn.save())
        assertTrue(checkIn.state.value.saved)
        assertTrue(checkIn.state.value.existing)
        // The daily reminder is on by default: tomorrow's is why notifications are asked for now.
        assertTrue(checkIn.state.value.reminderMoment)
        checkIn.reminderMomentHandled()
        assertFalse(checkIn.state.value.reminderMoment)

        val saved = store.checkin("2025-06-02")
        requireNotNull(saved)
        assertEquals(7, saved.mood.toInt())
        assertNull(saved.craving)
        assertEquals(emptyList<String>(), saved.emotions)
        assertNull(saved.sleepHours)
        assertNull(saved.usedToday)
        assertNull(saved.note)
        assertEquals(1, store.checkins(null, null).size)
    }

    @Test
    fun `everything optional is saved, and opening it again edits the same day`() {
        val store = newStore()
        val checkIn = CheckInPresenter(store, clock)
        checkIn.load()
        checkIn.setMood(4)
        checkIn.setCraving(6)
        checkIn.toggleEmotion("anxious")
        checkIn.toggleEmotion("tired")
        checkIn.toggleEmotion("anxious")
        checkIn.addEmotion("  homesick ")
        checkIn.setSleepHours(6.5)
        checkIn.setUsedToday(false)
        checkIn.setNote("Hard day at work.")
        assertTrue(checkIn.save())

        val saved = store.checkin("2025-06-02")
        requireNotNull(saved)
        assertEquals(4, saved.mood.toInt())
        assertEquals(6, saved.craving?.toInt())
        assertEquals(setOf("tired", "homesick"), saved.emotions.toSet())
        assertEquals(6.5, saved.sleepHours)
        assertEquals(false, saved.usedToday)
        assertEquals("Hard day at work.", saved.note)

        val again = CheckInPresenter(store, clock)
        again.load()
        val s = again.state.value
        assertTrue(s.existing)
        assertEquals(4, s.mood)
        assertEquals(6, s.craving)
        assertEquals(setOf("tired", "homesick"), s.emotions)
        assertTrue("homesick" in s.emotionChoices, "the participant's own tag is offered again")
        assertEquals(6.5, s.sleepHours)
        assertEquals("Hard day at work.", s.note)
        assertTrue(s.canSave)
    }

    @Test
    fun `an untouched note is kept, and clearing it removes it`() {
        val store = newStore()
        store.recordCheckin("2025-06-02", CheckInInput(mood = 5u, note = "Keep me."))
        val checkIn = CheckInPresenter(store, clock)
        checkIn.load()
        checkIn.setMood(8)
        assertTrue(checkIn.save())
        assertEquals("Keep me.", store.checkin("2025-06-02")?.note)
        assertEquals(8, store.checkin("2025-06-02")?.mood?.toInt())

        store.editPreferences(PreferencesInput(checkinReminder = "off"))
        checkIn.setNote("")
        assertFalse(checkIn.state.value.saved, "an edit makes it unsaved")
        assertTrue(checkIn.save())
        assertNull(store.checkin("2025-06-02")?.note)
        assertFalse(checkIn.state.value.reminderMoment, "no reminder, no reason to ask")
    }

    @Test
    fun `what the core refuses is shown, and nothing is saved`() {
        val store = newStore()
        val checkIn = CheckInPresenter(store, clock)
        checkIn.load()
        checkIn.setMood(6)
        checkIn.addEmotion("x".repeat(40))
        assertFalse(checkIn.save())
        val s = checkIn.state.value
        assertEquals(Problem.Kind.INVALID_INPUT, s.problem?.kind)
        assertTrue(s.problem?.detail.orEmpty().contains("emotion"), s.problem?.detail)
        assertFalse(s.saving)
        assertFalse(s.saved)
        assertNull(store.checkin("2025-06-02"))

        checkIn.setMood(CheckInPresenter.MOOD_RANGE.last + 1)
        checkIn.toggleEmotion("x".repeat(40))
        assertFalse(checkIn.save())
        assertEquals(Problem.Kind.INVALID_INPUT, checkIn.state.value.problem?.kind)
        assertNull(store.checkin("2025-06-02"))
    }

    @Test
    fun `the scales offered are the ones the core accepts`() {
        val store = newStore()
        for (mood in CheckInPresenter.MOOD_RANGE) {
            store.recordCheckin("2025-06-02", CheckInInput(mood = mood.toUByte()))
        }
        for (craving in CheckInPresenter.CRAVING_RANGE) {
            store.recordCheckin("2025-06-02", CheckInInput(craving = craving.toUByte()))
        }
        val checkIn = CheckInPresenter(store, clock)
        checkIn.load()
        checkIn.setMood(CheckInPresenter.MOOD_RANGE.first - 1)
        assertFalse(checkIn.save())
        checkIn.setMood(5)
        checkIn.setCraving(CheckInPresenter.CRAVING_RANGE.last + 1)
        assertFalse(checkIn.save())
        checkIn.setCraving(0)
        checkIn.setSleepHours(CheckInPresenter.SLEEP_MAX_HOURS)
        assertTrue(checkIn.save(), checkIn.state.value.problem?.detail)
    }
}
