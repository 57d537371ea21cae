package org.iopcompanion.presenters

import java.time.Clock
import org.iopcompanion.core.ChartDayRecord
import org.iopcompanion.core.CompanionStore
import org.iopcompanion.core.InsightsScreenRecord
import org.iopcompanion.core.ScaleRecord

data class InsightsState(
    /** The core's words, figures and their column headings, nudge, chart series and ranges. */
    val screen: InsightsScreenRecord? = null,
    /** One of the chart's ranges the core offers; `null`: the core's first range. */
    val chartDays: UInt? = null,
    /** The chart's day the participant tapped (its x index), for its words under the chart. */
    val selectedIndex: UInt? = null,
    val problem: Problem? = null,
) {
    val loaded: Boolean get() = screen != null

    /** The tapped day: its words ("Fri 20 Nov") and values, read with [valueLabel]. */
    val selectedDay: ChartDayRecord? get() = selectedIndex?.let { i -> screen?.chart?.points?.firstOrNull { it.index == i } }
}

/** A scale's value in the core's words (its choice's label), `null` when none was given. */
fun ScaleRecord.valueLabel(value: UByte?): String? = value?.let { v -> choices.firstOrNull { it.value == v }?.label }

/** How the check-ins are going, the chart, and the nudge when the core says one is due. */
class InsightsPresenter(
    private val store: CompanionStore,
    private val clock: Clock,
) : Presenter<InsightsState>(InsightsState()) {

    /** Also the answer to every change notification. */
    fun refresh() {
        val days = state.value.chartDays
        val outcome = attempt { store.insightsScreen(clock.instant(), clock.zone.id, days) }
        update {
            when (outcome) {
                is Outcome.Done -> it.copy(screen = outcome.value, chartDays = outcome.value.chart.days)
                // A range the core refused is dropped: the chart stays on the one it shows.
                is Outcome.Failed -> it.copy(problem = outcome.problem, chartDays = it.screen?.chart?.days)
            }
        }
    }

    /** [days] is one of the screen's `chart.rangeChoices` (each with its words, "30 days"). */
    fun setChartDays(days: UInt) {
        update { it.copy(chartDays = days, selectedIndex = null) }
        refresh()
    }

    /** A tap on the chart at one of its points' indexes; `null` lets go. */
    fun selectDay(index: UInt?) = update { it.copy(selectedIndex = index) }

    fun dismissProblem() = update { it.copy(problem = null) }
}
