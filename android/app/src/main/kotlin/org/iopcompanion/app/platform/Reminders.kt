package org.iopcompanion.app.platform

import android.app.AlarmManager
import android.app.PendingIntent
import android.content.Context
import android.content.Intent
import android.text.format.DateFormat
import android.util.Log
import java.util.concurrent.ExecutorService
import java.util.concurrent.Executors
import org.iopcompanion.core.ClockStyle
import org.iopcompanion.core.CompanionException
import org.iopcompanion.core.HeldReminder
import org.iopcompanion.presenters.ApplyReason
import org.iopcompanion.presenters.BackgroundSchedule
import org.iopcompanion.presenters.Problem
import org.iopcompanion.presenters.ReminderPlanApplier
import org.iopcompanion.presenters.StoreOpenException

/**
 * Keeps what AlarmManager holds equal to the core's plan: at launch and resume, on every saved
 * change, after a sync, when an alarm fires, once a day, after a reboot or an app update, on a
 * clock or zone change and an exact-alarm permission change. The core rewords everything when
 * the zone differs from the one last applied. One application at a time, in order, on its own
 * thread (never the main thread).
 */
class Reminders(private val context: Context, private val graph: AppGraph) {
    val scheduler = AlarmScheduler(context)
    private val worker: ExecutorService = Executors.newSingleThreadExecutor { r -> Thread(r, "reminders") }

    /** Applies the plan on the reminders thread, then runs [done] (a receiver's finish()). */
    fun applyAsync(reason: ApplyReason, done: () -> Unit = {}) {
        worker.execute {
            try {
                applyNow(reason)
            } finally {
                done()
            }
        }
    }

    /** What the OS holds now: the core's ledger, less what a force stop dropped. */
    fun held(): List<HeldReminder> = try {
        graph.existingStore()?.remindersApplied()?.held.orEmpty().filter(scheduler::isPending)
    } catch (e: StoreOpenException) {
        emptyList()
    } catch (e: CompanionException) {
        emptyList()
    }

    /** Blocking; on the reminders thread only. Nothing happens before the store exists. */
    private fun applyNow(reason: ApplyReason) {
        val store = try {
            graph.existingStore() ?: return
        } catch (e: StoreOpenException) {
            Log.w(TAG, "store not open (${e.problem}); reminders left as they are")
            return
        }
        try {
            val clock = graph.clock
            ReminderPlanApplier(store, scheduler).apply(clock.instant(), clock.zone.id, clockStyle(context), reason)
        } catch (e: CompanionException) {
            // The kind only: core messages carry no personal data, but logs need none of it.
            Log.w(TAG, "reminder plan not applied: ${Problem.of(e).kind}")
        }
    }

    /** After an erase: every alarm the OS held is cancelled (the ledger went with the store). */
    fun cancelAll(held: List<HeldReminder>) {
        worker.execute { held.forEach { scheduler.cancel(it.id) } }
    }

    /**
     * An inexact alarm that applies the plan at the core's interval (Android's
     * `refreshEveryMinutes`), so the rolling window keeps moving on days the app is not
     * opened. Inexact and not waking: a few hours late is fine.
     */
    fun ensureDailyRefresh() {
        val every = BackgroundSchedule.reminderRefresh()?.toMillis() ?: return
        val alarms = context.getSystemService(AlarmManager::class.java) ?: return
        val intent = Intent(context, RescheduleReceiver::class.java).setAction(RescheduleReceiver.ACTION_DAILY_REFRESH)
        // Set once: setting it again at every launch would keep pushing its first run away.
        if (PendingIntent.getBroadcast(context, 0, intent, PendingIntent.FLAG_NO_CREATE or PendingIntent.FLAG_IMMUTABLE) != null) return
        val operation = PendingIntent.getBroadcast(context, 0, intent, PendingIntent.FLAG_UPDATE_CURRENT or PendingIntent.FLAG_IMMUTABLE)
        alarms.setInexactRepeating(
            AlarmManager.RTC,
            System.currentTimeMillis() + every,
            every,
            operation,
        )
    }

    companion object {
        private const val TAG = "reminders"

        /** The phone's 12/24-hour setting, for every time the core words. */
        fun clockStyle(context: Context): ClockStyle =
            if (DateFormat.is24HourFormat(context)) ClockStyle.TWENTY_FOUR_HOUR else ClockStyle.TWELVE_HOUR
    }
}
