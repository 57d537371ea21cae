package org.iopcompanion.presenters

import java.time.Clock
import java.time.Instant
import java.time.LocalTime
import java.time.format.DateTimeFormatter
import org.iopcompanion.core.CheckinExportFormat
import org.iopcompanion.core.CompanionException
import org.iopcompanion.core.CompanionStore
import org.iopcompanion.core.PreferencesInput
import org.iopcompanion.core.PreferencesRecord
import org.iopcompanion.core.checkinExportExtension
import org.iopcompanion.core.checkinExportMediaType
import org.iopcompanion.core.plaintextExportNotice

data class SettingsState(
    val loaded: Boolean = false,
    /** On by default (the core's default): notifications name no treatment, program or substance. */
    val discreetNotifications: Boolean = true,
    /** `null` when the daily check-in reminder is off. */
    val checkinReminder: LocalTime? = null,
    /** Minutes before a session, for sessions without lead times of their own. */
    val defaultLeads: List<Int> = emptyList(),
    /** The participant's chosen country, `null` when the phone's is used. */
    val region: String? = null,
    val account: AccountView? = null,
    /** A one-time code for linking another of the participant's devices (valid 15 minutes). */
    val linkCode: String? = null,
    val busy: Busy? = null,
    val lastSync: SyncView? = null,
    /** The core's words, shown before any export is written: exports are not encrypted. */
    val exportNotice: String = "",
    /**
     * Set when the participant just set the check-in reminder's time: the moment to ask for
     * the notification permission. The platform asks if needed, then calls
     * [SettingsPresenter.reminderMomentHandled].
     */
    val reminderMoment: Boolean = false,
    val problem: Problem? = null,
)

data class AccountView(val server: String, val programNames: List<String>)

data class SyncView(val at: Instant, val changed: Boolean)

enum class Busy { ENROLLING, LINKING, REDEEMING, SYNCING }

/** Preferences, enrolment and linking, sync now, and check-in exports. */
class SettingsPresenter(
    private val store: CompanionStore,
    private val clock: Clock,
) : Presenter<SettingsState>(SettingsState(exportNotice = plaintextExportNotice())) {

    fun load() {
        when (val outcome = attempt { store.preferences() to store.account() }) {
            is Outcome.Done -> {
                val (prefs, account) = outcome.value
                update {
                    it.withPreferences(prefs).copy(
                        loaded = true,
                        account = account?.let { a -> AccountView(a.server, a.programNames) },
                    )
                }
            }
            is Outcome.Failed -> update { it.copy(loaded = true, problem = outcome.problem) }
        }
    }

    fun setDiscreetNotifications(on: Boolean) = edit(PreferencesInput(discreetNotifications = on))

    /** `null` turns the daily check-in reminder off. */
    fun setCheckinReminder(time: LocalTime?): Boolean {
        val saved = edit(PreferencesInput(checkinReminder = time?.format(HOURS_MINUTES) ?: "off"))
        if (saved && time != null) update { it.copy(reminderMoment = true) }
        return saved
    }

    fun setDefaultLeads(minutes: List<Int>) =
        edit(PreferencesInput(defaultReminderLeads = minutes.distinct().sorted().map { it.toUInt() }))

    /** A two-letter country, or `null` to follow the phone's region again. */
    fun setRegion(code: String?) = edit(PreferencesInput(region = code?.trim().orEmpty()))

    fun reminderMomentHandled() = update { it.copy(reminderMoment = false) }

    /**
     * Enrols this device with the program's invitation code, then syncs once so the program's
     * schedule is here at once. A failed first sync leaves the device enrolled; the periodic
     * sync catches up.
     */
    suspend fun enroll(server: String, code: String): Boolean = network(Busy.ENROLLING) {
        val account = store.enroll(server.trim(), code.trim())
        update { it.copy(account = AccountView(account.server, account.programNames)) }
        syncOnce()
    }

    /** A one-time code to type on the participant's other device. */
    suspend fun createLink(): Boolean = network(Busy.LINKING) {
        val code = store.createLink()
        update { it.copy(linkCode = code) }
    }

    /** Links this device to the participant's account with a code from their other device. */
    suspend fun redeemLink(server: String, code: String): Boolean = network(Busy.REDEEMING) {
        val account = store.redeemLink(server.trim(), code.trim())
        update { it.copy(account = AccountView(account.server, account.programNames)) }
        syncOnce()
    }

    suspend fun syncNow(): Boolean = network(Busy.SYNCING) { syncOnce() }

    fun dismissLinkCode() = update { it.copy(linkCode = null) }

    /**
     * The check-ins as a file to share with a clinic. Exports are not encrypted: the view shows
     * [SettingsState.exportNotice] before asking where to save.
     */
    fun exportCheckins(format: CheckinExportFormat): PlatformRequest.SaveFile? {
        val now = clock.instant()
        return when (val outcome = attempt { store.exportCheckins(format, null, null, now) }) {
            is Outcome.Done -> PlatformRequest.SaveFile(
                suggestedName = "checkins-${now.atZone(clock.zone).toLocalDate()}.${checkinExportExtension(format)}",
                mediaType = checkinExportMediaType(format),
                bytes = outcome.value.toByteArray(Charsets.UTF_8),
            )
            is Outcome.Failed -> {
                update { it.copy(problem = outcome.problem) }
                null
            }
        }
    }

    fun dismissProblem() = update { it.copy(problem = null) }

    private suspend fun syncOnce() {
        val summary = store.sync()
        update { it.copy(lastSync = SyncView(clock.instant(), summary.changed)) }
        // The program's names arrive with the first sync.
        store.account()?.let { a -> update { it.copy(account = AccountView(a.server, a.programNames)) } }
    }

    private suspend fun network(busy: Busy, call: suspend () -> Unit): Boolean {
        if (state.value.busy != null) return false
        update { it.copy(busy = busy, problem = null) }
        return try {
            call()
            update { it.copy(busy = null) }
            true
        } catch (e: CompanionException) {
            update { it.copy(busy = null, problem = Problem.of(e)) }
            false
        }
    }

    private fun edit(input: PreferencesInput): Boolean =
        when (val outcome = attempt { store.editPreferences(input) }) {
            is Outcome.Done -> {
                update { it.withPreferences(outcome.value) }
                true
            }
            is Outcome.Failed -> {
                update { it.copy(problem = outcome.problem) }
                false
            }
        }

    companion object {
        /** Lead times the picker offers, in minutes; the core accepts any it validates. */
        val LEAD_CHOICES = listOf(10, 15, 30, 60, 120, 24 * 60)

        private val HOURS_MINUTES: DateTimeFormatter = DateTimeFormatter.ofPattern("HH:mm")
    }
}

private fun SettingsState.withPreferences(p: PreferencesRecord) = copy(
    discreetNotifications = p.discreetNotifications,
    checkinReminder = p.checkinReminder?.let { runCatching { LocalTime.parse(it) }.getOrNull() },
    defaultLeads = p.defaultReminderLeads.map { it.toInt() },
    region = p.region,
)
