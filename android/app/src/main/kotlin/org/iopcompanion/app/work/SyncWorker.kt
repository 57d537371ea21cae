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
import java.util.concurrent.TimeUnit
import org.iopcompanion.app.platform.AppGraph
import org.iopcompanion.app.platform.StoreUnavailableException
import org.iopcompanion.core.CompanionException

/**
 * Pushes this device's changes and pulls the participant's other devices' and the program's.
 * What it brings reaches the reminder plan through the store's change listener (AppGraph).
 */
class SyncWorker(context: Context, params: WorkerParameters) : CoroutineWorker(context, params) {
    override suspend fun doWork(): Result {
        val graph = (applicationContext as AppGraph.Holder).graph
        val store = try {
            graph.existingStore() ?: return Result.success()
        } catch (e: StoreUnavailableException) {
            return Result.success()
        }
        return try {
            store.sync()
            Result.success()
        } catch (e: CompanionException.Network) {
            // Offline or the server is busy: WorkManager retries with backoff.
            Result.retry()
        } catch (e: CompanionException.NotEnrolled) {
            // The participant's data was erased from another device, or this one was removed:
            // syncing cannot succeed again until the phone is enrolled or linked anew.
            graph.notifications.postSyncStopped()
            SyncScheduling.cancel(applicationContext)
            Result.failure()
        } catch (e: CompanionException) {
            Result.failure()
        }
    }
}

object SyncScheduling {
    private const val NAME = "sync"

    /** Periodic sync while enrolled, only with a network; kept across reboots by WorkManager. */
    fun ensure(context: Context) {
        val request = PeriodicWorkRequestBuilder<SyncWorker>(6, TimeUnit.HOURS, 1, TimeUnit.HOURS)
            .setConstraints(Constraints.Builder().setRequiredNetworkType(NetworkType.CONNECTED).build())
            .setBackoffCriteria(BackoffPolicy.EXPONENTIAL, 15, TimeUnit.MINUTES)
            .build()
        WorkManager.getInstance(context).enqueueUniquePeriodicWork(NAME, ExistingPeriodicWorkPolicy.UPDATE, request)
    }

    fun cancel(context: Context) {
        WorkManager.getInstance(context).cancelUniqueWork(NAME)
    }
}
