package org.iopcompanion.app.platform

import android.app.AlarmManager
import android.app.PendingIntent
import android.content.Context
import android.content.Intent
import android.util.Log
import java.util.concurrent.ExecutorService
import java.util.concurrent.Executors
import org.iopcompanion.core.CompanionException
import org.iopcompanion.presenters.AppliedPlan
import org.iopcompanion.presenters.Problem
import org.iopcompanion.presenters.ReminderPlanApplier

/**
 * Keeps what AlarmManager holds equal to the core's reminder plan. Applied at launch, when the
 * store changes (a check-in, a sync, a preference), when an alarm fires, once a day, and after
 * a reboot, an app update, a clock or time-zone change and an exact-alarm permission change.
 * One application at a time, in order, on its own thread (never the main thread).
 */
class Reminders(private val context: Context, private val graph: AppGraph) {
    private val scheduler = AlarmScheduler(context)
    private val ledger = HeldReminderLedger(context)
    private val worker: ExecutorService = Executors.newSingleThreadExecutor { r -> Thread(r, "reminders") }

    fun appliedPlan(): AppliedPlan = ledger.read()

    fun exactAllowed(): Boolean = scheduler.exactAllowed()

    /** Applies the plan on the reminders thread, then runs [done] (a receiver's finish()). */
    fun applyAsync(osClearedAlarms: Boolean = false, done: () -> Unit = {}) {
        worker.execute {
            try {
                applyNow(osClearedAlarms)
            } finally {
                done()
            }
        }
    }

    /** Blocking; on the reminders thread only. Nothing happens before the store exists. */
    private fun applyNow(osClearedAlarms: Boolean) {
        val store = try {
            graph.existingStore() ?: return
        } catch (e: StoreUnavailableException) {
            Log.w(TAG, "store unavailable; reminders left as they are")
            return
        }
        val recorded = ledger.read().held
        // Alarms whose PendingIntent is gone (force stop) are not held any more.
        val held = if (osClearedAlarms) emptyList() else recorded.filter(scheduler::isPending)
        try {
            val clock = graph.clock
            val changes = ReminderPlanApplier(store).changes(
                now = clock.instant(),
                zone = clock.zone.id,
                held = held,
                exactAllowed = scheduler.exactAllowed(),
                osClearedAlarms = osClearedAlarms,
            )
            scheduler.apply(changes)
            ledger.write(changes.held, changes.appliedAt)
        } catch (e: CompanionException) {
            // The kind only: core messages carry no personal data, but logs need none of it.
            Log.w(TAG, "reminder plan not applied: ${Problem.of(e).kind}")
        }
    }

    /** After an erase: every alarm cancelled, nothing recorded. */
    fun dropAll() {
        worker.execute {
            val held = ledger.read().held
            scheduler.apply(ReminderPlanApplier.cancelAll(held, graph.clock.instant()))
            ledger.clear()
        }
    }

    /**
     * A daily inexact alarm that re-applies the plan, so the rolling window keeps moving even
     * on days the app is not opened. Inexact and not waking: a few hours late is fine.
     */
    fun ensureDailyRefresh() {
        val alarms = context.getSystemService(AlarmManager::class.java) ?: return
        val intent = Intent(context, RescheduleReceiver::class.java).setAction(RescheduleReceiver.ACTION_DAILY_REFRESH)
        // Set once: setting it again at every launch would keep pushing its first run away.
        if (PendingIntent.getBroadcast(context, 0, intent, PendingIntent.FLAG_NO_CREATE or PendingIntent.FLAG_IMMUTABLE) != null) return
        val operation = PendingIntent.getBroadcast(context, 0, intent, PendingIntent.FLAG_UPDATE_CURRENT or PendingIntent.FLAG_IMMUTABLE)
        alarms.setInexactRepeating(
            AlarmManager.RTC,
            System.currentTimeMillis() + AlarmManager.INTERVAL_DAY,
            AlarmManager.INTERVAL_DAY,
            operation,
        )
    }

    private companion object {
        const val TAG = "reminders"
    }
}
