package org.iopcompanion.presenters

import java.time.LocalDate
import java.time.LocalTime
import org.iopcompanion.core.CheckInInput
import org.iopcompanion.core.SettingsAction
import org.iopcompanion.core.ClockStyle
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

class CheckInPresenterTest : StoreTest() {
    /** A tap on the mood scale's chip for [value]: one of the core's choices. */
    private fun CheckInPresenter.mood(value: Int) =
        setMood(state.value.screen!!.mood.choices.single { it.value.toInt() == value })

    /** 19:30 in New York on 2 June 2025. */
    private val clock = clockAt("2025-06-02T23:30:00Z", "America/New_York")
    private val day = LocalDate.of(2025, 6, 2)

    @Test
    fun `the form is the core's, and a mood and one save records it`() {
        val store = newStore()
        val checkIn = CheckInPresenter(store, clock)
        checkIn.load()
        val screen = requireNotNull(checkIn.state.value.screen)
        assertEquals(store.checkinScreenToday(clock.instant(), "America/New_York"), screen)
        assertEquals(day, screen.date)
        assertEquals(screen.values, checkIn.state.value.edited)
        assertFalse(checkIn.state.value.dirty)

        checkIn.mood(7)
        assertTrue(checkIn.state.value.dirty)
        assertTrue(checkIn.save())
        val s = checkIn.state.value
        assertTrue(s.saved)
        assertTrue(s.screen!!.existing)
        assertEquals(7, s.screen.values.mood?.toInt())
        assertFalse(s.dirty)
        assertEquals(7, store.checkin(day)?.mood?.toInt())
        assertNull(store.checkin(day)?.craving)
    }

    @Test
    fun `it asks for notifications exactly when the core says so`() {
        val store = newStore()
        val checkIn = CheckInPresenter(store, clock)
        checkIn.load()
        checkIn.mood(5)
        checkIn.save()
        val asked = checkIn.state.value.askNotificationPermission
        checkIn.permissionAsked()
        assertFalse(checkIn.state.value.askNotificationPermission)

        store.settingsAct(SettingsAction.SetCheckinReminder(null), ClockStyle.TWENTY_FOUR_HOUR)
        checkIn.mood(6)
        checkIn.save()
        // With the daily reminder off there is no reminder to ask for; with it on (the default) there is.
        assertTrue(asked)
        assertFalse(checkIn.state.value.askNotificationPermission)
        store.settingsAct(SettingsAction.SetCheckinReminder(LocalTime.of(21, 0)), ClockStyle.TWENTY_FOUR_HOUR)
    }

    @Test
    fun `a field another device changed while the form was open survives the save`() {
        val store = newStore()
        store.recordCheckin(day, CheckInInput(mood = 5u, note = "morning"))
        val checkIn = CheckInPresenter(store, clock)
        checkIn.load()
        checkIn.mood(8)
        // A sync merges the tablet's craving meanwhile; the open form is being edited, so it keeps its edits.
        store.recordCheckin(day, CheckInInput(craving = 3u))
        checkIn.changed()
        assertEquals(8, checkIn.state.value.edited?.mood?.toInt())
        assertTrue(checkIn.save())
        val saved = requireNotNull(store.checkin(day))
        assertEquals(8, saved.mood.toInt())
        assertEquals(3, saved.craving?.toInt(), "the tablet's answer is not written over")
        assertEquals("morning", saved.note)
    }

    @Test
    fun `an untouched form follows changes, and what the participant unsets is cleared`() {
        val store = newStore()
        store.recordCheckin(day, CheckInInput(mood = 5u, craving = 4u, sleepHours = 7.0, usedToday = false))
        val checkIn = CheckInPresenter(store, clock)
        checkIn.load()
        store.recordCheckin(day, CheckInInput(mood = 6u))
        checkIn.changed()
        assertEquals(6, checkIn.state.value.screen?.values?.mood?.toInt())
        assertEquals(6, checkIn.state.value.edited?.mood?.toInt())

        checkIn.setCraving(null)
        checkIn.setSleep(null)
        checkIn.setUsedToday(checkIn.state.value.screen!!.usedTodayChoices.single { it.value == null })
        assertTrue(checkIn.save())
        val saved = requireNotNull(store.checkin(day))
        assertNull(saved.craving)
        assertNull(saved.sleepHours)
        assertNull(saved.usedToday)
        assertEquals(6, saved.mood.toInt())
    }

    @Test
    fun `what the core refuses is shown with its words, and every edit stays`() {
        val store = newStore()
        val checkIn = CheckInPresenter(store, clock)
        checkIn.load()
        val tooLong = "x".repeat(checkIn.state.value.screen!!.emotionMaxChars.toInt() + 1)
        checkIn.mood(6)
        checkIn.toggleEmotion("tired")
        checkIn.addEmotion("homesick")
        checkIn.addEmotion(tooLong)
        checkIn.setNote("Hard day.")
        assertEquals(listOf("homesick", tooLong), checkIn.state.value.emotionChoices.takeLast(2))
        assertFalse(checkIn.save())
        val s = checkIn.state.value
        assertEquals(Problem.Kind.INVALID_INPUT, s.problem?.kind)
        assertTrue(s.problem!!.detail.isNotEmpty())
        assertFalse(s.saving)
        assertEquals(listOf("tired", "homesick", tooLong), s.edited?.emotions)
        assertEquals("Hard day.", s.edited?.note)
        assertEquals(6, s.edited?.mood?.toInt())
        assertNull(store.checkin(day))

        checkIn.toggleEmotion(tooLong)
        assertTrue(checkIn.save(), checkIn.state.value.problem?.detail)
        assertEquals(setOf("tired", "homesick"), store.checkin(day)?.emotions?.toSet())
        assertEquals("Hard day.", store.checkin(day)?.note)
    }

