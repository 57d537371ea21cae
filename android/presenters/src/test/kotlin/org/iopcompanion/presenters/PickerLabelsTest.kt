package org.iopcompanion.presenters

import java.time.LocalDate
import java.time.LocalTime
import org.iopcompanion.core.ClockStyle
import org.iopcompanion.core.clockLabel
import org.iopcompanion.core.dayLabel
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

class PickerLabelsTest : StoreTest() {

    @Test
    fun `a picker's day is worded against the phone's today, its time in the phone's clock style`() {
        val store = newStore()
        // 22:00 on 5 June in New York: UTC is already on the 6th.
        val clock = clockAt("2025-06-06T02:00:00Z", "America/New_York")
        val phone = TestPhone(store, clock = ClockStyle.TWELVE_HOUR)
        val labels = PickerLabels(clock, phone)
        val today = LocalDate.of(2025, 6, 5)
        assertEquals(dayLabel(today, today), labels.day(today))
        assertEquals(dayLabel(today.plusDays(1), today), labels.day(today.plusDays(1)))
        assertTrue(labels.day(today) != labels.day(today.plusDays(1)), labels.day(today))
        assertEquals(dayLabel(LocalDate.of(2025, 6, 18), today), labels.day(LocalDate.of(2025, 6, 18)))

        val evening = LocalTime.of(21, 30)
        assertEquals(clockLabel(evening, ClockStyle.TWELVE_HOUR), labels.time(evening))
        phone.clock = ClockStyle.TWENTY_FOUR_HOUR
        assertEquals(clockLabel(evening, ClockStyle.TWENTY_FOUR_HOUR), labels.time(evening))
        assertTrue(labels.time(evening).contains("21"), labels.time(evening))
    }
}
