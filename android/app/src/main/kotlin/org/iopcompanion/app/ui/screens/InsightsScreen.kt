package org.iopcompanion.app.ui.screens

import androidx.compose.foundation.Canvas
import androidx.compose.foundation.gestures.detectTapGestures
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.Spacer
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
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.geometry.Offset
import androidx.compose.ui.geometry.Size
import androidx.compose.ui.graphics.Color
import androidx.compose.ui.graphics.Path
import androidx.compose.ui.graphics.drawscope.Stroke
import androidx.compose.ui.input.pointer.pointerInput
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.text.drawText
import androidx.compose.ui.text.rememberTextMeasurer
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import kotlin.math.roundToInt
import org.iopcompanion.app.R
import org.iopcompanion.app.platform.AppGraph
import org.iopcompanion.app.ui.ContactActions
import org.iopcompanion.app.ui.Loading
import org.iopcompanion.app.ui.ProblemBanner
import org.iopcompanion.app.ui.RefreshOnChange
import org.iopcompanion.app.ui.SectionTitle
import org.iopcompanion.app.ui.presenter
import org.iopcompanion.app.ui.rememberOpener
import org.iopcompanion.app.ui.roleLabel
import org.iopcompanion.core.ChartDayRecord
import org.iopcompanion.core.ChartRecord
import org.iopcompanion.core.CompanionStore
import org.iopcompanion.core.SegmentRecord
import org.iopcompanion.presenters.InsightsPresenter
import org.iopcompanion.presenters.valueLabel

/**
 * The core's words and figures under its column headings, its nudge with the people and lines
 * it names, and the chart from its series over one of its ranges (each with its words).
 */
@Composable
fun InsightsScreen(graph: AppGraph, store: CompanionStore) {
    val vm = presenter("insights") { InsightsPresenter(store, graph.clock) }
    val state by vm.presenter.state.collectAsStateWithLifecycle()
    val open = rememberOpener()
    RefreshOnChange(graph) { vm.act { refresh() } }

    val screen = state.screen ?: return Loading()
    Column(Modifier.fillMaxSize().verticalScroll(rememberScrollState()).padding(16.dp)) {
        ProblemBanner(state.problem) { vm.presenter.dismissProblem() }

        screen.nudge?.let { nudge ->
            Card(
                colors = CardDefaults.cardColors(containerColor = MaterialTheme.colorScheme.secondaryContainer),
                modifier = Modifier.fillMaxWidth().padding(vertical = 8.dp),
            ) {
                Column(Modifier.padding(12.dp)) {
                    Text(nudge.message)
                    nudge.contacts.forEach { c ->
                        Text("${c.name} · ${roleLabel(c.role)}", modifier = Modifier.padding(top = 8.dp))
                        ContactActions(c.actions, open)
                    }
                    nudge.crisisLines.forEach { line ->
                        Text(line.name, modifier = Modifier.padding(top = 8.dp))
                        ContactActions(line.actions, open)
                    }
                }
            }
        }

        Row(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
            screen.chart.rangeChoices.forEach { range ->
                FilterChip(
                    selected = screen.chart.days == range.days,
                    onClick = { vm.act { setChartDays(range.days) } },
                    label = { Text(range.label) },
                )
            }
        }
        MoodChart(screen.chart) { index -> vm.presenter.selectDay(index) }
        state.selectedDay?.let { SelectedDay(screen.chart, it) }
        // The legend: the series by the core's scale names.
        Row(horizontalArrangement = Arrangement.spacedBy(16.dp)) {
            Text(screen.chart.moodScale.name, color = MaterialTheme.colorScheme.primary)
            Text(screen.chart.cravingScale.name, color = MaterialTheme.colorScheme.tertiary)
            Text(stringResource(R.string.insights_missed), color = MaterialTheme.colorScheme.outline)
        }

        SectionTitle(stringResource(R.string.insights_summary))
        Text(screen.summary)
        if (!screen.empty) {
            Text(screen.totals)
            Text(screen.runs)
            // A table: each figure's row, its values under the core's headings (last 7 days, last 30).
            if (screen.figures.isNotEmpty()) {
                Row(Modifier.fillMaxWidth().padding(top = 8.dp)) {
                    Spacer(Modifier.weight(1.4f))
                    screen.figureSpans.forEach { span ->
                        Text(span, style = MaterialTheme.typography.labelMedium, modifier = Modifier.weight(1f))
                    }
                }
            }
            screen.figures.forEach { f ->
                Row(Modifier.fillMaxWidth().padding(top = 4.dp)) {
                    Text(f.title, style = MaterialTheme.typography.titleSmall, modifier = Modifier.weight(1.4f))
                    // One value per column heading, in figureSpans' order.
                    f.values.forEach { value -> Text(value, modifier = Modifier.weight(1f)) }
                }
            }
            screen.sleepAndMood?.let { Text(it, modifier = Modifier.padding(top = 8.dp)) }
        }
    }
}

