package org.iopcompanion.presenters

import java.time.Clock
import java.time.LocalDate
import org.iopcompanion.core.AverageRecord
import org.iopcompanion.core.CompanionStore
import org.iopcompanion.core.DayPointRecord
import org.iopcompanion.core.NudgeReason
import org.iopcompanion.core.Role
import org.iopcompanion.core.Trend
import org.iopcompanion.core.WindowRecord

/** The chart's spans: the last 30 or 90 days. */
enum class ChartRange(val days: Int) { MONTH(30), QUARTER(90) }

data class InsightsState(
    val loaded: Boolean = false,
    val range: ChartRange = ChartRange.MONTH,
    val summary: InsightsSummary? = null,
    val chart: Chart? = null,
    val nudge: NudgeView? = null,
    val problem: Problem? = null,
)

data class InsightsSummary(
    val today: LocalDate,
    val checkedInToday: Boolean,
    val totalCheckins: Int,
    val firstCheckin: LocalDate?,
    val thisWeek: Int,
    val thisMonth: Int,
    val currentRun: Int,
    val longestRun: Int,
    val last7Days: WindowView,
    val last30Days: WindowView,
    /** Mood after short nights beside the others; `null` until both have values. */
    val sleepAndMood: SleepAndMoodView?,
)

data class WindowView(
    val days: Int,
    val checkins: Int,
    val missed: Int,
    val mood: AverageView,
    val craving: AverageView,
    val sleepHours: Double?,
)

/** A mean beside the window before it. Up is a higher number (better mood, harder cravings). */
data class AverageView(val mean: Double?, val previousMean: Double?, val trend: Trend)

data class SleepAndMoodView(val shortNights: Int, val otherNights: Int, val moodAfterShort: Double, val moodAfterOther: Double)

/**
 * The mood and craving chart, drawn natively from the core's series: one [ChartDay] per
 * calendar day (x is its index), and each line as segments that break on days without a value.
 */
data class Chart(
    val days: Int,
    val points: List<ChartDay>,
    val mood: List<Segment>,
    val craving: List<Segment>,
    val moodScale: IntRange = CheckInPresenter.MOOD_RANGE,
    val cravingScale: IntRange = CheckInPresenter.CRAVING_RANGE,
) {
    val hasData: Boolean get() = points.any { it.mood != null || it.craving != null }
}

data class ChartDay(
    val index: Int,
    val date: LocalDate,
    val mood: Int?,
    val craving: Int?,
    /** Not checked in, after the first check-in and before today: drawn as a missed day. */
    val missed: Boolean,
)

data class ChartPoint(val index: Int, val value: Int)

data class Segment(val points: List<ChartPoint>)

data class NudgeView(
    val reasons: List<NudgeReason>,
    /** The core's kind words, shown as they are. */
    val message: String,
    val contacts: List<NudgeContact>,
    /** Offered beside every nudge. */
    val crisisLines: List<CrisisLineItem>,
)

data class NudgeContact(val id: String, val name: String, val role: Role, val actions: List<ContactAction>)

/** How the check-ins are going, the chart, and a gentle nudge when the core says one is due. */
class InsightsPresenter(
    private val store: CompanionStore,
    private val clock: Clock,
) : Presenter<InsightsState>(InsightsState()) {

    fun refresh() {
        val range = state.value.range
        val outcome = attempt {
            val today = store.today(clock.instant(), clock.zone.id).date
            val insights = store.insights(today)
            val series = store.moodSeries(today, range.days.toUInt())
            val nudge = insights.nudge?.let { n ->
                NudgeView(
                    reasons = n.reasons,
                    message = n.message,
                    contacts = n.contacts.map { c ->
                        NudgeContact(c.id, c.name, c.role, store.contactActions(c.id, null).map { it.toAction() })
                    },
                    crisisLines = store.crisisLines().map { l ->
                        CrisisLineItem(l.id, l.name, l.about, l.source, l.emergency, l.actions.map { it.toAction() })
                    },
                )
            }
            val summary = InsightsSummary(
                today = LocalDate.parse(insights.today),
                checkedInToday = insights.checkedInToday,
                totalCheckins = insights.totalCheckins.toInt(),
                firstCheckin = insights.firstCheckin?.let(LocalDate::parse),
                thisWeek = insights.thisWeek.toInt(),
                thisMonth = insights.thisMonth.toInt(),
                currentRun = insights.currentRun.toInt(),
                longestRun = insights.longestRun.toInt(),
                last7Days = insights.last7Days.toView(),
                last30Days = insights.last30Days.toView(),
                sleepAndMood = insights.sleepAndMood.let { s ->
                    val short = s.moodAfterShortNights
                    val other = s.moodAfterOtherNights
                    if (short != null && other != null) {
                        SleepAndMoodView(s.shortNights.toInt(), s.otherNights.toInt(), short, other)
                    } else {
                        null
                    }
                },
            )
            Triple(summary, chartOf(series), nudge)
        }
        update { old ->
            when (outcome) {
                is Outcome.Done -> old.copy(
                    loaded = true,
                    summary = outcome.value.first,
                    chart = outcome.value.second,
                    nudge = outcome.value.third,
                    problem = null,
                )
                is Outcome.Failed -> old.copy(loaded = true, problem = outcome.problem)
            }
        }
    }

    fun setRange(range: ChartRange) {
        update { it.copy(range = range) }
        refresh()
    }

    fun open(action: ContactAction): PlatformRequest.OpenUri = PlatformRequest.OpenUri(action.uri, action.kind)

    fun dismissProblem() = update { it.copy(problem = null) }

    companion object {
        internal fun chartOf(series: List<DayPointRecord>): Chart {
            val points = series.mapIndexed { i, p ->
                ChartDay(i, LocalDate.parse(p.date), p.mood?.toInt(), p.craving?.toInt(), p.missed)
            }
            return Chart(
                days = points.size,
                points = points,
                mood = segments(points) { it.mood },
                craving = segments(points) { it.craving },
            )
        }

        /** Runs of consecutive days that have a value: a line never bridges a day without one. */
        private fun segments(points: List<ChartDay>, value: (ChartDay) -> Int?): List<Segment> {
            val out = mutableListOf<Segment>()
            var run = mutableListOf<ChartPoint>()
            for (p in points) {
                val v = value(p)
                if (v == null) {
                    if (run.isNotEmpty()) out += Segment(run)
                    run = mutableListOf()
                } else {
                    run += ChartPoint(p.index, v)
                }
            }
            if (run.isNotEmpty()) out += Segment(run)
            return out
        }
    }
}

private fun AverageRecord.toView() = AverageView(mean, previousMean, trend)

private fun WindowRecord.toView() = WindowView(
    days = days.toInt(),
    checkins = checkins.toInt(),
    missed = missed.toInt(),
    mood = mood.toView(),
    craving = craving.toView(),
    sleepHours = sleepHours,
)
