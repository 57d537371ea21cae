package org.iopcompanion.app.ui

import androidx.compose.runtime.Composable
import androidx.compose.runtime.remember
import androidx.compose.ui.platform.LocalContext
import java.time.LocalDate
import java.time.LocalDateTime
import java.time.LocalTime
import java.time.format.DateTimeFormatter
import java.time.format.FormatStyle
import org.iopcompanion.app.platform.Reminders
import org.iopcompanion.core.ClockStyle

/**
 * v1 stopgap, in one place: the bindings v1 give days and times as values without words. v2's
 * labels (OccurrenceViewRecord.dayLabel/timeLabel, SessionViewRecord.summary, ...) replace every
 * use of this file (android-notes.md); it then goes.
 */
class Labels(private val clock: ClockStyle) {
    private val time = DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT)
    private val day = DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL)

    fun time(t: LocalTime): String =
        if (clock == ClockStyle.TWENTY_FOUR_HOUR) "%02d:%02d".format(t.hour, t.minute) else time.format(t)

    fun time(t: LocalDateTime): String = time(t.toLocalTime())

    fun day(d: LocalDate): String = day.format(d)

    fun span(start: LocalDateTime, end: LocalDateTime): String = "${time(start)} – ${time(end)}"
}

@Composable
fun rememberLabels(): Labels {
    val context = LocalContext.current
    return remember(context) { Labels(Reminders.clockStyle(context)) }
}
