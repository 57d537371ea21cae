package org.iopcompanion.presenters

import org.iopcompanion.core.NotificationChannel
import org.iopcompanion.core.notificationChannelLabel
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/**
 * The app creates its channels with the core's words, and the system shows them outside the
 * app (Settings, the notification's long-press): they must not say what the app is for. The
 * same words scripts/check-android refused in strings.xml when the channels' names were there.
 */
class ChannelLabelsTest {
    private val telling = Regex(
        "\\b(iop|treatment|recovery|therap\\w*|clinic\\w*|rehab\\w*|substance\\w*|addict\\w*|sober\\w*|detox\\w*|" +
            "relapse\\w*|drug\\w*|alcohol\\w*|outpatient|psych\\w*|mental)\\b",
        RegexOption.IGNORE_CASE,
    )

    @Test
    fun `every channel has a neutral name and description of its own`() {
        val labels = NotificationChannel.entries.associateWith(::notificationChannelLabel)
        labels.forEach { (channel, label) ->
            assertTrue(label.name.isNotBlank() && label.description.isNotBlank(), "$channel: $label")
            assertFalse(telling.containsMatchIn(label.name), "$channel's name suggests treatment: ${label.name}")
            assertFalse(telling.containsMatchIn(label.description), "$channel's description suggests treatment: ${label.description}")
        }
        assertEquals(labels.size, labels.values.map { it.name }.toSet().size, "each channel is told apart in Settings")
    }
}
