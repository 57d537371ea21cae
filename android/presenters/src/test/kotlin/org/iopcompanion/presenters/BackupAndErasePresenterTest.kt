package org.iopcompanion.presenters

import java.io.File
import java.time.Instant
import java.time.LocalDate
import java.util.concurrent.atomic.AtomicInteger
import kotlinx.coroutines.runBlocking
import org.iopcompanion.core.CheckInInput
import org.iopcompanion.core.CompanionStore
import org.iopcompanion.core.ContactInput
import org.iopcompanion.core.RecordCountsRecord
import org.iopcompanion.core.backupFileName
import org.iopcompanion.core.backupMediaType
import org.iopcompanion.core.Role
import org.iopcompanion.core.ServerErasure
import org.iopcompanion.core.SettingsAction
import org.iopcompanion.transport.testing.CompanionServer
import org.iopcompanion.core.ClockStyle
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

class BackupAndErasePresenterTest : StoreTest() {
    private val clock = clockAt("2025-06-05T16:00:00Z", "America/New_York")
    private val passphrase = "correct horse battery"

    private fun CompanionStore.someData() {
        recordCheckin(LocalDate.of(2025, 6, 1), CheckInInput(mood = 6u, note = "first week"))
        recordCheckin(LocalDate.of(2025, 6, 2), CheckInInput(mood = 4u, craving = 7u))
        addContact(ContactInput(name = "Sam", role = Role.SPONSOR, phone = "(201) 555-0102", favourite = true))
    }

    @Test
    fun `a backup is a sealed file to save, and it restores into a new phone's store`() {
        val phone = newStore()
        phone.someData()
        val backup = BackupPresenter(phone, clock)
        val file = requireNotNull(backup.backup(passphrase, passphrase))
        // The core's neutral name, for the phone's day.
        assertEquals(backupFileName(LocalDate.of(2025, 6, 5)), file.suggestedName)
        assertEquals("companion-2025-06-05.backup", file.suggestedName)
        val lateEvening = BackupPresenter(phone, clockAt("2025-06-06T02:00:00Z", "America/New_York"))
        assertEquals("companion-2025-06-05.backup", lateEvening.backup(passphrase, passphrase)?.suggestedName)
        assertEquals(backupMediaType(), file.mediaType)
        assertEquals("application/octet-stream", file.mediaType)
        assertFalse(file.bytes.toString(Charsets.ISO_8859_1).contains("first week"))
        assertNull(backup.state.value.working)

        val newPhone = newStore()
        val restore = BackupPresenter(newPhone, clock)
        assertTrue(restore.restore(file.bytes, passphrase))
        val restored = requireNotNull(restore.state.value.restored)
        assertTrue(restored.changed)
        assertEquals(RecordCountsRecord(0u, 0u, 0u, 0u), restored.before)
        assertEquals(RecordCountsRecord(2u, 1u, 0u, 0u), restored.after)
        assertTrue(restored.createdAt.isBefore(Instant.now().plusSeconds(1)))
        assertEquals(phone.checkins(null, null), newPhone.checkins(null, null))
        // Settings shows the core's outcome line, which counts what the phone now has.
        assertTrue(restored.summary.contains("2"), restored.summary)

        // The same file again brings nothing new, and its line says something else.
        assertTrue(restore.restore(file.bytes, passphrase))
        val again = requireNotNull(restore.state.value.restored)
        assertFalse(again.changed)
        assertTrue(again.summary.isNotBlank() && again.summary != restored.summary, again.summary)
    }

    @Test
    fun `the passphrase is checked as typed, confirmed, and a wrong one restores nothing`() {
        val phone = newStore()
        phone.someData()
        val backup = BackupPresenter(phone, clock)
        assertFalse(backup.checkPassphrase("short"))
        assertEquals(Problem.Kind.INVALID_INPUT, backup.state.value.passphraseProblem?.kind)
        assertTrue(backup.checkPassphrase(passphrase))
        assertNull(backup.state.value.passphraseProblem)

        assertNull(backup.backup(passphrase, "correct horse battery staple"))
        assertTrue(backup.state.value.confirmationDiffers)
        assertNull(backup.backup("short", "short"))
        assertEquals(Problem.Kind.INVALID_INPUT, backup.state.value.problem?.kind)
        val file = requireNotNull(backup.backup(passphrase, passphrase))
        assertFalse(backup.state.value.confirmationDiffers)

        val other = newStore()
        other.recordCheckin(LocalDate.of(2025, 6, 5), CheckInInput(mood = 5u))
        val restore = BackupPresenter(other, clock)
        assertFalse(restore.restore(file.bytes, "not the passphrase"))
        assertEquals(Problem.Kind.WRONG_KEY, restore.state.value.problem?.kind)
        assertFalse(restore.restore(file.bytes.copyOf(file.bytes.size / 2), passphrase))
        assertEquals(Problem.Kind.INVALID_INPUT, restore.state.value.problem?.kind)
        assertNull(restore.state.value.working)
        assertNull(restore.state.value.restored)
        assertEquals(listOf(LocalDate.of(2025, 6, 5)), other.checkins(null, null).map { it.date })
    }

