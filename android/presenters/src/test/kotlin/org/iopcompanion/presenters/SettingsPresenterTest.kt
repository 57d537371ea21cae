package org.iopcompanion.presenters

import java.net.ServerSocket
import java.time.LocalTime
import kotlinx.coroutines.runBlocking
import org.iopcompanion.core.CheckInInput
import org.iopcompanion.core.CheckinExportFormat
import org.iopcompanion.transport.testing.CompanionServer
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

class SettingsPresenterTest : StoreTest() {
    private val clock = clockAt("2025-06-05T16:00:00Z", "America/New_York")

    @Test
    fun `the defaults are the core's - discreet notifications on, a check-in reminder at 20 00, one hour ahead`() {
        val settings = SettingsPresenter(newStore(), clock)
        settings.load()
        val s = settings.state.value
        assertTrue(s.loaded)
        assertTrue(s.discreetNotifications)
        assertEquals(LocalTime.of(20, 0), s.checkinReminder)
        assertEquals(listOf(60), s.defaultLeads)
        assertNull(s.region)
        assertNull(s.account)
    }

    @Test
    fun `preferences are saved in the core and read back`() {
        val store = newStore()
        val settings = SettingsPresenter(store, clock)
        settings.load()
        assertTrue(settings.setDiscreetNotifications(false))
        assertTrue(settings.setDefaultLeads(listOf(60, 15, 60)))
        assertTrue(settings.setRegion("ca"))
        val prefs = store.preferences()
        assertFalse(prefs.discreetNotifications)
        assertEquals(listOf(60u, 15u), prefs.defaultReminderLeads)
        assertEquals("CA", prefs.region)
        assertEquals(listOf(60, 15), settings.state.value.defaultLeads)
        assertEquals("CA", settings.state.value.region)

        assertTrue(settings.setRegion(null))
        assertNull(store.preferences().region)

        assertFalse(settings.setDefaultLeads(listOf(20_000)))
        assertEquals(Problem.Kind.INVALID_INPUT, settings.state.value.problem?.kind)
        assertFalse(settings.setRegion("Mars"))
        assertEquals(listOf(60u, 15u), store.preferences().defaultReminderLeads)
    }

    @Test
    fun `setting the check-in reminder is the moment to ask for notifications`() {
        val store = newStore()
        val settings = SettingsPresenter(store, clock)
        settings.load()
        settings.setCheckinReminder(LocalTime.of(20, 30))
        assertEquals(LocalTime.of(20, 30), settings.state.value.checkinReminder)
        assertEquals("20:30", store.preferences().checkinReminder)
        assertTrue(settings.state.value.reminderMoment)
        settings.reminderMomentHandled()

        // Turning it off is not; turning it on again is.
        settings.setCheckinReminder(null)
        assertFalse(settings.state.value.reminderMoment)
        assertNull(store.preferences().checkinReminder)
        assertNull(settings.state.value.checkinReminder)
        settings.setCheckinReminder(LocalTime.of(8, 0))
        assertTrue(settings.state.value.reminderMoment)
    }

    @Test
    fun `check-ins export as a file with the core's name, type and content`() {
        val store = newStore()
        store.recordCheckin("2025-06-01", CheckInInput(mood = 6u, note = "=1+1"))
        val settings = SettingsPresenter(store, clock)
        assertTrue(settings.state.value.exportNotice.contains("not encrypted"), settings.state.value.exportNotice)
        val csv = requireNotNull(settings.exportCheckins(CheckinExportFormat.CSV))
        assertEquals("checkins-2025-06-05.csv", csv.suggestedName)
        assertEquals("text/csv", csv.mediaType)
        val text = csv.bytes.toString(Charsets.UTF_8)
        assertTrue(text.startsWith("date,"), text)
        assertTrue(text.contains("'=1+1"), "formula-like text is defused by the core")
        val fhir = requireNotNull(settings.exportCheckins(CheckinExportFormat.FHIR))
        assertEquals("application/fhir+json", fhir.mediaType)
        assertTrue(fhir.suggestedName.endsWith(".json"))
    }

    @Test
    fun `enrolling syncs the program's schedule, which the participant sees read-only`() {
        val server = CompanionServer.start(tempDir())
        try {
            val code = server.programWithInvite(
                "Evening IOP",
                "--title", "Skills group", "--start", "2030-01-07T18:00", "--tz", "America/Chicago", "--weekdays", "mo",
            )
            val phone = newStore()
            val settings = SettingsPresenter(phone, clock)
            settings.load()
            runBlocking { assertTrue(settings.enroll(server.url, " $code ")) }
            val s = settings.state.value
            assertNull(s.problem)
            assertNull(s.busy)
            assertEquals(AccountView(server.url, listOf("Evening IOP")), s.account)
            assertEquals(true, s.lastSync?.changed)

            val schedule = SchedulePresenter(phone, clockAt("2030-01-06T12:00:00Z", "America/New_York"))
            schedule.refresh()
            val group = schedule.state.value.sessions.single()
            assertTrue(group.fromProgram)
            assertTrue(schedule.state.value.days.first().occurrences.single().fromProgram)
            assertFalse(schedule.removeSession(group.id))
            assertEquals(Problem.Kind.READ_ONLY, schedule.state.value.problem?.kind)

            // Linking the participant's tablet with a code from the phone.
            runBlocking { assertTrue(settings.createLink()) }
            val linkCode = requireNotNull(settings.state.value.linkCode)
            settings.dismissLinkCode()
            assertNull(settings.state.value.linkCode)
            val tablet = SettingsPresenter(newStore(), clock)
            runBlocking { assertTrue(tablet.redeemLink(server.url, linkCode)) }
            assertEquals(listOf("Evening IOP"), tablet.state.value.account?.programNames)

            runBlocking { assertTrue(settings.syncNow()) }
            assertEquals(false, settings.state.value.lastSync?.changed)

            // An invitation works once.
            val again = SettingsPresenter(newStore(), clock)
            runBlocking { assertFalse(again.enroll(server.url, code)) }
            assertEquals(Problem.Kind.INVALID_CODE, again.state.value.problem?.kind)
            assertNull(again.state.value.account)
        } finally {
            server.stop()
        }
    }

    @Test
    fun `no server is a network problem that can be retried, and nothing changes`() {
        val closedPort = ServerSocket(0).use { it.localPort }
        val settings = SettingsPresenter(newStore(), clock)
        runBlocking { assertFalse(settings.enroll("http://127.0.0.1:$closedPort", "K7QF-9XMZ-2PRT")) }
        val problem = requireNotNull(settings.state.value.problem)
        assertEquals(Problem.Kind.NETWORK, problem.kind)
        assertTrue(problem.retryable)
        assertNull(settings.state.value.busy)
        assertNull(settings.state.value.account)
        runBlocking { assertFalse(settings.syncNow()) }
        assertEquals(Problem.Kind.NOT_ENROLLED, settings.state.value.problem?.kind)
        assertNotNull(settings.state.value.problem?.detail)
    }
}
