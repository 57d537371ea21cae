package org.iopcompanion.presenters

import java.time.Clock
import org.iopcompanion.core.CompanionStore
import org.iopcompanion.core.InsightsScreenRecord

data class InsightsState(
    /** The core's words, figures and their column headings, nudge, chart series and ranges. */
    val screen: InsightsScreenRecord? = null,
    /** One of the chart's ranges the core offers; `null`: the core's first range. */
    val chartDays: UInt? = null,
    val problem: Problem? = null,
) {
    val loaded: Boolean get() = screen != null
}

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
        update { it.copy(chartDays = days) }
        refresh()
    }

    fun dismissProblem() = update { it.copy(problem = null) }
}
