package org.iopcompanion.presenters

import java.time.Clock
import java.time.LocalDate
import org.iopcompanion.core.CheckinExportFormat
import org.iopcompanion.core.CompanionException
import org.iopcompanion.core.CompanionStore
import org.iopcompanion.core.JoinedRecord
import org.iopcompanion.core.LinkCodeRecord
import org.iopcompanion.core.SettingsAction
import org.iopcompanion.core.SettingsScreenRecord
import org.iopcompanion.core.SyncSummary
import org.iopcompanion.core.checkinExportFileName
import org.iopcompanion.core.checkinExportMediaType

data class SettingsState(
    /** The core's settings: account, discreet mode, the check-in reminder, leads, region, exports. */
    val screen: SettingsScreenRecord? = null,
    /** A one-time code for linking another of the participant's devices, and what to do with it in words. */
    val linkCode: LinkCodeRecord? = null,
    val busy: Busy? = null,
    /** What enrolling or linking this device did, in the core's words ("You joined Evening IOP. …"). */
    val joined: String? = null,
    /** The last sync from here: whether it changed anything, and its outcome line (`summary`). */
    val lastSync: SyncSummary? = null,
    /** The core said this change is the moment to ask for notification permission. */
    val askNotificationPermission: Boolean = false,
    val problem: Problem? = null,
) {
    val loaded: Boolean get() = screen != null
}

enum class Busy { ENROLLING, LINKING, REDEEMING, SYNCING }

/** Preferences, enrolment and linking, sync now, and check-in exports. */
class SettingsPresenter(
    private val store: CompanionStore,
    private val clock: Clock,
    private val phone: Phone,
) : Presenter<SettingsState>(SettingsState()) {

    /** Also the answer to every change notification. */
    fun refresh() {
        val outcome = attempt { store.settingsScreen(phone.clockStyle()) }
        update {
            when (outcome) {
                is Outcome.Done -> it.copy(screen = outcome.value)
                is Outcome.Failed -> it.copy(problem = outcome.problem)
            }
        }
    }

    /** One preference; the core's screen after it, or the problem (nothing changed). */
    fun act(action: SettingsAction): Boolean {
        update { it.copy(problem = null) }
        return when (val outcome = attempt { store.settingsAct(action, phone.clockStyle()) }) {
            is Outcome.Done -> {
                update {
                    it.copy(
                        screen = outcome.value.screen,
                        askNotificationPermission = it.askNotificationPermission || outcome.value.askNotificationPermission,
                    )
                }
                true
            }
            is Outcome.Failed -> {
                update { it.copy(problem = outcome.problem) }
                false
            }
        }
    }

    fun permissionAsked() = update { it.copy(askNotificationPermission = false) }

    /** Enrols with the program's invitation code, then syncs once so its schedule is here at once. */
    suspend fun enroll(server: String, code: String): Boolean = network(Busy.ENROLLING) {
        joined(store.enroll(server, code))
        syncOnce()
    }

    suspend fun createLink(): Boolean = network(Busy.LINKING) {
        val code = store.createLink()
        update { it.copy(linkCode = code) }
    }

    /** Links this device to the participant's account with a code from their other device. */
    suspend fun redeemLink(server: String, code: String): Boolean = network(Busy.REDEEMING) {
        joined(store.redeemLink(server, code))
        syncOnce()
    }

    /**
     * Its outcome line, and whether joining is the moment to ask for notifications (the
     * program's sessions remind): both the core's.
     */
    private fun joined(record: JoinedRecord) = update {
        it.copy(joined = record.summary, askNotificationPermission = it.askNotificationPermission || record.askNotificationPermission)
    }

    suspend fun syncNow(): Boolean = network(Busy.SYNCING) { syncOnce() }

    fun dismissLinkCode() = update { it.copy(linkCode = null) }

    /**
     * The check-ins as a file to share. Exports are not encrypted: the view shows the screen's
     * `exportNotice` before asking where to save. The file's name and type are the core's.
     */
    fun exportCheckins(format: CheckinExportFormat): PlatformRequest.SaveFile? {
        val now = clock.instant()
        return when (val outcome = attempt { store.exportCheckins(format, null, null, now) }) {
            is Outcome.Done -> PlatformRequest.SaveFile(
                suggestedName = checkinExportFileName(format, LocalDate.now(clock)),
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
        update { it.copy(lastSync = summary) }
        // The account and the program's names arrive with enrolment and the first sync.
        refresh()
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
            refresh()
            false
        }
    }
}