    @Test
    fun `erasing a device that never enrolled removes its files, then the platform drops the key`() {
        val dir = File(tempDir(), "store")
        val store = newStore(dir)
        store.someData()
        val keyDeleted = AtomicInteger()
        val erase = ErasePresenter(store) { keyDeleted.incrementAndGet() }
        assertTrue(runBlocking { erase.erase(localOnly = false) })
        assertEquals(ServerErasure.NOT_ENROLLED, erase.state.value.erased)
        assertTrue(erase.state.value.summary.orEmpty().isNotBlank(), "the core says what was erased")
        assertFalse(erase.state.value.erasing)
        assertEquals(1, keyDeleted.get())
        assertFalse(dir.exists())
        assertFalse(runBlocking { erase.erase(localOnly = false) }, "once is enough")
        assertEquals(1, keyDeleted.get())
    }

    @Test
    fun `an erase the server cannot hear keeps the key and the data, and offers this device only in the core's words`() {
        val server = CompanionServer.start(tempDir())
        val dir = File(tempDir(), "store")
        val store = newStore(dir)
        try {
            val settings = SettingsPresenter(store, clock, TestPhone(store))
            assertTrue(runBlocking { settings.enroll(server.url, server.programWithInvite("Evening IOP")) })
            store.someData()
        } finally {
            server.stop()
        }
        val keyDeleted = AtomicInteger()
        val erase = ErasePresenter(store) { keyDeleted.incrementAndGet() }
        assertFalse(runBlocking { erase.erase(localOnly = false) })
        val s = erase.state.value
        // Not an error: the core's outcome, with its message and the button's words.
        assertNull(s.problem)
        val unreachable = requireNotNull(s.unreachable)
        assertTrue(unreachable.message.isNotBlank() && unreachable.thisDeviceOnly.isNotBlank(), unreachable.toString())
        assertTrue(unreachable.message != unreachable.thisDeviceOnly)
        assertNull(s.erased)
        assertFalse(s.erasing)
        assertEquals(0, keyDeleted.get(), "nothing was erased, so the key must stay")
        assertEquals(2, store.checkins(null, null).size)
        assertTrue(dir.exists())

        // Not now: the offer goes, and the store is as it was.
        erase.dismissUnreachable()
        assertNull(erase.state.value.unreachable)
        assertFalse(runBlocking { erase.erase(localOnly = false) })
        assertTrue(erase.state.value.unreachable != null, "offered again on the next try")

        assertTrue(runBlocking { erase.erase(localOnly = true) })
        assertEquals(ServerErasure.KEPT, erase.state.value.erased)
        assertNull(erase.state.value.unreachable)
        assertEquals(1, keyDeleted.get())
        assertFalse(dir.exists())
    }

    @Test
    fun `an erase the core refuses is its problem, and nothing is erased`() {
        val dir = File(tempDir(), "store")
        val store = newStore(dir)
        store.someData()
        // The store open twice on one directory: the core refuses to erase it under the other.
        val other = newStore(dir)
        val keyDeleted = AtomicInteger()
        val erase = ErasePresenter(store) { keyDeleted.incrementAndGet() }
        assertFalse(runBlocking { erase.erase(localOnly = false) })
        assertEquals(Problem.Kind.STORAGE, erase.state.value.problem?.kind)
        assertNull(erase.state.value.unreachable, "not the server: no offer to erase this device only")
        assertEquals(0, keyDeleted.get())
        assertEquals(2, other.checkins(null, null).size)
    }

    @Test
    fun `an enrolled device is erased on the server first`() {
        val server = CompanionServer.start(tempDir())
        try {
            val store = newStore()
            val settings = SettingsPresenter(store, clock, TestPhone(store))
            assertTrue(runBlocking { settings.enroll(server.url, server.programWithInvite("Evening IOP")) })
            val erase = ErasePresenter(store) { _ -> }
            assertTrue(runBlocking { erase.erase(localOnly = false) })
            assertEquals(ServerErasure.ERASED, erase.state.value.erased)
            // The spent handle refuses every call rather than open an empty store.
            assertFalse(SettingsPresenter(store, clock, TestPhone(store)).act(SettingsAction.SetDiscreetNotifications(false)))
        } finally {
            server.stop()
        }
    }

    @Test
    fun `erasing hands the platform every alarm the OS holds, read before the store goes`() {
        val store = newStore()
        store.addSession(
            org.iopcompanion.core.SessionInput(
                title = "Group", start = java.time.LocalDateTime.of(2030, 1, 7, 9, 0), timeZone = "America/Chicago", defaultLeads = true,
            ),
        )
        val alarms = RecordingAlarms()
        ReminderPlanApplier(store, alarms).apply(Instant.parse("2030-01-01T12:00:00Z"), "America/New_York",
            org.iopcompanion.core.ClockStyle.TWELVE_HOUR, ApplyReason.LAUNCH)
        val held = store.remindersApplied()!!.held
        assertTrue(held.isNotEmpty())
        var handed: List<org.iopcompanion.core.HeldReminder>? = null
        val erase = ErasePresenter(store) { handed = it }
        assertTrue(runBlocking { erase.erase(localOnly = false) })
        assertEquals(held, handed)
        assertEquals(alarms.registered.keys, handed!!.map { it.id }.toSet())
    }
}
