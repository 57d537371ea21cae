package org.iopcompanion.presenters

import java.time.Clock
import java.time.LocalDate
import java.time.LocalTime
import org.iopcompanion.core.clockLabel
import org.iopcompanion.core.dayLabel

/**
 * A date or time picker's value on the button that opens it, in the core's words: the day
 * as every day on screen is worded ("Today", "Wed 18 Nov", against the phone's today), the
 * time in the phone's 12/24-hour style.
 */
class PickerLabels(private val clock: Clock, private val phone: Phone) {
    fun day(date: LocalDate): String = dayLabel(date, LocalDate.now(clock))

    fun time(time: LocalTime): String = clockLabel(time, phone.clockStyle())
}
