package org.iopcompanion.presenters

import java.net.ServerSocket
import java.time.LocalDate
import java.time.LocalTime
import kotlinx.coroutines.runBlocking
import org.iopcompanion.core.CheckInInput
import org.iopcompanion.core.CheckinExportFormat
import org.iopcompanion.core.ScheduleAction
import org.iopcompanion.core.SettingsAction
import org.iopcompanion.transport.testing.CompanionServer
import org.iopcompanion.core.ClockStyle
import org.iopcompanion.core.checkinExportFileName
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

class SettingsPresenterTest : StoreTest() {
    private val clock = clockAt("2025-06-05T16:00:00Z", "America/New_York")

    @Test
    fun `it shows the core's settings, and each preference is the core's answer`() {
        val store = newStore()
        val settings = SettingsPresenter(store, clock, TestPhone(store))
        settings.refresh()
        val screen = requireNotNull(settings.state.value.screen)
        assertEquals(store.settingsScreen(ClockStyle.TWENTY_FOUR_HOUR), screen)
        assertNull(screen.account)

        assertTrue(settings.act(SettingsAction.SetDiscreetNotifications(!screen.discreetNotifications)))
        assertEquals(!screen.discreetNotifications, settings.state.value.screen!!.discreetNotifications)
        val lead = screen.leadChoices.first { c -> screen.defaultLeads.none { it.minutes == c.minutes } }
        assertTrue(settings.act(SettingsAction.AddDefaultLead(lead.minutes)))
        assertTrue(lead in settings.state.value.screen!!.defaultLeads)
        // A chosen lead leaves the offered ones: the screen shows both lists, chosen first.
        assertFalse(lead in settings.state.value.screen!!.leadChoices)
        assertTrue(settings.act(SettingsAction.RemoveDefaultLead(lead.minutes)))
        assertFalse(lead in settings.state.value.screen!!.defaultLeads)
        assertTrue(lead in settings.state.value.screen!!.leadChoices)
        val region = screen.regionChoices.first()
        assertTrue(settings.act(SettingsAction.SetRegion(region.code)))
        assertEquals(region.code, settings.state.value.screen!!.region)
        assertTrue(settings.act(SettingsAction.SetRegion(null)))
        assertNull(settings.state.value.screen!!.region)
        assertEquals(store.settingsScreen(ClockStyle.TWENTY_FOUR_HOUR), settings.state.value.screen)

        assertFalse(settings.act(SettingsAction.SetRegion("Mars")))
        assertEquals(Problem.Kind.INVALID_INPUT, settings.state.value.problem?.kind)
    }

    @Test
    fun `the country shown is the core's name for the one in effect, and the notices are the core's`() {
        val store = newStore()
        store.setDeviceRegion("US")
        val settings = SettingsPresenter(store, clock, TestPhone(store))
        settings.refresh()
        val phone = requireNotNull(settings.state.value.screen)
        assertNull(phone.region)
        assertEquals("US", phone.effectiveRegion)
        assertEquals("United States", phone.effectiveRegionName)
        assertTrue(settings.act(SettingsAction.SetRegion("GB")))
        assertEquals("United Kingdom", settings.state.value.screen!!.effectiveRegionName)

        // What discreet mode hides, what a restore does, what erasing removes: the core's words.
        listOf(phone.discreetNotice, phone.restoreNotice, phone.eraseNotice, phone.eraseConfirmation, phone.exportNotice).forEach {
            assertTrue(it.isNotBlank(), phone.toString())
        }
        assertEquals(5, setOf(phone.discreetNotice, phone.restoreNotice, phone.eraseNotice, phone.eraseConfirmation, phone.exportNotice).size)
    }

    @Test
    fun `setting the check-in reminder asks for notifications when the core says so`() {
        val store = newStore()
        val settings = SettingsPresenter(store, clock, TestPhone(store))
        settings.refresh()
        assertTrue(settings.act(SettingsAction.SetCheckinReminder(null)))
        assertFalse(settings.state.value.askNotificationPermission)
        assertNull(settings.state.value.screen!!.checkinReminder)
        assertTrue(settings.act(SettingsAction.SetCheckinReminder(LocalTime.of(20, 30))))
        assertEquals(LocalTime.of(20, 30), settings.state.value.screen!!.checkinReminder)
        assertTrue(settings.state.value.askNotificationPermission)
        settings.permissionAsked()
        assertFalse(settings.state.value.askNotificationPermission)
    }