/**
 * The core's series, drawn natively on its shared y axis (valueMin..valueMax): lines break
 * where the core's segments break; missed days are grey bars; the core's dates under the x
 * axis. A tap picks the nearest day ([onSelect] with its index).
 */
@Composable
private fun MoodChart(chart: ChartRecord, onSelect: (UInt?) -> Unit) {
    val mood = MaterialTheme.colorScheme.primary
    val craving = MaterialTheme.colorScheme.tertiary
    val missed = MaterialTheme.colorScheme.outline.copy(alpha = 0.25f)
    val tickStyle = MaterialTheme.typography.labelSmall.copy(color = MaterialTheme.colorScheme.onSurfaceVariant)
    val measurer = rememberTextMeasurer()
    // The core's words for a screen reader: the range, and on how many days there is a check-in.
    val description = chart.description
    val days = chart.days.toInt()
    val indexes = chart.points.map { it.index }
    Canvas(
        Modifier.fillMaxWidth().height(240.dp).padding(vertical = 12.dp)
            .semantics { contentDescription = description }
            .pointerInput(chart) {
                detectTapGestures { at ->
                    val step = if (days > 1) size.width.toFloat() / (days - 1) else size.width.toFloat()
                    val tapped = (at.x / step).roundToInt().toUInt()
                    onSelect(tapped.takeIf { it in indexes })
                }
            },
    ) {
        val ticks = chart.ticks.map { it to measurer.measure(it.label, tickStyle) }
        val plot = size.height - (ticks.maxOfOrNull { it.second.size.height } ?: 0) - 4.dp.toPx()
        val step = if (days > 1) size.width / (days - 1) else size.width
        val low = chart.valueMin.toInt()
        val span = (chart.valueMax.toInt() - low).coerceAtLeast(1)
        fun x(index: UInt) = index.toFloat() * step
        fun y(value: UByte): Float = plot - (value.toInt() - low).toFloat() / span * plot

        chart.points.filter { it.missed }.forEach { day ->
            drawRect(missed, topLeft = Offset(x(day.index) - step / 2, 0f), size = Size(step, plot))
        }
        fun line(segments: List<SegmentRecord>, color: Color) {
            segments.forEach { segment ->
                val first = segment.points.firstOrNull() ?: return@forEach
                if (segment.points.size > 1) {
                    val path = Path().apply {
                        moveTo(x(first.index), y(first.value))
                        segment.points.drop(1).forEach { lineTo(x(it.index), y(it.value)) }
                    }
                    drawPath(path, color, style = Stroke(width = 2.dp.toPx()))
                }
                segment.points.forEach { drawCircle(color, radius = 3.dp.toPx(), center = Offset(x(it.index), y(it.value))) }
            }
        }
        line(chart.mood, mood)
        line(chart.craving, craving)
        ticks.forEach { (tick, text) ->
            val left = (x(tick.index) - text.size.width / 2f).coerceIn(0f, (size.width - text.size.width).coerceAtLeast(0f))
            drawText(text, topLeft = Offset(left, size.height - text.size.height))
        }
    }
}

/** The tapped day in the core's words: its date, then each series' name and value. */
@Composable
private fun SelectedDay(chart: ChartRecord, day: ChartDayRecord) {
    Column(Modifier.padding(bottom = 8.dp)) {
        Text(day.label, style = MaterialTheme.typography.labelLarge)
        chart.moodScale.valueLabel(day.mood)?.let { Text("${chart.moodScale.name} · $it") }
        chart.cravingScale.valueLabel(day.craving)?.let { Text("${chart.cravingScale.name} · $it") }
    }
}
