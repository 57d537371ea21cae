package org.iopcompanion.core

import java.io.File
import java.nio.file.Files
import java.time.Instant
import java.util.concurrent.CopyOnWriteArrayList
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

/** Insights, the chart's series, the safety plan and check-in exports through the real library. */
class InsightsAndSafetyPlanTest {
    private val dirs = mutableListOf<File>()

    /** The one place this class opens a store. */
    private fun openStore(): CompanionStore =
        CompanionStore.open(Files.createTempDirectory("companion-kt").toFile().also { dirs += it }.path, TEST_KEY, PHONE_NETWORK)

    @AfterEach
    fun cleanUp() {
        dirs.forEach { it.deleteRecursively() }
    }

    /**
     * Sun 1 June mood 6 craving 2 slept 7.5 h, Tue 3 June mood 4 craving 8 slept 5 h, Wed 4 June
     * mood 5 craving 8; Monday 2 June missed. Read as of Thursday 5 June, not checked in yet.
     */
    private fun threeCheckins(store: CompanionStore) {
        store.recordCheckin(LocalDate.parse("2025-06-01"), CheckInInput(mood = 6u, craving = 2u, sleepHours = 7.5))
        store.recordCheckin(LocalDate.parse("2025-06-03"), CheckInInput(mood = 4u, craving = 8u, sleepHours = 5.0))
        store.recordCheckin(LocalDate.parse("2025-06-04"), CheckInInput(mood = 5u, craving = 8u))
    }

    @Test
    fun `insights match figures worked by hand, and the nudge fires at cravings 8 and 8`() {
        openStore().use { store ->
            threeCheckins(store)
            val sam = store.addContact(ContactInput(name = "Sam", role = Role.SPONSOR))

            val i = store.insights(LocalDate.parse("2025-06-05"))
            assertEquals(LocalDate.parse("2025-06-05"), i.today)
            assertFalse(i.checkedInToday)
            assertEquals(3u, i.totalCheckins)
            assertEquals(LocalDate.parse("2025-06-01"), i.firstCheckin)
            assertEquals(LocalDate.parse("2025-06-04"), i.latestCheckin)
            // The ISO week starts on Monday 2 June.
            assertEquals(2u, i.thisWeek)
            assertEquals(3u, i.thisMonth)
            // 3 and 4 June: a run still counts while today is open.
            assertEquals(2u, i.currentRun)
            assertEquals(2u, i.longestRun)
            val week = i.last7Days
            assertEquals(LocalDate.parse("2025-05-30"), week.from)
            assertEquals(3u, week.checkins)
            assertEquals(1u, week.missed)
            // (6 + 4 + 5) / 3, (2 + 8 + 8) / 3, (7.5 + 5) / 2.
            assertEquals(5.0, week.mood.mean)
            assertEquals(6.0, week.craving.mean)
            assertEquals(6.25, week.sleepHours)
            assertEquals(2u, week.sleepCount)
            assertNull(week.mood.previousMean)
            assertEquals(Trend.NOT_ENOUGH_DATA, week.mood.trend)
            assertEquals(1u, i.last30Days.missed)
            assertEquals(1u, i.sleepAndMood.shortNights)
            assertNull(i.sleepAndMood.moodAfterShortNights)

            val nudge = i.nudge!!
            assertEquals(listOf(NudgeReason.HIGH_CRAVINGS), nudge.reasons)
            assertTrue(nudge.message.startsWith("Cravings have been strong lately."), nudge.message)
            assertEquals(listOf(sam.id), nudge.contacts.map { it.id })
            assertEquals(Role.SPONSOR, nudge.contacts.single().role)

            // One craving of 8 among the latest three: no nudge.
            store.recordCheckin(LocalDate.parse("2025-06-04"), CheckInInput(craving = 3u))
            assertNull(store.insights(LocalDate.parse("2025-06-05")).nudge)
        }
    }

