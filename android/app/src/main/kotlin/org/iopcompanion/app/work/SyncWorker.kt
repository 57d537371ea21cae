package org.iopcompanion.app.work

import android.content.Context
import androidx.work.BackoffPolicy
import androidx.work.Constraints
import androidx.work.CoroutineWorker
import androidx.work.ExistingPeriodicWorkPolicy
import androidx.work.NetworkType
import androidx.work.PeriodicWorkRequestBuilder
import androidx.work.WorkManager
import androidx.work.WorkerParameters
import org.iopcompanion.app.platform.AppGraph
import org.iopcompanion.app.platform.BackgroundSync
import org.iopcompanion.core.CompanionException
import org.iopcompanion.core.syncStoppedNotification
import org.iopcompanion.presenters.ApplyReason
import org.iopcompanion.presenters.BackgroundSchedule
import org.iopcompanion.presenters.StoreOpenException

/**
 * Pushes this device's changes and pulls the participant's other devices' and the program's.
 * What it brings reaches the reminder plan through the store's change listener (AppGraph);
 * the plan is applied once more after every sync, so a zone change is caught here too.
 */
class SyncWorker(context: Context, params: WorkerParameters) : CoroutineWorker(context, params) {
    override suspend fun doWork(): Result {
        val graph = (applicationContext as AppGraph.Holder).graph
        val store = try {
            graph.existingStore() ?: return Result.success()
        } catch (e: StoreOpenException) {
            // A temporary failure passes; a lost key waits for the participant in the app.
            return Result.retry()
        }
        return try {
            store.sync()
            graph.reminders.applyAsync(ApplyReason.SYNCED)
            Result.success()
        } catch (e: CompanionException.Network) {
            // Offline or the server is busy: WorkManager retries with backoff.
            Result.retry()
        } catch (e: CompanionException.NotEnrolled) {
            // Erased from another device, or this one removed: syncing cannot succeed again
            // until the phone is enrolled or linked anew. The core words the notification.
            graph.notifications.postSyncStopped(syncStoppedNotification())
            SyncScheduling.of(applicationContext).cancel()
            Result.failure()
        } catch (e: CompanionException) {
            Result.failure()
        }
    }
}

/**
 * Periodic sync while enrolled, only with a network; kept across reboots by WorkManager. Its
 * period, flex and backoff are the core's (`backgroundSync`).
 */
class SyncScheduling private constructor(private val context: Context) : BackgroundSync {
    override fun ensure() {
        val cadence = BackgroundSchedule.sync()
        val request = PeriodicWorkRequestBuilder<SyncWorker>(cadence.every, cadence.flex)
            .setConstraints(Constraints.Builder().setRequiredNetworkType(NetworkType.CONNECTED).build())
            .setBackoffCriteria(BackoffPolicy.EXPONENTIAL, cadence.retryAfter)
            .build()
        WorkManager.getInstance(context).enqueueUniquePeriodicWork(NAME, ExistingPeriodicWorkPolicy.UPDATE, request)
    }

    override fun cancel() {
        WorkManager.getInstance(context).cancelUniqueWork(NAME)
    }

    companion object {
        private const val NAME = "sync"

        fun of(context: Context) = SyncScheduling(context.applicationContext)
    }
}
