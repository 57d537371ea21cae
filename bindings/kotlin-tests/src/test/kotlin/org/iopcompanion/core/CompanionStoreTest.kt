package org.iopcompanion.core

import java.io.File
import java.nio.file.Files
import java.time.Instant
import java.time.temporal.ChronoUnit
import java.util.concurrent.CopyOnWriteArrayList
import java.time.Duration
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withContext
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTimeoutPreemptively
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import org.iopcompanion.transport.testing.CompanionServer
import org.iopcompanion.transport.testing.FaultProxy

/** The whole participant flow through the real library, as the Android app will call it. */
class CompanionStoreTest {
    private val dirs = mutableListOf<File>()

    private fun tempDir(): File = Files.createTempDirectory("companion-kt").toFile().also { dirs += it }

    @AfterEach
    fun cleanUp() {
        dirs.forEach { it.deleteRecursively() }
    }

    @Test
    fun `the core's scales reach the app, and a mistaken answer can be taken back`() {
        val limits = limits()
        assertEquals(1.toUByte(), limits.moodMin)
        assertEquals(10.toUByte(), limits.moodMax)
        assertEquals(64u, limits.iosPendingLimit)
        val dir = tempDir().path
        assertFalse(storeExists(dir))
        CompanionStore.open(dir, TEST_KEY, PHONE_NETWORK).use { store ->
            assertTrue(storeExists(dir))
            store.recordCheckin(LocalDate.parse("2025-06-02"), CheckInInput(mood = 4u, craving = 9u))
            val fixed = store.recordCheckin(LocalDate.parse("2025-06-02"), CheckInInput(clear = listOf(CheckInField.CRAVING)))
            assertNull(fixed.craving)
            assertThrows<CompanionException.InvalidInput> {
                store.recordCheckin(LocalDate.parse("2025-06-02"), CheckInInput(craving = 2u, clear = listOf(CheckInField.CRAVING)))
            }
        }
    }

    @Test
    fun `a store opens only with its key`() {
        val dir = tempDir().path
        val key = generateStoreKey()
        assertEquals(32, key.size)
        CompanionStore.open(dir, key, PHONE_NETWORK).use { it.recordCheckin(LocalDate.parse("2025-06-02"), CheckInInput(mood = 5u, note = "sealed")) }
        assertThrows<CompanionException.WrongKey> { CompanionStore.open(dir, ByteArray(32) { 1 }, PHONE_NETWORK) }
        assertThrows<CompanionException.InvalidInput> { CompanionStore.open(dir, ByteArray(16), PHONE_NETWORK) }
        CompanionStore.open(dir, key, PHONE_NETWORK).use { assertEquals("sealed", it.checkin(LocalDate.parse("2025-06-02"))?.note) }
        val raw = File(dir, "companion.sqlite3").readBytes().toString(Charsets.ISO_8859_1)
        assertFalse(raw.contains("sealed"))
    }

    @Test
    fun `crisis lines work offline, first, and cannot be removed`() {
        CompanionStore.open(tempDir().path, TEST_KEY, PHONE_NETWORK).use { store ->
            store.setDeviceRegion("US")
            val lines = store.crisisLines()
            assertEquals("crisis:us-988", lines.first().id)
            assertEquals(CrisisLineSource.BUILT_IN, lines.first().source)
            assertEquals(listOf("tel:988", "sms:988"), lines.first().actions.map { it.uri })
            assertTrue(lines.last().emergency)
            assertThrows<CompanionException.ReadOnly> { store.removeContact("crisis:us-988") }
            assertThrows<CompanionException.InvalidInput> { store.setDeviceRegion("Mars") }

            store.addContact(ContactInput(name = "Sam", role = Role.SPONSOR, phone = "(201) 555-0102", favourite = true))
            val reach = store.reachOut(suggestedReachOutMessage())
            assertEquals(lines.map { it.id }, reach.crisisLines.map { it.id })
            val text = reach.favourites.single().actions.single { it.kind == ActionType.TEXT }
            assertTrue(text.uri.startsWith("sms:+12015550102?body=Hi%2C"), text.uri)
            assertThrows<CompanionException.InvalidInput> {
                store.addContact(ContactInput(name = "X", phone = "(000) 000-0000"))
            }
        }
    }

