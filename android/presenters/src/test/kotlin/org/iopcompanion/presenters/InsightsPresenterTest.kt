package org.iopcompanion.presenters

import java.time.LocalDate
import org.iopcompanion.core.CheckInInput
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

class InsightsPresenterTest : StoreTest() {
    /** Thursday 5 June 2025, noon in New York. */
    private val clock = clockAt("2025-06-05T16:00:00Z", "America/New_York")

    @Test
    fun `it shows the core's insights and chart, and switches the chart's range`() {
        val store = newStore()
        store.recordCheckin(LocalDate.of(2025, 6, 1), CheckInInput(mood = 6u, craving = 2u, sleepHours = 7.5))
        store.recordCheckin(LocalDate.of(2025, 6, 3), CheckInInput(mood = 4u, craving = 8u, sleepHours = 5.0))
        store.recordCheckin(LocalDate.of(2025, 6, 4), CheckInInput(mood = 5u, craving = 8u))
        val insights = InsightsPresenter(store, clock)
        insights.refresh()
        val screen = requireNotNull(insights.state.value.screen)
        val ranges = screen.chart.ranges
        assertEquals(ranges.first(), screen.chart.days)
        // The range chips: the same ranges, each in the core's words.
        assertEquals(ranges, screen.chart.rangeChoices.map { it.days })
        assertTrue(screen.chart.rangeChoices.all { it.label.isNotBlank() && it.label.contains(it.days.toString()) }, screen.chart.rangeChoices.toString())
        // A heading for each of the figures' columns (last 7 days, last 30).
        assertEquals(2, screen.figureSpans.size)
        assertTrue(screen.figureSpans.all { it.isNotBlank() })
        assertEquals(store.insightsScreen(clock.instant(), "America/New_York", null), screen)
        assertEquals(LocalDate.of(2025, 6, 5), screen.today)
        assertNotNull(screen.nudge, "cravings at 8 and 8: the core's nudge")

        // The axes: dates under the x axis oldest first, one shared y axis; each day in words.
        val chart = screen.chart
        assertTrue(chart.ticks.isNotEmpty())
        assertEquals(chart.ticks.sortedBy { it.index }, chart.ticks)
        assertTrue(chart.ticks.all { it.label.isNotBlank() && it.index < chart.days })
        assertTrue(chart.valueMin < chart.valueMax)
        assertTrue(chart.points.all { it.label.isNotBlank() })
        assertTrue(chart.moodScale.name.isNotBlank() && chart.cravingScale.name.isNotBlank() && chart.moodScale.name != chart.cravingScale.name)
        // Each figure's values, one per column heading.
        assertTrue(screen.figures.isNotEmpty())
        screen.figures.forEach { assertEquals(screen.figureSpans.size, it.values.size, it.toString()) }

        // A tap on 3 June: its words and values, as the core words each value.
        val third = chart.points.single { it.date == LocalDate.of(2025, 6, 3) }
        insights.selectDay(third.index)
        assertEquals(third, insights.state.value.selectedDay)
        assertEquals(chart.moodScale.choices.single { it.value.toInt() == 4 }.label, chart.moodScale.valueLabel(third.mood))
        assertEquals(chart.cravingScale.choices.single { it.value.toInt() == 8 }.label, chart.cravingScale.valueLabel(third.craving))
        val missed = chart.points.first { it.mood == null }
        assertNull(chart.moodScale.valueLabel(missed.mood))
        insights.selectDay(null)
        assertNull(insights.state.value.selectedDay)
        insights.selectDay(third.index)

        insights.setChartDays(screen.chart.rangeChoices.last().days)
        assertNull(insights.state.value.selectedDay, "a new range lets go of the tapped day")
        assertEquals(ranges.last(), insights.state.value.screen!!.chart.days)
        assertEquals(ranges.last().toInt(), insights.state.value.screen!!.chart.points.size)
        // The chart's screen-reader words follow the range shown.
        val described = insights.state.value.screen!!.chart.description
        assertTrue(described.contains(ranges.last().toString()), described)
        assertTrue(described != screen.chart.description)
        // A change notification keeps the chosen range.
        store.recordCheckin(LocalDate.of(2025, 6, 5), CheckInInput(mood = 7u))
        insights.refresh()
        assertEquals(ranges.last(), insights.state.value.screen!!.chart.days)
        assertTrue(insights.state.value.screen!!.insights.checkedInToday)
    }

    @Test
    fun `a range the core does not offer is its problem, and the chart stays`() {
        val insights = InsightsPresenter(newStore(), clock)
        insights.refresh()
        val before = insights.state.value.screen
        insights.setChartDays(0u)
        assertEquals(Problem.Kind.INVALID_INPUT, insights.state.value.problem?.kind)
        assertEquals(before, insights.state.value.screen)
        insights.dismissProblem()
        insights.refresh()
        assertEquals(null, insights.state.value.problem, "the refused range is not asked for again")
    }
}
