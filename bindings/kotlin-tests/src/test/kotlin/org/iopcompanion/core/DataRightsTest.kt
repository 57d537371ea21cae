package org.iopcompanion.core

import java.io.File
import java.nio.file.Files
import java.util.concurrent.CopyOnWriteArrayList
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import org.iopcompanion.transport.testing.CompanionServer

/** Backup, restore and erase through the real library, as the apps' settings screens call them. */
class DataRightsTest {
    private val dirs = mutableListOf<File>()
    private val passphrase = "correct horse battery"

    private fun tempDir(): File = Files.createTempDirectory("companion-kt").toFile().also { dirs += it }

    @AfterEach
    fun cleanUp() {
        dirs.forEach { it.deleteRecursively() }
    }

    private fun CompanionStore.someData() {
        recordCheckin(LocalDate.parse("2025-06-01"), CheckInInput(mood = 6u, note = "first week"))
        recordCheckin(LocalDate.parse("2025-06-02"), CheckInInput(mood = 4u, craving = 7u))
        addContact(ContactInput(name = "Sam", role = Role.SPONSOR, phone = "(201) 555-0102", favourite = true))
    }

    @Test
    fun `a backup restores into a new store under another key, and listeners hear it`() {
        checkBackupPassphrase(passphrase)
        CompanionStore.open(tempDir().path, TEST_KEY, PHONE_NETWORK).use { phone ->
            phone.someData()
            val bytes = phone.backup(passphrase)
            // Sealed: nothing personal readable in the file the participant keeps.
            assertFalse(bytes.toString(Charsets.ISO_8859_1).contains("first week"))
            CompanionStore.open(tempDir().path, generateStoreKey(), PHONE_NETWORK).use { fresh ->
                val heard = CopyOnWriteArrayList<DataChange>()
                fresh.subscribe(object : ChangeListener {
                    override fun onChange(change: DataChange) {
                        heard += change
                    }
                }).use {
                    val summary = fresh.restore(bytes, passphrase)
                    assertTrue(summary.changed)
                    assertEquals(1.toUShort(), summary.formatVersion)
                    assertNull(summary.participantId)
                    assertEquals(RecordCountsRecord(0u, 0u, 0u, 0u), summary.before)
                    assertEquals(2u, summary.after.checkins)
                    assertEquals(1u, summary.after.contacts)
                    assertEquals(listOf(DataChange.LOCAL), heard)
                    assertEquals(phone.checkins(null, null), fresh.checkins(null, null))
                    assertEquals(phone.contacts(), fresh.contacts())

                    // The same file again brings nothing new: no change, nothing to hear.
                    assertFalse(fresh.restore(bytes, passphrase).changed)
                    assertEquals(1, heard.size)
                }
            }
        }
    }

    @Test
    fun `a wrong passphrase or a damaged file restores nothing`() {
        val bytes = CompanionStore.open(tempDir().path, TEST_KEY, PHONE_NETWORK).use { it.someData(); it.backup(passphrase) }
        CompanionStore.open(tempDir().path, TEST_KEY, PHONE_NETWORK).use { other ->
            other.recordCheckin(LocalDate.parse("2025-06-05"), CheckInInput(mood = 5u))
            assertThrows<CompanionException.WrongKey> { other.restore(bytes, "not the passphrase") }
            assertThrows<CompanionException.InvalidInput> { other.restore(bytes.copyOf(bytes.size / 2), passphrase) }
            assertThrows<CompanionException.InvalidInput> { other.restore("not a backup".toByteArray(), passphrase) }
            assertEquals(listOf(LocalDate.parse("2025-06-05")), other.checkins(null, null).map { it.date })
            assertTrue(other.contacts().isEmpty())
        }
        assertThrows<CompanionException.InvalidInput> { checkBackupPassphrase("short") }
    }

    @Test
    fun `erasing an enrolled device erases it on the real server, then the store refuses every call`() {
        val server = CompanionServer.start(tempDir())
        try {
            val program = server.staffJson("program", "create", "--name", "Evening IOP")["program_id"]!!
            val code = server.staffJson("invite", "create", "--program", program)["code"]!!
            val dir = File(tempDir(), "store")
            CompanionStore.open(tempDir().path, TEST_KEY, PHONE_NETWORK).use { tablet ->
                CompanionStore.open(dir.path, TEST_KEY, PHONE_NETWORK).use { phone ->
                    runBlocking {
                        phone.enroll(server.url, code)
                        phone.someData()
                        phone.sync()
                        tablet.redeemLink(server.url, phone.createLink().code)
                        tablet.sync()

                        val report = phone.erase(false)
                        assertEquals(ServerErasure.ERASED, report.server)
                        assertTrue(report.filesRemoved.contains("companion.sqlite3"), report.filesRemoved.toString())
                        assertTrue(report.directoryRemoved)
                        assertEquals(0u, report.entriesLeft)
                        assertFalse(dir.exists())

                        assertThrows<CompanionException.StoreUnusable> { phone.checkins(null, null) }
                        assertThrows<CompanionException.StoreUnusable> { phone.recordCheckin(LocalDate.parse("2025-06-03"), CheckInInput(mood = 5u)) }
                        assertThrows<CompanionException.StoreUnusable> { phone.backup(passphrase) }
                        assertThrows<CompanionException.StoreUnusable> { runBlocking { phone.sync() } }
                        assertThrows<CompanionException.StoreUnusable> { runBlocking { phone.erase(true) } }
                        assertFalse(dir.exists())

                        // The server forgot the participant: their other device is no longer known.
                        assertThrows<CompanionException.NotEnrolled> { runBlocking { tablet.sync() } }
                        assertEquals(2, tablet.checkins(null, null).size)
                    }
                }
            }
        } finally {
            server.stop()
        }
    }

    @Test
    fun `an erase the server cannot hear erases nothing, and the store stays usable`() {
        val server = CompanionServer.start(tempDir())
        val dir = File(tempDir(), "store")
        CompanionStore.open(dir.path, TEST_KEY, PHONE_NETWORK).use { phone ->
            runBlocking {
                try {
                    val program = server.staffJson("program", "create", "--name", "Evening IOP")["program_id"]!!
                    phone.enroll(server.url, server.staffJson("invite", "create", "--program", program)["code"]!!)
                    phone.someData()
                } finally {
                    server.stop()
                }
                assertThrows<CompanionException.Network> { runBlocking { phone.erase(false) } }
                assertTrue(File(dir, "companion.sqlite3").exists())
                assertEquals(2, phone.checkins(null, null).size)
                phone.recordCheckin(LocalDate.parse("2025-06-03"), CheckInInput(mood = 5u))

                // This device only: the server is not asked, and its copy remains.
                val report = phone.erase(true)
                assertEquals(ServerErasure.KEPT, report.server)
                assertFalse(dir.exists())
                assertThrows<CompanionException.StoreUnusable> { phone.account() }
            }
        }
    }
}