    @Test
    fun `a participant's day through every local call`() {
        CompanionStore.open(tempDir().path, TEST_KEY, PHONE_NETWORK).use { store ->
            assertTrue(store.suggestedEmotions().contains("hopeful"))
            val saved = store.recordCheckin(
                LocalDate.parse("2025-06-02"),
                CheckInInput(mood = 6u, craving = 2u, emotions = listOf("Hopeful"), sleepHours = 7.5, note = "Good group."),
            )
            assertEquals(listOf("hopeful"), saved.emotions)
            assertTrue(saved.updatedAt >= saved.createdAt)
            store.recordCheckin(LocalDate.parse("2025-06-02"), CheckInInput(craving = 4u))
            assertEquals(4.toUByte(), store.checkin(LocalDate.parse("2025-06-02"))?.craving)
            assertEquals(1, store.checkins(LocalDate.parse("2025-06-01"), null).size)
            assertNull(store.checkin(LocalDate.parse("2025-06-03")))

            val sam = store.addContact(ContactInput(name = "Sam", role = Role.SPONSOR, phone = "+1 312 555 0100"))
            store.editContact(sam.id, ContactInput(favourite = true))
            assertTrue(store.contacts().single().favourite)

            val group = store.addSession(
                SessionInput(
                    title = "Process group", kind = SessionKind.PROCESS_GROUP, start = LocalDateTime.parse("2025-06-02T09:00"),
                    timeZone = "America/Chicago", durationMinutes = 180u,
                    recurrence = RecurrenceRecord(listOf(Weekday.MONDAY, Weekday.WEDNESDAY), 1u, null, 10u),
                    reminderLeads = listOf(60u, 15u),
                ),
            )
            assertEquals(listOf(Weekday.MONDAY, Weekday.WEDNESDAY), group.recurrence?.weekdays)
            val week = store.occurrences(Instant.parse("2025-06-02T00:00:00Z"), Instant.parse("2025-06-09T00:00:00Z"))
            assertEquals(listOf(LocalDate.parse("2025-06-02"), LocalDate.parse("2025-06-04")), week.map { it.seriesDate })
            // 09:00 in Chicago (CDT) is 14:00 UTC: a java.time.Instant on this side.
            assertEquals(Instant.parse("2025-06-02T14:00:00Z"), week[0].start)

            val today = store.today(Instant.parse("2025-06-02T16:00:00Z"), "America/New_York")
            assertEquals(LocalDate.parse("2025-06-02"), today.date)
            assertEquals(1, today.sessions.size)
            assertEquals(6.toUByte(), today.checkin?.mood)
            assertEquals("Sam", today.favourites.single().name)

            store.editPreferences(PreferencesInput(checkinReminderOff = true, discreetNotifications = false))
            val prefs = store.preferences()
            assertNull(prefs.checkinReminder)
            assertFalse(prefs.discreetNotifications)
            // The reminders the phone hands its OS, worded by the core.
            val ctx = ReminderContext(
                now = Instant.parse("2025-06-01T00:00:00Z"), zone = "America/New_York",
                platform = ReminderPlatform.ANDROID, clockStyle = ClockStyle.TWENTY_FOUR_HOUR,
                exactAlarmsAllowed = true, osCleared = false,
            )
            val first = store.reminderChanges(ctx, emptyList())
            assertTrue(first.cancel.isEmpty())
            val firstGroup = first.schedule.first()
            assertEquals(Instant.parse("2025-06-02T13:00:00Z"), firstGroup.reminder.fireAt)
            assertEquals(ReminderKind.SESSION, firstGroup.reminder.kind)
            assertEquals("Process group", firstGroup.notification.title)
            assertEquals(NotificationChannel.SESSION_REMINDERS, firstGroup.notification.channel)
            assertTrue(firstGroup.exact)
            store.recordRemindersApplied(ctx.now, ctx.zone, ctx.clockStyle, first.heldAfter)
            assertEquals(first.heldAfter, store.remindersApplied()?.held)
            store.cancelOccurrence(group.id, LocalDate.parse("2025-06-04"))
            val changes = store.reminderChanges(ctx, first.heldAfter)
            assertEquals(2, changes.cancel.size)
            assertTrue(changes.schedule.isEmpty())
            store.restoreOccurrence(group.id, LocalDate.parse("2025-06-04"))
            val moved = store.moveOccurrence(group.id, LocalDate.parse("2025-06-09"), LocalDateTime.parse("2025-06-10T13:00"), 90u)
            assertEquals(LocalDateTime.parse("2025-06-10T13:00"), moved.changes.single().movedTo)

            // Attendance looks back from now: a one-off session three days ago.
            val now = Instant.now()
            val threeDaysAgo = LocalDate.ofInstant(now.minus(3, ChronoUnit.DAYS), java.time.ZoneOffset.UTC)
            val past = store.addSession(SessionInput(title = "Individual", start = threeDaysAgo.atTime(0, 30), timeZone = "UTC"))
            store.markAttendance(past.id, threeDaysAgo, AttendanceMark.MISSED, now)
            store.markAttendance(past.id, threeDaysAgo, AttendanceMark.ATTENDED, now)
            assertEquals(AttendanceMark.ATTENDED, store.attendance(now, 7).single { it.occurrence.sessionId == past.id }.attendance)
            assertThrows<CompanionException.InvalidInput> {
                store.markAttendance(group.id, LocalDate.parse("2025-06-03"), AttendanceMark.ATTENDED, now)
            }
            store.removeSession(past.id)
            assertTrue(store.exportIcs().startsWith("BEGIN:VCALENDAR"))
            store.editSession(group.id, SessionInput(location = "Room 2"))
            assertEquals("Room 2", store.sessions().single().location)

            store.deleteCheckin(LocalDate.parse("2025-06-02"))
            store.removeContact(sam.id)
            store.removeSession(group.id)
            assertTrue(store.checkins(null, null).isEmpty() && store.contacts().isEmpty() && store.sessions().isEmpty())
            assertNull(store.account())
        }
    }