    @Test
    fun `the chart series has a point per day and marks only missed days`() {
        openStore().use { store ->
            threeCheckins(store)
            val series = store.moodSeries(LocalDate.parse("2025-06-05"), 7u)
            assertEquals(7, series.size)
            assertEquals(LocalDate.parse("2025-05-30"), series.first().date)
            assertEquals(LocalDate.parse("2025-06-05"), series.last().date)
            assertEquals(listOf(null, null, 6, null, 4, 5, null), series.map { it.mood?.toInt() })
            assertEquals(listOf(null, null, 2, null, 8, 8, null), series.map { it.craving?.toInt() })
            assertEquals(7.5, series[2].sleepHours)
            // Not the days before the first check-in, nor today.
            assertEquals(listOf(LocalDate.parse("2025-06-02")), series.filter { it.missed }.map { it.date })
            assertEquals(366, store.moodSeries(LocalDate.parse("2025-06-05"), 366u).size)

            assertThrows<CompanionException.InvalidInput> { store.moodSeries(LocalDate.parse("2025-06-05"), 0u) }
            assertThrows<CompanionException.InvalidInput> { store.moodSeries(LocalDate.parse("2025-06-05"), 367u) }
            assertThrows<CompanionException.InvalidInput> { store.insights(LocalDate.parse("1800-01-01")) }
        }
    }

    @Test
    fun `the safety plan, item by item and as text, with its errors`() {
        openStore().use { store ->
            store.setDeviceRegion("US")
            val sam = store.addContact(ContactInput(name = "Sam", phone = "(201) 555-0102"))
            val heard = CopyOnWriteArrayList<DataChange>()
            val subscription = store.subscribe(object : ChangeListener {
                override fun onChange(change: DataChange) {
                    heard += change
                }
            })

            val plan = store.safetyPlan()
            assertEquals((1..7).toList(), plan.sections.map { it.number.toInt() })
            assertEquals(SafetySection.PEOPLE_TO_ASK, plan.sections[3].section)
            assertEquals(listOf(3, 4, 5), plan.sections.filter { it.allowsContacts }.map { it.number.toInt() })
            assertTrue(plan.sections.all { it.items.isEmpty() && it.prompt.isNotEmpty() })

            val signs = store.addSafetyItem(SafetySection.WARNING_SIGNS, SafetyItemInput(text = "Not sleeping"))
            val linked = store.addSafetyItem(SafetySection.PEOPLE_TO_ASK, SafetyItemInput(contactId = sam.id))
            assertEquals("Sam", linked.label)
            assertEquals("Sam", linked.contactName)
            assertTrue(linked.contactPhone!!.contains("555"), linked.contactPhone)
            val call = store.addSafetyItem(SafetySection.PEOPLE_TO_ASK, SafetyItemInput(text = "Call after 9pm"))
            val line = store.addSafetyItem(SafetySection.PROFESSIONALS, SafetyItemInput(contactId = "crisis:us-988"))
            assertEquals("988", line.contactPhone)

            store.moveSafetyItem(call.id, null, 0u)
            assertEquals(listOf(call.id, linked.id), store.safetyPlan().sections[3].items.map { it.id })
            val edited = store.editSafetyItem(call.id, SafetyItemInput(text = "Call Sam after 9pm"))
            assertEquals("Call Sam after 9pm", store.safetyItem(call.id).label)
            assertEquals(edited, store.safetyItem(call.id))
            assertEquals(SafetySection.COPING_STRATEGIES, store.moveSafetyItem(signs.id, SafetySection.COPING_STRATEGIES, 5u).section)
            store.moveSafetyItem(signs.id, SafetySection.WARNING_SIGNS, 0u)

            val text = store.safetyPlanText()
            assertTrue(text.contains("## 1. Warning signs\n"), text)
            assertTrue(text.contains("- @${sam.id} [Sam"), text)
            val same = store.applySafetyPlanText(text)
            assertFalse(same.changed)
            assertEquals(4u, same.unchanged)
            // Section 7's heading is the last, so a line at the end is one of its items.
            val diff = store.applySafetyPlanText(text.replace("- Not sleeping\n", "") + "- My kids\n")
            assertTrue(diff.changed)
            assertEquals(1u, diff.added)
            assertEquals(1u, diff.removed)
            assertEquals(3u, diff.unchanged)
            assertEquals(listOf("My kids"), store.safetyPlan().sections[6].items.map { it.label })
            assertTrue(store.safetyPlan().sections[0].items.isEmpty())

            store.removeContact(sam.id)
            val orphan = store.safetyItem(linked.id)
            assertEquals(sam.id, orphan.contactId)
            assertNull(orphan.contactName)
            assertEquals("(removed contact)", orphan.label)
            store.removeSafetyItem(linked.id)
            assertEquals(listOf(call.id), store.safetyPlan().sections[3].items.map { it.id })
            // 4 adds, 3 moves, an edit, 2 applies, the contact's removal and the item's.
            assertEquals(12, heard.size)
            assertTrue(heard.all { it == DataChange.LOCAL })

            assertThrows<CompanionException.NotFound> { store.removeSafetyItem("no-such-item") }
            assertThrows<CompanionException.NotFound> { store.safetyItem("no-such-item") }
            assertThrows<CompanionException.NotFound> {
                store.addSafetyItem(SafetySection.PEOPLE_TO_ASK, SafetyItemInput(contactId = "no-such-contact"))
            }
            assertThrows<CompanionException.InvalidInput> {
                store.addSafetyItem(SafetySection.WARNING_SIGNS, SafetyItemInput(contactId = "crisis:us-988"))
            }
            assertThrows<CompanionException.InvalidInput> { store.addSafetyItem(SafetySection.REASONS_TO_LIVE, SafetyItemInput()) }
            assertThrows<CompanionException.InvalidInput> { store.moveSafetyItem(line.id, SafetySection.WARNING_SIGNS, 0u) }
            val bad = assertThrows<CompanionException.InvalidInput> {
                store.applySafetyPlanText("## 1.\n- private words\n## 9. Nine\n")
            }
            assertTrue(bad.message!!.contains("line 3"), bad.message)
            assertFalse(bad.message!!.contains("private words"))
            // Built-in crisis lines are read-only, whatever links them.
            assertThrows<CompanionException.ReadOnly> { store.removeContact("crisis:us-988") }
            assertEquals(12, heard.size, "failures change nothing and tell no one")
            subscription.close()
        }
    }

