package org.iopcompanion.presenters

import org.iopcompanion.core.ActionType
import org.iopcompanion.core.ContactInput
import org.iopcompanion.core.ReachOutAction
import org.iopcompanion.core.Role
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

class ReachOutPresenterTest : StoreTest() {

    @Test
    fun `it shows the core's list, with the core's suggested words in texts`() {
        val store = newStore()
        store.setDeviceRegion("US")
        store.addContact(ContactInput(name = "Sam", role = Role.SPONSOR, phone = "(201) 555-0102", favourite = true))
        val reachOut = ReachOutPresenter(store)
        reachOut.refresh()
        val s = reachOut.state.value
        val screen = requireNotNull(s.screen)
        assertEquals(screen.suggestedMessage, s.message)
        assertEquals(store.reachOutScreen(screen.suggestedMessage), screen)
        assertEquals("crisis:us-988", screen.crisisLines.first().id)
        // Whose crisis lines these are, by name: no lookup of the region's choices here.
        assertEquals("US", screen.region)
        assertEquals("United States", screen.regionName)
        val text = screen.favourites.single().actions.single { it.kind == ActionType.TEXT }
        assertTrue(text.uri.startsWith("sms:+12015550102?body="), text.uri)
        assertEquals(PlatformRequest.OpenUri(text.uri, ActionType.TEXT), PlatformRequest.OpenUri.of(text))
    }

    @Test
    fun `texts open with the participant's words, or none`() {
        val store = newStore()
        store.setDeviceRegion("US")
        store.addContact(ContactInput(name = "Sam", role = Role.SPONSOR, phone = "(201) 555-0102", favourite = true))
        val reachOut = ReachOutPresenter(store)
        reachOut.refresh()
        fun smsToSam() = reachOut.state.value.screen!!.favourites.single().actions.single { it.kind == ActionType.TEXT }.uri
        reachOut.setMessage("Can we talk?")
        assertEquals("sms:+12015550102?body=Can%20we%20talk%3F", smsToSam())
        reachOut.setPrefill(false)
        assertEquals("sms:+12015550102", smsToSam())
        assertEquals("Can we talk?", reachOut.state.value.message, "the words stay for when prefill is on again")
    }

    @Test
    fun `people are added, edited, starred and removed through the core`() {
        val store = newStore()
        store.setDeviceRegion("US")
        val reachOut = ReachOutPresenter(store)
        reachOut.refresh()
        assertTrue(reachOut.openContactForm(null))
        val form = (reachOut.state.value.dialog as ReachOutDialog.ContactForm).form
        assertEquals(store.contactForm(null), form)
        reachOut.editContactForm { it.copy(name = "Sam", role = Role.SPONSOR, phone = "(201) 555-0102") }
        assertTrue(reachOut.saveContactForm())
        assertNull(reachOut.state.value.dialog)
        val sam = reachOut.state.value.screen!!.others.single()
        assertEquals("tel:+12015550102", sam.actions.first().uri)

        assertTrue(reachOut.act(ReachOutAction.SetFavourite(sam.id, true)))
        assertEquals(listOf("Sam"), reachOut.state.value.screen!!.favourites.map { it.name })
        assertTrue(reachOut.openContactForm(sam.id))
        assertEquals("(201) 555-0102", (reachOut.state.value.dialog as ReachOutDialog.ContactForm).edited.phone)
        // The tablet adds an email meanwhile; the rename here keeps it.
        store.reachOutAct(ReachOutAction.SaveContactForm(sam.id, store.contactForm(sam.id).values, store.contactForm(sam.id).values.copy(email = "sam@example.org")), null)
        reachOut.editContactForm { it.copy(name = "Sam R.") }
        assertTrue(reachOut.saveContactForm())
        assertEquals("Sam R.", reachOut.state.value.screen!!.favourites.single().name)
        assertEquals("sam@example.org", store.contactForm(sam.id).values.email)
        assertTrue(reachOut.act(ReachOutAction.RemoveContact(sam.id)))
        assertTrue(reachOut.state.value.screen!!.favourites.isEmpty() && reachOut.state.value.screen!!.others.isEmpty())
        assertEquals(store.reachOutScreen(reachOut.state.value.message), reachOut.state.value.screen)
    }

    @Test
    fun `a refused contact keeps the form open and the screen as it was`() {
        val store = newStore()
        store.setDeviceRegion("US")
        val reachOut = ReachOutPresenter(store)
        reachOut.refresh()
        val before = reachOut.state.value.screen
        assertTrue(reachOut.openContactForm(null))
        reachOut.editContactForm { it.copy(name = "Nobody", phone = "(000) 000-0000") }
        val typed = reachOut.state.value.dialog
        assertFalse(reachOut.saveContactForm())
        assertEquals(Problem.Kind.INVALID_INPUT, reachOut.state.value.problem?.kind)
        assertEquals(typed, reachOut.state.value.dialog, "the form keeps what was typed")
        assertFalse(reachOut.openContactForm("crisis:us-988"))
        assertEquals(Problem.Kind.READ_ONLY, reachOut.state.value.problem?.kind)
        assertEquals(before, reachOut.state.value.screen)
        assertFalse(reachOut.act(ReachOutAction.RemoveContact("crisis:us-988")))
        assertEquals(Problem.Kind.READ_ONLY, reachOut.state.value.problem?.kind)
    }
}