    @Test
    fun `bad input raises the right exception and changes nothing`() {
        CompanionStore.open(tempDir().path, TEST_KEY, PHONE_NETWORK).use { store ->
            store.recordCheckin(LocalDate.parse("2025-06-02"), CheckInInput(mood = 5u))
            assertThrows<CompanionException.InvalidInput> { store.recordCheckin(LocalDate.parse("2025-06-02"), CheckInInput(mood = 11u)) }
            assertThrows<CompanionException.InvalidInput> { store.recordCheckin(LocalDate.parse("2025-06-03"), CheckInInput(note = "x".repeat(5000), mood = 5u)) }
            assertThrows<CompanionException.NotFound> { store.removeContact("no-such-id") }
            assertThrows<CompanionException.InvalidInput> { store.addContact(ContactInput(name = "  ")) }
            assertThrows<CompanionException.UnknownTimeZone> { store.today(Instant.now(), "Mars/Olympus") }
            assertThrows<CompanionException.UnknownTimeZone> {
                store.addSession(SessionInput(title = "x", start = LocalDateTime.parse("2025-06-02T09:00"), timeZone = "Nowhere/City"))
            }
            assertThrows<CompanionException.UnknownTimeZone> {
                store.reminderChanges(
                    ReminderContext(Instant.now(), "Mars/Olympus", ReminderPlatform.ANDROID, ClockStyle.TWELVE_HOUR, true, false),
                    emptyList(),
                )
            }
            assertThrows<CompanionException.NotEnrolled> { runBlocking { store.sync() } }
            assertEquals(5.toUByte(), store.checkins(null, null).single().mood)
        }
        val damaged = tempDir()
        File(damaged, "companion.sqlite3").writeText("this is not a database at all")
        assertThrows<CompanionException.StoreUnusable> { CompanionStore.open(damaged.path, TEST_KEY, PHONE_NETWORK) }
        assertEquals("this is not a database at all", File(damaged, "companion.sqlite3").readText())
    }

    @Test
    fun `listeners hear changes, their exceptions come back as a variant, and cancel stops them`() {
        CompanionStore.open(tempDir().path, TEST_KEY, PHONE_NETWORK).use { store ->
            val heard = CopyOnWriteArrayList<DataChange>()
            val calm = store.subscribe(object : ChangeListener {
                override fun onChange(change: DataChange) {
                    heard += change
                }
            })
            val throwing = store.subscribe(object : ChangeListener {
                override fun onChange(change: DataChange) {
                    throw IllegalStateException("the app's listener failed")
                }
            })
            store.recordCheckin(LocalDate.parse("2025-06-02"), CheckInInput(mood = 7u))
            assertEquals(listOf(DataChange.LOCAL), heard)
            assertNotNull(throwing.lastError())
            assertNull(calm.lastError())
            // The check-in is saved although a listener threw.
            assertEquals(7.toUByte(), store.checkin(LocalDate.parse("2025-06-02"))?.mood)
            calm.cancel()
            store.recordCheckin(LocalDate.parse("2025-06-02"), CheckInInput(mood = 8u))
            assertEquals(1, heard.size)
            throwing.close()
            calm.close()
        }
    }