    @Test
    fun `check-ins export as a file with the core's type and content`() {
        val store = newStore()
        store.recordCheckin(LocalDate.of(2025, 6, 1), CheckInInput(mood = 6u, note = "=1+1"))
        val settings = SettingsPresenter(store, clock, TestPhone(store))
        settings.refresh()
        assertTrue(settings.state.value.screen!!.exportNotice.isNotBlank())
        val csv = requireNotNull(settings.exportCheckins(CheckinExportFormat.CSV))
        assertEquals("text/csv", csv.mediaType)
        // The core names the file for the phone's day (here the 5th, though UTC is on the 6th).
        val lateEvening = SettingsPresenter(store, clockAt("2025-06-06T02:00:00Z", "America/New_York"), TestPhone(store))
        val named = requireNotNull(lateEvening.exportCheckins(CheckinExportFormat.CSV)).suggestedName
        assertEquals(checkinExportFileName(CheckinExportFormat.CSV, LocalDate.of(2025, 6, 5)), named)
        assertTrue(named.contains("2025-06-05") && named.endsWith(".csv"), named)
        val text = csv.bytes.toString(Charsets.UTF_8)
        assertTrue(text.startsWith("date,"), text)
        assertTrue(text.contains("'=1+1"), "formula-like text is defused by the core")
        val fhir = requireNotNull(settings.exportCheckins(CheckinExportFormat.FHIR))
        assertEquals("application/fhir+json", fhir.mediaType)
        assertEquals(checkinExportFileName(CheckinExportFormat.FHIR, LocalDate.of(2025, 6, 5)), fhir.suggestedName)
    }

    @Test
    fun `enrolling syncs the program's schedule, which is read-only, and a tablet links`() {
        val server = CompanionServer.start(tempDir())
        try {
            val code = server.programWithInvite(
                "Evening IOP",
                "--title", "Skills group", "--start", "2030-01-07T18:00", "--tz", "America/Chicago", "--weekdays", "mo",
            )
            val phone = newStore()
            val settings = SettingsPresenter(phone, clock, TestPhone(phone))
            settings.refresh()
            val alone = requireNotNull(settings.state.value.screen)
            // Pasted with spaces around: the core trims the address and normalizes the code.
            runBlocking { assertTrue(settings.enroll(" ${server.url} ", " $code ")) }
            val s = settings.state.value
            assertNull(s.problem)
            assertNull(s.busy)
            assertEquals(server.url, s.screen?.account?.server)
            assertEquals(listOf("Evening IOP"), s.screen?.account?.programNames)
            // The account in the core's words; the erase notice now speaks of the server too.
            assertTrue(s.screen?.account?.label.orEmpty().contains("Evening IOP"), s.screen?.account?.label)
            assertTrue(s.screen!!.eraseNotice != alone.eraseNotice, s.screen.eraseNotice)
            assertEquals(true, s.lastSync?.changed)
            // The outcome lines Settings shows are the core's: what joining did, what the sync brought.
            assertTrue(s.joined.orEmpty().contains("Evening IOP"), s.joined)
            val changedLine = requireNotNull(s.lastSync?.summary)
            assertTrue(changedLine.isNotBlank())
            assertTrue(s.askNotificationPermission, "joining a program with sessions: the core's moment to ask")

            val schedule = SchedulePresenter(phone, clockAt("2030-01-06T12:00:00Z", "America/New_York"), TestPhone(phone))
            schedule.refresh()
            val group = schedule.state.value.screen!!.sessions.single()
            assertTrue(group.fromProgram)
            assertFalse(schedule.act(ScheduleAction.RemoveSession(group.id)))
            assertEquals(Problem.Kind.READ_ONLY, schedule.state.value.problem?.kind)

            runBlocking { assertTrue(settings.createLink()) }
            val link = requireNotNull(settings.state.value.linkCode)
            // The code, and what to do with it in the core's words (for how long it works, too).
            assertTrue(link.code.isNotBlank())
            assertTrue(link.summary.contains(settings.state.value.screen!!.linkMinutes.toString()), link.summary)
            settings.dismissLinkCode()
            assertNull(settings.state.value.linkCode)
            val tablet = newStore().let { SettingsPresenter(it, clock, TestPhone(it)) }
            runBlocking { assertTrue(tablet.redeemLink(server.url, " ${link.code}\n")) }
            assertEquals(listOf("Evening IOP"), tablet.state.value.screen?.account?.programNames)
            assertTrue(tablet.state.value.joined.orEmpty().isNotBlank())

            runBlocking { assertTrue(settings.syncNow()) }
            assertEquals(false, settings.state.value.lastSync?.changed)
            val unchangedLine = requireNotNull(settings.state.value.lastSync?.summary)
            assertTrue(unchangedLine != changedLine, "a sync that brought nothing says so: $unchangedLine")

            val again = newStore().let { SettingsPresenter(it, clock, TestPhone(it)) }
            runBlocking { assertFalse(again.enroll(server.url, code)) }
            assertEquals(Problem.Kind.INVALID_CODE, again.state.value.problem?.kind)
            assertNull(again.state.value.screen?.account)
        } finally {
            server.stop()
        }
    }

    @Test
    fun `no server is a network problem that can be retried, and nothing changes`() {
        val closedPort = ServerSocket(0).use { it.localPort }
        val settings = newStore().let { SettingsPresenter(it, clock, TestPhone(it)) }
        runBlocking { assertFalse(settings.enroll("http://127.0.0.1:$closedPort", "K7QF-9XMZ-2PRT")) }
        val problem = requireNotNull(settings.state.value.problem)
        assertEquals(Problem.Kind.NETWORK, problem.kind)
        assertTrue(problem.retryable)
        assertNull(settings.state.value.busy)
        assertNull(settings.state.value.screen?.account)
        runBlocking { assertFalse(settings.syncNow()) }
        assertEquals(Problem.Kind.NOT_ENROLLED, settings.state.value.problem?.kind)
    }
}
