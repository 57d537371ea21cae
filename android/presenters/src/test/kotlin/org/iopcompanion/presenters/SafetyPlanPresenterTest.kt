package org.iopcompanion.presenters

import org.iopcompanion.core.ContactInput
import org.iopcompanion.core.Role
import org.iopcompanion.core.SafetySection
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

class SafetyPlanPresenterTest : StoreTest() {

    private fun SafetyPlanState.labels(section: SafetySection) =
        sections.single { it.section == section }.items.map { it.label }

    @Test
    fun `all seven sections, in order, empty ones with their prompt`() {
        val plan = SafetyPlanPresenter(newStore())
        plan.refresh()
        val s = plan.state.value
        assertEquals((1..7).toList(), s.sections.map { it.number })
        assertEquals(SafetySection.entries, s.sections.map { it.section })
        assertEquals("Warning signs", s.sections.first().title)
        assertTrue(s.sections.all { it.items.isEmpty() && it.prompt.isNotBlank() })
        assertEquals(listOf(3, 4, 5), s.sections.filter { it.allowsContacts }.map { it.number })
    }

    @Test
    fun `items are added, reworded, reordered, moved and removed`() {
        val plan = SafetyPlanPresenter(newStore())
        plan.refresh()
        assertTrue(plan.add(SafetySection.WARNING_SIGNS, "Not sleeping"))
        assertTrue(plan.add(SafetySection.WARNING_SIGNS, "Skipping group"))
        assertTrue(plan.add(SafetySection.WARNING_SIGNS, " Isolating "))
        assertEquals(listOf("Not sleeping", "Skipping group", "Isolating"), plan.state.value.labels(SafetySection.WARNING_SIGNS))
        val items = plan.state.value.sections.first().items
        assertEquals(listOf(false, true, true), items.map { it.canMoveUp })
        assertEquals(listOf(true, true, false), items.map { it.canMoveDown })

        assertTrue(plan.moveUp(items[2].id))
        assertEquals(listOf("Not sleeping", "Isolating", "Skipping group"), plan.state.value.labels(SafetySection.WARNING_SIGNS))
        assertTrue(plan.moveDown(items[0].id))
        assertEquals(listOf("Isolating", "Not sleeping", "Skipping group"), plan.state.value.labels(SafetySection.WARNING_SIGNS))
        assertFalse(plan.moveUp(items[2].id), "already first")

        assertTrue(plan.editText(items[1].id, "Skipping group twice"))
        assertTrue(plan.moveTo(items[1].id, SafetySection.COPING_STRATEGIES))
        assertEquals(listOf("Skipping group twice"), plan.state.value.labels(SafetySection.COPING_STRATEGIES))
        assertTrue(plan.remove(items[0].id))
        assertEquals(listOf("Isolating"), plan.state.value.labels(SafetySection.WARNING_SIGNS))
    }

    @Test
    fun `a linked contact can be called from the plan, until it is removed`() {
        val store = newStore()
        store.setDeviceRegion("US")
        val sam = store.addContact(ContactInput(name = "Sam", role = Role.SPONSOR, phone = "(201) 555-0102"))
        val plan = SafetyPlanPresenter(store)
        plan.refresh()
        assertEquals(listOf(sam.id), plan.state.value.linkable.map { it.id })
        assertTrue(plan.add(SafetySection.PEOPLE_TO_ASK, null, sam.id))
        val item = plan.state.value.sections.single { it.section == SafetySection.PEOPLE_TO_ASK }.items.single()
        assertEquals("Sam", item.label)
        assertEquals(sam.id, item.contactId)
        assertEquals("tel:+12015550102", item.actions.first().uri)

        // Only sections 3 to 5 may link a contact.
        assertFalse(plan.add(SafetySection.WARNING_SIGNS, null, sam.id))
        assertEquals(Problem.Kind.INVALID_INPUT, plan.state.value.problem?.kind)

        store.removeContact(sam.id)
        plan.refresh()
        val gone = plan.state.value.sections.single { it.section == SafetySection.PEOPLE_TO_ASK }.items.single()
        assertEquals(sam.id, gone.contactId)
        assertEquals(emptyList<ContactAction>(), gone.actions)
    }

    @Test
    fun `the whole plan as text applies all or nothing`() {
        val plan = SafetyPlanPresenter(newStore())
        plan.refresh()
        plan.add(SafetySection.WARNING_SIGNS, "Not sleeping")
        plan.beginTextEdit()
        val text = requireNotNull(plan.state.value.text)
        assertTrue(text.contains("## 1. Warning signs\n"), text)
        assertTrue(text.contains("\n- Not sleeping\n"), text)

        // Section 7's heading is the last, so a line at the end is one of its items.
        plan.setText(text + "- My kids\n")
        assertTrue(plan.applyText())
        assertNull(plan.state.value.text)
        assertEquals(1, plan.state.value.lastTextChange?.added?.toInt())
        assertEquals(listOf("My kids"), plan.state.value.labels(SafetySection.REASONS_TO_LIVE))

        plan.beginTextEdit()
        plan.setText("## 1.\n- private words\n## 9. Nine\n")
        assertFalse(plan.applyText())
        val problem = requireNotNull(plan.state.value.problem)
        assertEquals(Problem.Kind.INVALID_INPUT, problem.kind)
        assertTrue(problem.detail.contains("line 3"), problem.detail)
        assertFalse(problem.detail.contains("private words"))
        assertEquals("## 1.\n- private words\n## 9. Nine\n", plan.state.value.text, "the text stays open to fix")
        assertEquals(listOf("Not sleeping"), plan.state.value.labels(SafetySection.WARNING_SIGNS))
        plan.cancelTextEdit()
        assertNull(plan.state.value.text)
    }
}