    @Test
    fun `sync against a real companion-server, and the listener hears it`() {
        val server = CompanionServer.start(tempDir())
        try {
            val program = server.staffJson("program", "create", "--name", "Evening IOP")["program_id"]!!
            server.staff("program", "session", "add", "--program", program, "--title", "Skills group",
                "--start", "2030-01-07T18:00", "--tz", "America/Chicago", "--weekdays", "mo")
            val code = server.staffJson("invite", "create", "--program", program)["code"]!!
            CompanionStore.open(tempDir().path, TEST_KEY, PHONE_NETWORK).use { phone ->
                CompanionStore.open(tempDir().path, TEST_KEY, PHONE_NETWORK).use { tablet ->
                    runBlocking {
                        val joined = phone.enroll(server.url, code)
                        assertEquals(listOf("Evening IOP"), joined.account.programNames)
                        phone.recordCheckin(LocalDate.parse("2025-06-02"), CheckInInput(mood = 6u, note = "from the phone"))
                        val first = phone.sync()
                        assertTrue(first.changed)
                        assertEquals("Skills group", phone.sessions().single().title)
                        assertNotNull(phone.sessions().single().programId)
                        assertThrows<CompanionException.ReadOnly> {
                            phone.editSession(phone.sessions().single().id, SessionInput(title = "mine"))
                        }

                        val heard = CopyOnWriteArrayList<DataChange>()
                        tablet.subscribe(object : ChangeListener {
                            override fun onChange(change: DataChange) {
                                heard += change
                            }
                        }).use {
                            tablet.redeemLink(server.url, phone.createLink().code)
                            val report = tablet.sync()
                            assertTrue(report.changed)
                            assertTrue(heard.contains(DataChange.SYNCED))
                            assertEquals("from the phone", tablet.checkin(LocalDate.parse("2025-06-02"))?.note)
                        }
                        assertThrows<CompanionException.InvalidCode> {
                            runBlocking { CompanionStore.open(tempDir().path, TEST_KEY, PHONE_NETWORK).use { it.enroll(server.url, code) } }
                        }
                        val poll = phone.sync()
                        assertFalse(poll.changed)
                    }
                }
            }
        } finally {
            server.stop()
        }
    }
    @Test
    fun `a check-in saved while a sync waits on the network goes ahead and is synced next time`() {
        val server = CompanionServer.start(tempDir())
        val proxy = FaultProxy(server.address)
        try {
            val program = server.staffJson("program", "create", "--name", "Evening IOP")["program_id"]!!
            val code = server.staffJson("invite", "create", "--program", program)["code"]!!
            CompanionStore.open(tempDir().path, TEST_KEY, PHONE_NETWORK).use { phone ->
                runBlocking {
                    phone.enroll(proxy.url, code)
                    proxy.holdNextSync()
                    val syncing = async(Dispatchers.IO) { phone.sync() }
                    withContext(Dispatchers.IO) { proxy.held.await() }
                    // The sync's request is on the wire and unanswered. If the sync still held
                    // the store, this call would wait for ever: the timeout only turns that
                    // deadlock into a failure, it measures nothing.
                    assertTimeoutPreemptively(Duration.ofSeconds(60)) {
                        phone.recordCheckin(LocalDate.parse("2025-06-02"), CheckInInput(mood = 4u, note = "typed during a sync"))
                    }
                    proxy.release()
                    syncing.await()
                    phone.sync()
                    CompanionStore.open(tempDir().path, TEST_KEY, PHONE_NETWORK).use { tablet ->
                        tablet.redeemLink(proxy.url, phone.createLink().code)
                        tablet.sync()
                        assertEquals("typed during a sync", tablet.checkin(LocalDate.parse("2025-06-02"))?.note)
                    }
                }
            }
        } finally {
            proxy.close()
            server.stop()
        }
    }
}