    @Test
    fun `sleep is picked from the core's choices, with its words, and the scales come with their ends`() {
        val store = newStore()
        store.recordCheckin(day, CheckInInput(mood = 5u, sleepHours = 7.5))
        val checkIn = CheckInPresenter(store, clock)
        checkIn.load()
        val screen = requireNotNull(checkIn.state.value.screen)
        // Both ends of each scale in words, not numbers.
        listOf(screen.mood, screen.craving).forEach { scale ->
            assertTrue(scale.minLabel.isNotBlank() && scale.maxLabel.isNotBlank() && scale.minLabel != scale.maxLabel, scale.toString())
        }
        val choices = screen.sleepChoices
        assertEquals(screen.sleepMinHours, choices.first().hours)
        assertEquals(screen.sleepMaxHours, choices.last().hours)

        // The recorded 7.5 hours sit at their choice, in the core's words.
        val opened = requireNotNull(checkIn.state.value.sleepIndex)
        assertEquals(7.5, choices[opened].hours)
        assertEquals(choices[opened].label, checkIn.state.value.sleepLabel)

        val six = choices.first { it.hours == 6.0 }
        checkIn.setSleep(six)
        assertEquals(choices.indexOf(six), checkIn.state.value.sleepIndex)
        assertEquals(six.label, checkIn.state.value.sleepLabel)
        assertTrue(checkIn.save())
        assertEquals(6.0, store.checkin(day)?.sleepHours)

        checkIn.setSleep(null)
        assertNull(checkIn.state.value.sleepIndex)
        // Unset: the core's words for no answer beside the picker.
        assertEquals(screen.sleepUnsetLabel, checkIn.state.value.sleepLabel)
        assertTrue(screen.sleepUnsetLabel.isNotBlank())

        // A night recorded elsewhere, off the picker's step, has its own place among the choices.
        store.recordCheckin(day, CheckInInput(sleepHours = 7.25))
        val other = CheckInPresenter(store, clock)
        other.load()
        assertEquals(7.25, other.state.value.edited?.sleepHours)
        val offStep = requireNotNull(other.state.value.sleepIndex)
        val offChoices = other.state.value.screen!!.sleepChoices
        assertEquals(7.25, offChoices[offStep].hours)
        assertTrue(offChoices[offStep - 1].hours < 7.25 && offChoices[offStep + 1].hours > 7.25, offChoices.toString())
        assertEquals(offChoices[offStep].label, other.state.value.sleepLabel)
        assertTrue(other.state.value.sleepLabel != screen.sleepUnsetLabel)
        // Saving untouched keeps it as it was.
        other.mood(5)
        assertTrue(other.save())
        assertEquals(7.25, store.checkin(day)?.sleepHours)
    }

    @Test
    fun `the scales, their choices and the used-today answers are the core's, each with its words`() {
        val store = newStore()
        val checkIn = CheckInPresenter(store, clock)
        checkIn.load()
        val screen = requireNotNull(checkIn.state.value.screen)
        // Each scale's heading and every value with its figure, from the core.
        listOf(screen.mood, screen.craving).forEach { scale ->
            assertTrue(scale.name.isNotBlank(), scale.toString())
            assertEquals((scale.min..scale.max).map { it.toUByte() }, scale.choices.map { it.value })
            assertTrue(scale.choices.all { it.label.isNotBlank() }, scale.choices.toString())
        }
        assertTrue(screen.mood.name != screen.craving.name)

        // The craving slider: one stop per choice, its words beside it; unset has no place.
        assertNull(checkIn.state.value.cravingIndex)
        assertNull(checkIn.state.value.cravingLabel)
        val high = screen.craving.choices.last()
        checkIn.setCraving(high)
        assertEquals(screen.craving.choices.lastIndex, checkIn.state.value.cravingIndex)
        assertEquals(high.label, checkIn.state.value.cravingLabel)

        // "Used today?": no answer, no, yes, in the core's order and words; no answer to start.
        val used = screen.usedTodayChoices
        assertEquals(listOf(null, false, true), used.map { it.value })
        assertTrue(used.all { it.label.isNotBlank() } && used.map { it.label }.toSet().size == 3, used.toString())
        assertEquals(used.single { it.value == null }, checkIn.state.value.usedToday)
        val yes = used.single { it.value == true }
        checkIn.setUsedToday(yes)
        assertEquals(yes, checkIn.state.value.usedToday)

        checkIn.mood(4)
        assertTrue(checkIn.save())
        val saved = requireNotNull(store.checkin(day))
        assertEquals(true, saved.usedToday)
        assertEquals(high.value, saved.craving)
        assertEquals(yes, checkIn.state.value.usedToday, "the saved form shows the saved answer")
        checkIn.setUsedToday(used.single { it.value == false })
        assertTrue(checkIn.save())
        assertEquals(false, store.checkin(day)?.usedToday)
    }

    @Test
    fun `another day's check-in opens by its date`() {
        val store = newStore()
        store.recordCheckin(LocalDate.of(2025, 5, 30), CheckInInput(mood = 3u))
        val checkIn = CheckInPresenter(store, clock)
        checkIn.load(LocalDate.of(2025, 5, 30))
        assertEquals(LocalDate.of(2025, 5, 30), checkIn.state.value.screen?.date)
        assertEquals(3, checkIn.state.value.edited?.mood?.toInt())
    }
}
