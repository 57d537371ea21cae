package org.iopcompanion.presenters

import java.io.File
import java.time.LocalDate
import org.iopcompanion.core.CheckInInput
import org.iopcompanion.core.OpenProblem
import org.iopcompanion.core.OpenProblemChoice
import org.iopcompanion.core.discardUnopenableStore
import org.iopcompanion.core.openProblemChoiceLabel
import org.iopcompanion.core.openProblemScreen
import org.iopcompanion.core.storeExists
import org.iopcompanion.transport.OkHttpTransport
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

/** A lost key is told apart from a failure that passes, which never offers to delete anything. */
class StoreOpeningTest : StoreTest() {
    /** A key store in memory; [failure] makes the next loads fail as the phone's Keystore can. */
    private class MemoryKeys(var key: ByteArray? = null) : StoreKeys {
        var failure: StoreKeyException? = null

        override fun exists() = key != null

        override fun load(): ByteArray = failure?.let { throw it } ?: key!!.copyOf()

        override fun create(): ByteArray = ByteArray(32) { 3 }.also { key = it.copyOf() }
    }

    private fun opened(dir: File, keys: StoreKeys) = StoreOpener.open(dir, keys, OkHttpTransport())

    private fun failure(dir: File, keys: StoreKeys) = assertThrows<StoreOpenException> { opened(dir, keys) }.problem

    @Test
    fun `a temporary failure offers only Try again, and the data is there when it passes`() {
        val dir = tempDir()
        val keys = MemoryKeys()
        opened(dir, keys).use { it.recordCheckin(LocalDate.of(2025, 6, 2), CheckInInput(mood = 6u)) }
        keys.failure = StoreKeyException(lost = false, "the device is locked")
        assertEquals(OpenProblem.UNAVAILABLE, failure(dir, keys))
        val screen = StoreProblemPresenter(OpenProblem.UNAVAILABLE)
        assertEquals(openProblemScreen(OpenProblem.UNAVAILABLE), screen.state.value.screen)
        assertEquals(listOf(OpenProblemChoice.TRY_AGAIN), screen.state.value.screen.choices)
        // Its one button in the core's words.
        assertEquals(listOf(Labelled(OpenProblemChoice.TRY_AGAIN, openProblemChoiceLabel(OpenProblemChoice.TRY_AGAIN))), screen.state.value.choices)
        assertTrue(screen.state.value.choices.single().label.isNotBlank())
        screen.startOver()
        assertFalse(screen.mayDelete, "a temporary failure never deletes")
        assertFalse(screen.state.value.confirmingStartOver)

        keys.failure = null
        opened(dir, keys).use { assertEquals(6, it.checkin(LocalDate.of(2025, 6, 2))?.mood?.toInt()) }
    }

    @Test
    fun `a key that is gone, or the wrong one, is a lost key, and starting over needs a confirmation`() {
        val dir = tempDir()
        val keys = MemoryKeys()
        opened(dir, keys).close()
        assertEquals(OpenProblem.KEY_LOST, failure(dir, MemoryKeys(ByteArray(32) { 9 })))
        assertEquals(OpenProblem.KEY_LOST, failure(dir, MemoryKeys()), "a store without a key gets no new key")
        keys.failure = StoreKeyException(lost = true, "the Keystore key is gone")
        assertEquals(OpenProblem.KEY_LOST, failure(dir, keys))
        assertTrue(File(dir, "companion.sqlite3").exists(), "nothing deleted on the way")

        val screen = StoreProblemPresenter(OpenProblem.KEY_LOST)
        assertEquals(openProblemScreen(OpenProblem.KEY_LOST), screen.state.value.screen)
        assertTrue(OpenProblemChoice.START_OVER in screen.state.value.screen.choices)
        val buttons = screen.state.value.choices
        assertEquals(screen.state.value.screen.choices, buttons.map { it.value })
        assertEquals(buttons.map { openProblemChoiceLabel(it.value) }, buttons.map { it.label })
        assertEquals(buttons.size, buttons.map { it.label }.toSet().size, buttons.toString())
        assertFalse(screen.mayDelete)
        screen.startOver()
        assertTrue(screen.mayDelete)
        screen.cancelStartOver()
        assertFalse(screen.mayDelete)

        // Starting over, as the core does it: the store's files go, then a new key and store.
        screen.startOver()
        assertTrue(screen.mayDelete)
        discardUnopenableStore(dir.path)
        assertFalse(storeExists(dir.path))
        opened(dir, MemoryKeys()).use { assertTrue(it.checkins(null, null).isEmpty()) }
    }

    @Test
    fun `a damaged store is told apart, and a new directory gets a new store and key`() {
        val damaged = tempDir()
        File(damaged, "companion.sqlite3").writeText("this is not a database at all")
        assertEquals(OpenProblem.DAMAGED, failure(damaged, MemoryKeys(ByteArray(32) { 3 })))
        assertEquals("this is not a database at all", File(damaged, "companion.sqlite3").readText())

        val keys = MemoryKeys()
        opened(File(tempDir(), "store"), keys).close()
        assertTrue(keys.exists())
    }
}
