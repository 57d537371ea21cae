package org.iopcompanion.presenters

import java.time.LocalDate
import org.iopcompanion.core.CheckInInput
import org.iopcompanion.core.CompanionStore
import org.iopcompanion.core.ContactInput
import org.iopcompanion.core.NudgeReason
import org.iopcompanion.core.Role
import org.iopcompanion.core.Trend
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

class InsightsPresenterTest : StoreTest() {
    /** Thursday 5 June 2025, noon in New York, not checked in yet. */
    private val clock = clockAt("2025-06-05T16:00:00Z", "America/New_York")

    /**
     * Sun 1 June mood 6 craving 2 slept 7.5 h, Tue 3 June mood 4 craving 8 slept 5 h, Wed 4 June
     * mood 5 craving 8; Monday 2 June missed.
     */
    private fun CompanionStore.threeCheckins() {
        recordCheckin("2025-06-01", CheckInInput(mood = 6u, craving = 2u, sleepHours = 7.5))
        recordCheckin("2025-06-03", CheckInInput(mood = 4u, craving = 8u, sleepHours = 5.0))
        recordCheckin("2025-06-04", CheckInInput(mood = 5u, craving = 8u))
    }

    @Test
    fun `the summary shows the core's figures, worked by hand`() {
        val store = newStore()
        store.threeCheckins()
        val insights = InsightsPresenter(store, clock)
        insights.refresh()
        val s = requireNotNull(insights.state.value.summary)
        assertEquals(LocalDate.of(2025, 6, 5), s.today)
        assertFalse(s.checkedInToday)
        assertEquals(3, s.totalCheckins)
        assertEquals(LocalDate.of(2025, 6, 1), s.firstCheckin)
        assertEquals(2, s.thisWeek)
        assertEquals(3, s.thisMonth)
        assertEquals(2, s.currentRun)
        assertEquals(2, s.longestRun)
        assertEquals(7, s.last7Days.days)
        assertEquals(3, s.last7Days.checkins)
        assertEquals(1, s.last7Days.missed)
        // (6 + 4 + 5) / 3, (2 + 8 + 8) / 3, (7.5 + 5) / 2.
        assertEquals(5.0, s.last7Days.mood.mean)
        assertEquals(6.0, s.last7Days.craving.mean)
        assertEquals(6.25, s.last7Days.sleepHours)
        assertEquals(Trend.NOT_ENOUGH_DATA, s.last7Days.mood.trend)
        assertEquals(30, s.last30Days.days)
        assertNull(s.sleepAndMood, "one short night and no mood after the others yet")
    }

    @Test
    fun `the chart has a point per day and lines that break where a day has no value`() {
        val store = newStore()
        store.threeCheckins()
        val insights = InsightsPresenter(store, clock)
        insights.refresh()
        val chart = requireNotNull(insights.state.value.chart)
        assertEquals(ChartRange.MONTH, insights.state.value.range)
        assertEquals(30, chart.days)
        assertEquals(LocalDate.of(2025, 5, 7), chart.points.first().date)
        assertEquals(LocalDate.of(2025, 6, 5), chart.points.last().date)
        assertEquals((0 until 30).toList(), chart.points.map { it.index })
        // 1 June is index 25; 2 June (missed) 26; 3 and 4 June 27 and 28; today 29.
        assertEquals(
            listOf(Segment(listOf(ChartPoint(25, 6))), Segment(listOf(ChartPoint(27, 4), ChartPoint(28, 5)))),
            chart.mood,
        )
        assertEquals(
            listOf(Segment(listOf(ChartPoint(25, 2))), Segment(listOf(ChartPoint(27, 8), ChartPoint(28, 8)))),
            chart.craving,
        )
        assertEquals(listOf(26), chart.points.filter { it.missed }.map { it.index })
        assertEquals(1..10, chart.moodScale)
        assertEquals(0..10, chart.cravingScale)
        assertTrue(chart.hasData)

        insights.setRange(ChartRange.QUARTER)
        val quarter = requireNotNull(insights.state.value.chart)
        assertEquals(90, quarter.days)
        assertEquals(listOf(85, 87, 88), quarter.mood.flatMap { seg -> seg.points.map { it.index } })
    }

    @Test
    fun `a nudge names the participant's contacts and offers the crisis lines beside it`() {
        val store = newStore()
        store.setDeviceRegion("US")
        store.threeCheckins()
        val sam = store.addContact(ContactInput(name = "Sam", role = Role.SPONSOR, phone = "(201) 555-0102"))
        val insights = InsightsPresenter(store, clock)
        insights.refresh()
        val nudge = requireNotNull(insights.state.value.nudge)
        assertEquals(listOf(NudgeReason.HIGH_CRAVINGS), nudge.reasons)
        assertTrue(nudge.message.startsWith("Cravings have been strong lately."), nudge.message)
        assertEquals(listOf(sam.id), nudge.contacts.map { it.id })
        assertEquals("tel:+12015550102", nudge.contacts.single().actions.first().uri)
        assertEquals("crisis:us-988", nudge.crisisLines.first().id)

        // One strong craving among the latest three: no nudge.
        store.recordCheckin("2025-06-04", CheckInInput(craving = 3u))
        insights.refresh()
        assertNull(insights.state.value.nudge)
    }

    @Test
    fun `no check-ins yet is an empty chart, not an error`() {
        val insights = InsightsPresenter(newStore(), clock)
        insights.refresh()
        val s = insights.state.value
        assertNull(s.problem)
        assertEquals(0, s.summary?.totalCheckins)
        val chart = requireNotNull(s.chart)
        assertFalse(chart.hasData)
        assertEquals(emptyList<Segment>(), chart.mood)
        assertEquals(0, chart.points.count { it.missed })
        assertNull(s.nudge)
    }
}
