package org.iopcompanion.presenters

import org.iopcompanion.core.ActionType
import org.iopcompanion.core.ContactInput
import org.iopcompanion.core.CrisisLineSource
import org.iopcompanion.core.Role
import org.iopcompanion.core.suggestedReachOutMessage
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

class ReachOutPresenterTest : StoreTest() {

    @Test
    fun `crisis lines come first, then favourites, then everyone else`() {
        val store = newStore()
        store.setDeviceRegion("US")
        store.addContact(ContactInput(name = "Dr. Rivera", role = Role.THERAPIST, phone = "(312) 555-0199"))
        store.addContact(ContactInput(name = "Sam", role = Role.SPONSOR, phone = "(201) 555-0102", favourite = true))
        store.addContact(ContactInput(name = "Mum", role = Role.FAMILY, email = "mum@example.org"))
        val reachOut = ReachOutPresenter(store)
        reachOut.refresh()
        val s = reachOut.state.value
        assertTrue(s.loaded)

        assertEquals("988 Suicide & Crisis Lifeline", s.crisisLines.first().name)
        assertEquals(CrisisLineSource.BUILT_IN, s.crisisLines.first().source)
        assertEquals(listOf("crisis:us-988", "crisis:us-samhsa", "crisis:us-crisis-text-line", "crisis:us-911"), s.crisisLines.map { it.id })
        assertEquals(listOf(false, false, false, true), s.crisisLines.map { it.emergency })

        assertEquals(listOf("Sam"), s.favourites.map { it.name })
        assertEquals(listOf("Dr. Rivera", "Mum"), s.others.map { it.name })
        assertEquals(listOf(ActionType.CALL, ActionType.TEXT), s.favourites.single().actions.map { it.kind })
        assertEquals("mailto:mum@example.org", s.others.last().actions.single().uri.substringBefore('?'))
        assertFalse(s.others.first().fromProgram)
    }

    @Test
    fun `texts open with the suggested words, or none, or the participant's own`() {
        val store = newStore()
        store.setDeviceRegion("US")
        store.addContact(ContactInput(name = "Sam", role = Role.SPONSOR, phone = "(201) 555-0102", favourite = true))
        val reachOut = ReachOutPresenter(store)
        reachOut.refresh()
        assertEquals(suggestedReachOutMessage(), reachOut.state.value.message)
        val text = reachOut.state.value.favourites.single().actions.single { it.kind == ActionType.TEXT }
        assertTrue(text.uri.startsWith("sms:+12015550102?body=Hi%2C"), text.uri)

        reachOut.setPrefillMessage(false)
        assertEquals("sms:+12015550102", reachOut.state.value.favourites.single().actions.single { it.kind == ActionType.TEXT }.uri)
        assertEquals("sms:988", reachOut.state.value.crisisLines.first().actions.single { it.kind == ActionType.TEXT }.uri)

        reachOut.setPrefillMessage(true)
        reachOut.setMessage("Can we talk?")
        val mine = reachOut.state.value.favourites.single().actions.single { it.kind == ActionType.TEXT }
        assertEquals("sms:+12015550102?body=Can%20we%20talk%3F", mine.uri)
        assertEquals(PlatformRequest.OpenUri(mine.uri, ActionType.TEXT), reachOut.open(mine))
    }

    @Test
    fun `the participant adds, stars and removes their own people, and the core checks numbers`() {
        val store = newStore()
        store.setDeviceRegion("US")
        val reachOut = ReachOutPresenter(store)
        assertTrue(reachOut.addContact(ContactDraft(name = "Sam", role = Role.SPONSOR, phone = "(201) 555-0102")))
        val sam = reachOut.state.value.others.single()
        assertEquals("tel:+12015550102", sam.actions.first().uri)
        assertTrue(reachOut.state.value.favourites.isEmpty())

        assertFalse(sam.favourite)
        assertTrue(reachOut.setFavourite(sam.id, true))
        assertEquals(listOf("Sam"), reachOut.state.value.favourites.map { it.name })
        assertTrue(reachOut.state.value.favourites.single().favourite)
        assertTrue(reachOut.state.value.others.isEmpty())

        assertFalse(reachOut.addContact(ContactDraft(name = "Nobody", phone = "(000) 000-0000")))
        assertEquals(Problem.Kind.INVALID_INPUT, reachOut.state.value.problem?.kind)
        assertFalse(reachOut.addContact(ContactDraft(name = " ")))
        assertEquals(1, store.contacts().size)

        assertTrue(reachOut.removeContact(sam.id))
        assertTrue(reachOut.state.value.favourites.isEmpty())
        // Crisis lines are built in: never removed.
        assertFalse(reachOut.removeContact("crisis:us-988"))
        assertEquals(Problem.Kind.READ_ONLY, reachOut.state.value.problem?.kind)
        assertEquals("crisis:us-988", reachOut.state.value.crisisLines.first().id)
    }

    @Test
    fun `without a known country there is still a line to call`() {
        val store = newStore()
        val reachOut = ReachOutPresenter(store)
        reachOut.refresh()
        val lines = reachOut.state.value.crisisLines
        assertTrue(lines.isNotEmpty())
        assertTrue(lines.any { l -> l.actions.any { it.uri == "tel:112" } }, lines.toString())
    }
}
