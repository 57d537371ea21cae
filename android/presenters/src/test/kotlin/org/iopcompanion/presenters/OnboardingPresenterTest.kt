package org.iopcompanion.presenters

import kotlinx.coroutines.runBlocking
import org.iopcompanion.core.OnboardingChoice
import org.iopcompanion.core.onboardingChoiceLabel
import org.iopcompanion.transport.testing.CompanionServer
import org.iopcompanion.core.ClockStyle
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

class OnboardingPresenterTest : StoreTest() {

    @Test
    fun `first run shows the core's pages, and Alone ends it with the participant's discreet choice`() {
        val store = newStore()
        val onboarding = OnboardingPresenter(store)
        onboarding.load()
        val screen = requireNotNull(onboarding.state.value.screen)
        assertEquals(store.onboardingScreen(), screen)
        assertTrue(screen.needed)
        assertFalse(onboarding.state.value.done)
        onboarding.next()
        assertEquals(1, onboarding.state.value.page)
        repeat(screen.pages.size + 2) { onboarding.next() }
        assertEquals(screen.pages.size - 1, onboarding.state.value.page, "never past the core's last page")
        onboarding.back()
        assertEquals(screen.pages.size - 2, onboarding.state.value.page)

        // The last page's two buttons, in the core's words.
        val choices = onboarding.state.value.choices
        assertEquals(OnboardingChoice.entries, choices.map { it.value })
        assertEquals(OnboardingChoice.entries.map(::onboardingChoiceLabel), choices.map { it.label })
        assertTrue(choices.all { it.label.isNotBlank() } && choices[0].label != choices[1].label, choices.toString())

        onboarding.setDiscreet(!screen.discreetNotifications)
        onboarding.choose(OnboardingChoice.ALONE)
        assertTrue(onboarding.state.value.done)
        assertFalse(store.onboardingScreen().needed)
        assertEquals(!screen.discreetNotifications, store.settingsScreen(ClockStyle.TWENTY_FOUR_HOUR).discreetNotifications)

        val again = OnboardingPresenter(store)
        again.load()
        assertTrue(again.state.value.done, "the first run is over on this device")
    }

    @Test
    fun `Join enrols with the program's code, and a refused code keeps the form open`() {
        val server = CompanionServer.start(tempDir())
        try {
            val store = newStore()
            val onboarding = OnboardingPresenter(store)
            onboarding.load()
            onboarding.choose(OnboardingChoice.JOIN)
            assertTrue(onboarding.state.value.joining)
            assertFalse(onboarding.state.value.done)

            runBlocking { assertFalse(onboarding.enroll(server.url, "K7QF-9XMZ-2PRT")) }
            assertEquals(Problem.Kind.INVALID_CODE, onboarding.state.value.problem?.kind)
            assertTrue(onboarding.state.value.joining)
            assertFalse(onboarding.state.value.done)
            assertTrue(store.onboardingScreen().needed)

            val code = server.programWithInvite(
                "Evening IOP",
                "--title", "Skills group", "--start", "2030-01-07T18:00", "--tz", "America/Chicago", "--weekdays", "mo",
            )
            runBlocking { assertTrue(onboarding.enroll(server.url, code)) }
            assertTrue(onboarding.state.value.done)
            // The program's sessions come with reminders: the core says to ask for notifications now.
            assertTrue(onboarding.state.value.askNotificationPermission)
            onboarding.permissionAsked()
            assertFalse(onboarding.state.value.askNotificationPermission)
            assertFalse(onboarding.state.value.busy)
            assertEquals(listOf("Evening IOP"), store.settingsScreen(ClockStyle.TWENTY_FOUR_HOUR).account?.programNames)
            assertEquals(store.settingsScreen(ClockStyle.TWENTY_FOUR_HOUR).discreetNotifications, store.onboardingScreen().discreetNotifications)
        } finally {
            server.stop()
        }
    }
}
