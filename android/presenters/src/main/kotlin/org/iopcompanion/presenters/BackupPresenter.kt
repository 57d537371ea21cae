package org.iopcompanion.presenters

import java.time.Clock
import java.time.LocalDate
import org.iopcompanion.core.CompanionStore
import org.iopcompanion.core.RestoreSummaryRecord
import org.iopcompanion.core.backupFileName
import org.iopcompanion.core.backupMediaType
import org.iopcompanion.core.checkBackupPassphrase

data class BackupState(
    val working: BackupWork? = null,
    /** What is wrong with the passphrase being typed, from the core's policy; `null` when it is fine. */
    val passphraseProblem: Problem? = null,
    /** The two passphrase fields differ (the backup cannot be opened without the right one). */
    val confirmationDiffers: Boolean = false,
    /**
     * What the last restore did: whether it brought anything new (the same backup twice does
     * not), the counts before and after, and its outcome line (`summary`), the core's.
     */
    val restored: RestoreSummaryRecord? = null,
    val problem: Problem? = null,
)

enum class BackupWork { BACKING_UP, RESTORING }

/**
 * An encrypted backup the participant keeps, and restoring one (merged, as a sync is). Both
 * stretch the passphrase on purpose, so they take a moment: the app calls them off the main
 * thread. The passphrase is never kept in the state.
 */
class BackupPresenter(
    private val store: CompanionStore,
    private val clock: Clock,
) : Presenter<BackupState>(BackupState()) {

    /** Checks a new passphrase as it is typed; returns whether the core accepts it. */
    fun checkPassphrase(passphrase: String): Boolean {
        val problem = attempt { checkBackupPassphrase(passphrase) }.problem
        update { it.copy(passphraseProblem = problem) }
        return problem == null
    }

    /** The backup as a file to save where the participant chooses, or `null` with the problem. */
    fun backup(passphrase: String, confirmation: String): PlatformRequest.SaveFile? {
        if (passphrase != confirmation) {
            update { it.copy(confirmationDiffers = true) }
            return null
        }
        update { it.copy(working = BackupWork.BACKING_UP, confirmationDiffers = false, problem = null) }
        return when (val outcome = attempt { store.backup(passphrase) }) {
            is Outcome.Done -> {
                update { it.copy(working = null) }
                PlatformRequest.SaveFile(
                    // The core's name, neutral on purpose: it shows in file pickers and cloud drives.
                    suggestedName = backupFileName(LocalDate.now(clock)),
                    mediaType = backupMediaType(),
                    bytes = outcome.value,
                )
            }
            is Outcome.Failed -> {
                update { it.copy(working = null, problem = outcome.problem) }
                null
            }
        }
    }

    /** Merges a backup file's bytes into this store; nothing changes on any error. */
    fun restore(backup: ByteArray, passphrase: String): Boolean {
        update { it.copy(working = BackupWork.RESTORING, restored = null, problem = null) }
        return when (val outcome = attempt { store.restore(backup, passphrase) }) {
            is Outcome.Done -> {
                update { it.copy(working = null, restored = outcome.value) }
                true
            }
            is Outcome.Failed -> {
                update { it.copy(working = null, problem = outcome.problem) }
                false
            }
        }
    }

    fun dismissProblem() = update { it.copy(problem = null) }
}
