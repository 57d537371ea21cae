package org.iopcompanion.presenters

import org.iopcompanion.core.ContactInput
import org.iopcompanion.core.Role
import org.iopcompanion.core.SafetyItemInput
import org.iopcompanion.core.SafetyPlanAction
import org.iopcompanion.core.SafetySection
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

class SafetyPlanPresenterTest : StoreTest() {

    private fun SafetyPlanState.labels(section: SafetySection) =
        screen!!.sections.single { it.section == section }.items.map { it.label }

    private fun SafetyPlanState.ids(section: SafetySection) =
        screen!!.sections.single { it.section == section }.items.map { it.id }

    @Test
    fun `it shows the core's plan, and each change is the core's answer`() {
        val store = newStore()
        val plan = SafetyPlanPresenter(store)
        plan.refresh()
        assertEquals(store.safetyPlanScreen(), plan.state.value.screen)
        // Each section's heading in the core's words, numbered as the plan is.
        plan.state.value.screen!!.sections.forEach { section ->
            assertTrue(section.heading.contains(section.title) && section.heading.contains(section.number.toString()), section.heading)
        }

        val signs = SafetySection.WARNING_SIGNS
        assertTrue(plan.act(SafetyPlanAction.Add(signs, SafetyItemInput(text = "Not sleeping"))))
        assertTrue(plan.act(SafetyPlanAction.Add(signs, SafetyItemInput(text = "Skipping group"))))
        assertTrue(plan.act(SafetyPlanAction.Add(signs, SafetyItemInput(text = "Isolating"))))
        val (a, b, c) = plan.state.value.ids(signs)
        assertTrue(plan.act(SafetyPlanAction.MoveUp(c)))
        assertEquals(listOf("Not sleeping", "Isolating", "Skipping group"), plan.state.value.labels(signs))
        assertTrue(plan.act(SafetyPlanAction.MoveDown(a)))
        assertEquals(listOf("Isolating", "Not sleeping", "Skipping group"), plan.state.value.labels(signs))
        assertTrue(plan.act(SafetyPlanAction.Edit(b, SafetyItemInput(text = "Skipping group twice"))))
        // Where an item can go, each in words, in the core's order: the move menu's entries.
        val item = plan.state.value.screen!!.sections.single { it.section == signs }.items.single { it.id == b }
        assertEquals(item.moveTargets, item.moveChoices.map { it.section })
        assertTrue(SafetySection.WARNING_SIGNS !in item.moveTargets)
        val headings = plan.state.value.screen!!.sections.associate { it.section to it.heading }
        item.moveChoices.forEach { assertTrue(it.label.contains(headings.getValue(it.section)), it.label) }
        assertTrue(plan.act(SafetyPlanAction.MoveTo(b, SafetySection.COPING_STRATEGIES)))
        assertEquals(listOf("Skipping group twice"), plan.state.value.labels(SafetySection.COPING_STRATEGIES))
        assertTrue(plan.act(SafetyPlanAction.Remove(a)))
        assertEquals(listOf("Isolating"), plan.state.value.labels(signs))
        assertEquals(store.safetyPlanScreen(), plan.state.value.screen)
    }

    @Test
    fun `a linked contact brings its actions, from the core`() {
        val store = newStore()
        store.setDeviceRegion("US")
        val sam = store.addContact(ContactInput(name = "Sam", role = Role.SPONSOR, phone = "(201) 555-0102"))
        val plan = SafetyPlanPresenter(store)
        plan.refresh()
        assertTrue("Sam" in plan.state.value.screen!!.linkable.map { it.name })
        assertTrue(plan.act(SafetyPlanAction.Add(SafetySection.PEOPLE_TO_ASK, SafetyItemInput(contactId = sam.id))))
        val item = plan.state.value.screen!!.sections.single { it.section == SafetySection.PEOPLE_TO_ASK }.items.single()
        assertEquals("Sam", item.label)
        assertEquals("tel:+12015550102", item.actions.first().uri)
    }

    @Test
    fun `the plan as text is applied all or nothing, and a bad text stays open`() {
        val store = newStore()
        val plan = SafetyPlanPresenter(store)
        plan.refresh()
        plan.act(SafetyPlanAction.Add(SafetySection.WARNING_SIGNS, SafetyItemInput(text = "Not sleeping")))
        plan.beginTextEdit()
        val text = requireNotNull(plan.state.value.text)
        assertEquals(store.safetyPlanScreen().text, text)
        assertTrue(text.contains("Not sleeping"))
        val bad = "## 9. Nothing\n- x\n"
        plan.setText(bad)
        assertFalse(plan.applyText())
        assertEquals(Problem.Kind.INVALID_INPUT, plan.state.value.problem?.kind)
        assertEquals(bad, plan.state.value.text)
        assertEquals(listOf("Not sleeping"), plan.state.value.labels(SafetySection.WARNING_SIGNS))

        plan.setText(text.replace("- Not sleeping", "- Not sleeping\n- Isolating"))
        assertTrue(plan.applyText(), plan.state.value.problem?.detail)
        assertTrue(plan.state.value.lastTextChangeSummary.orEmpty().isNotBlank())
        assertNull(plan.state.value.text)
        assertEquals(1u, plan.state.value.lastTextChange?.added)
        assertEquals(listOf("Not sleeping", "Isolating"), plan.state.value.labels(SafetySection.WARNING_SIGNS))
    }

    @Test
    fun `what the core refuses changes nothing and says why`() {
        val plan = SafetyPlanPresenter(newStore())
        plan.refresh()
        assertFalse(plan.act(SafetyPlanAction.Remove("no-such-item")))
        assertEquals(Problem.Kind.NOT_FOUND, plan.state.value.problem?.kind)
        plan.dismissProblem()
        assertNull(plan.state.value.problem)
    }
}
