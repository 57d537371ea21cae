package org.iopcompanion.app.ui.screens

import androidx.compose.foundation.Canvas
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.height
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.verticalScroll
import androidx.compose.material3.Card
import androidx.compose.material3.CardDefaults
import androidx.compose.material3.FilterChip
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.geometry.Offset
import androidx.compose.ui.geometry.Size
import androidx.compose.ui.graphics.Color
import androidx.compose.ui.graphics.Path
import androidx.compose.ui.graphics.drawscope.Stroke
import androidx.compose.ui.platform.LocalContext
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import org.iopcompanion.app.R
import org.iopcompanion.app.platform.AppGraph
import org.iopcompanion.app.platform.UriLauncher
import org.iopcompanion.app.ui.ContactActions
import org.iopcompanion.app.ui.ProblemBanner
import org.iopcompanion.app.ui.SectionTitle
import org.iopcompanion.app.ui.presenter
import org.iopcompanion.app.ui.roleLabel
import org.iopcompanion.core.CompanionStore
import org.iopcompanion.core.Trend
import org.iopcompanion.presenters.AverageView
import org.iopcompanion.presenters.Chart
import org.iopcompanion.presenters.ChartRange
import org.iopcompanion.presenters.InsightsPresenter
import org.iopcompanion.presenters.Segment

@Composable
fun InsightsScreen(graph: AppGraph, store: CompanionStore, onReachOut: () -> Unit) {
    val vm = presenter("insights") { InsightsPresenter(store, graph.clock) }
    val state by vm.presenter.state.collectAsStateWithLifecycle()
    val changes by graph.changes.collectAsStateWithLifecycle()
    val context = LocalContext.current
    LaunchedEffect(changes) { vm.act { refresh() } }

    Column(Modifier.fillMaxSize().verticalScroll(rememberScrollState()).padding(16.dp)) {
        ProblemBanner(state.problem) { vm.presenter.dismissProblem() }

        state.nudge?.let { nudge ->
            Card(
                colors = CardDefaults.cardColors(containerColor = MaterialTheme.colorScheme.secondaryContainer),
                modifier = Modifier.fillMaxWidth().padding(vertical = 8.dp),
            ) {
                Column(Modifier.padding(12.dp)) {
                    Text(nudge.message)
                    nudge.contacts.forEach { c ->
                        Text("${c.name} · ${roleLabel(c.role)}", modifier = Modifier.padding(top = 8.dp))
                        ContactActions(c.actions) { UriLauncher.open(context, vm.presenter.open(it)) }
                    }
                    OutlinedButton(onClick = onReachOut, modifier = Modifier.padding(top = 8.dp)) {
                        Text(stringResource(R.string.insights_crisis_lines))
                    }
                }
            }
        }

        Row(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
            ChartRange.entries.forEach { range ->
                FilterChip(
                    selected = state.range == range,
                    onClick = { vm.act { setRange(range) } },
                    label = { Text(stringResource(R.string.insights_days, range.days)) },
                )
            }
        }
        state.chart?.let { MoodChart(it) }
        Row(horizontalArrangement = Arrangement.spacedBy(16.dp)) {
            Text(stringResource(R.string.insights_mood), color = MaterialTheme.colorScheme.primary)
            Text(stringResource(R.string.insights_craving), color = MaterialTheme.colorScheme.tertiary)
            Text(stringResource(R.string.insights_missed), color = MaterialTheme.colorScheme.outline)
        }

        state.summary?.let { s ->
            SectionTitle(stringResource(R.string.insights_summary))
            Text(stringResource(R.string.insights_checked_in, s.last7Days.checkins, 7, s.last30Days.checkins, 30))
            Text(stringResource(R.string.insights_runs, s.currentRun, s.longestRun))
            Text(stringResource(R.string.insights_mood_week, mean(s.last7Days.mood), trendText(s.last7Days.mood)))
            Text(stringResource(R.string.insights_craving_week, mean(s.last7Days.craving), trendText(s.last7Days.craving)))
            s.last7Days.sleepHours?.let { Text(stringResource(R.string.insights_sleep_week, "%.1f".format(it))) }
            s.sleepAndMood?.let {
                Text(stringResource(R.string.insights_sleep_and_mood, "%.1f".format(it.moodAfterShort), "%.1f".format(it.moodAfterOther)))
            }
        }
    }
}

private fun mean(a: AverageView): String = a.mean?.let { "%.1f".format(it) } ?: "–"

@Composable
private fun trendText(a: AverageView): String = stringResource(
    when (a.trend) {
        Trend.UP -> R.string.trend_up
        Trend.DOWN -> R.string.trend_down
        Trend.STEADY -> R.string.trend_steady
        Trend.NOT_ENOUGH_DATA -> R.string.trend_not_enough_data
    },
)

/** The core's day series, drawn natively: lines break where a day has no value; missed days are grey bars. */
@Composable
private fun MoodChart(chart: Chart) {
    val mood = MaterialTheme.colorScheme.primary
    val craving = MaterialTheme.colorScheme.tertiary
    val missed = MaterialTheme.colorScheme.outline.copy(alpha = 0.25f)
    val description = stringResource(R.string.insights_chart_description, chart.days)
    Canvas(
        Modifier.fillMaxWidth().height(220.dp).padding(vertical = 12.dp).semantics { contentDescription = description },
    ) {
        val step = if (chart.days > 1) size.width / (chart.days - 1) else size.width
        fun x(index: Int) = index * step
        fun y(value: Int, scale: IntRange) =
            size.height - (value - scale.first).toFloat() / (scale.last - scale.first) * size.height

        chart.points.filter { it.missed }.forEach { day ->
            drawRect(missed, topLeft = Offset(x(day.index) - step / 2, 0f), size = Size(step, size.height))
        }
        fun line(segments: List<Segment>, scale: IntRange, color: Color) {
            segments.forEach { segment ->
                val first = segment.points.first()
                if (segment.points.size == 1) {
                    drawCircle(color, radius = 4.dp.toPx(), center = Offset(x(first.index), y(first.value, scale)))
                } else {
                    val path = Path().apply {
                        moveTo(x(first.index), y(first.value, scale))
                        segment.points.drop(1).forEach { lineTo(x(it.index), y(it.value, scale)) }
                    }
                    drawPath(path, color, style = Stroke(width = 2.dp.toPx()))
                    segment.points.forEach { drawCircle(color, radius = 3.dp.toPx(), center = Offset(x(it.index), y(it.value, scale))) }
                }
            }
        }
        line(chart.mood, chart.moodScale, mood)
        line(chart.craving, chart.cravingScale, craving)
    }
}