    @Test
    fun `check-in exports in CSV, JSON and a FHIR Bundle that parses`() {
        openStore().use { store ->
            threeCheckins(store)
            val now = Instant.parse("2025-06-05T12:00:00Z")

            val csv = store.exportCheckins(CheckinExportFormat.CSV, LocalDate.parse("2025-06-02"), null, now).lines().filter { it.isNotEmpty() }
            assertTrue(csv[0].startsWith("date,mood,craving,"), csv[0])
            assertEquals(listOf("2025-06-03", "2025-06-04"), csv.drop(1).map { it.substringBefore(',') })

            val json = Json.parseToJsonElement(store.exportCheckins(CheckinExportFormat.JSON, null, LocalDate.parse("2025-06-03"), now)).jsonObject
            assertEquals("iop-companion-checkins", json["format"]!!.jsonPrimitive.content)
            assertEquals("2025-06-05T12:00:00.000Z", json["exported_at"]!!.jsonPrimitive.content)
            assertEquals(2, json["checkins"]!!.jsonArray.size)

            val fhir = Json.parseToJsonElement(store.exportCheckins(CheckinExportFormat.FHIR, null, null, now)).jsonObject
            assertEquals("Bundle", fhir["resourceType"]!!.jsonPrimitive.content)
            assertEquals("collection", fhir["type"]!!.jsonPrimitive.content)
            val resources = fhir["entry"]!!.jsonArray.map { it.jsonObject["resource"]!!.jsonObject["resourceType"]!!.jsonPrimitive.content }
            assertEquals(listOf("Questionnaire") + List(3) { "QuestionnaireResponse" }, resources)

            assertEquals("csv", checkinExportExtension(CheckinExportFormat.CSV))
            assertEquals("json", checkinExportExtension(CheckinExportFormat.FHIR))
            assertEquals("application/fhir+json", checkinExportMediaType(CheckinExportFormat.FHIR))
            assertEquals("text/csv", checkinExportMediaType(CheckinExportFormat.CSV))

            assertThrows<CompanionException.InvalidInput> {
                store.exportCheckins(CheckinExportFormat.CSV, LocalDate.parse("2025-06-04"), LocalDate.parse("2025-06-01"), now)
            }
            assertTrue(store.exportIcs().startsWith("BEGIN:VCALENDAR"))
        }
    }
}
