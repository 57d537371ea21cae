package org.iopcompanion.app.ui

import androidx.compose.runtime.Composable
import androidx.compose.runtime.remember
import java.time.LocalDate
import java.time.LocalDateTime
import java.time.format.DateTimeFormatter
import java.time.format.FormatStyle
import org.iopcompanion.app.platform.Reminders
import org.iopcompanion.core.ClockStyle
import androidx.compose.ui.platform.LocalContext

/**
 * The value a date or time picker holds, on the button that opens it (the pickers' exception:
 * they take and give LocalDate/LocalTime, so only the picker's own value is worded here, in
 * the phone's locale and clock style). Every other day and time on screen is the core's label.
 */
class PickerLabels(private val clock: ClockStyle) {
    private val twelve = DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT)
    private val day = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM)
    private val twentyFour = DateTimeFormatter.ofPattern("HH:mm")

    fun day(d: LocalDate): String = day.format(d)

    fun time(t: LocalDateTime): String = (if (clock == ClockStyle.TWENTY_FOUR_HOUR) twentyFour else twelve).format(t)
}

@Composable
fun rememberPickerLabels(): PickerLabels {
    val context = LocalContext.current
    return remember(context) { PickerLabels(Reminders.clockStyle(context)) }
}
