package org.iopcompanion.presenters

import java.time.Instant
import org.iopcompanion.core.ClockStyle
import org.iopcompanion.core.CompanionStore
import org.iopcompanion.core.HeldReminder
import org.iopcompanion.core.ReminderChanges
import org.iopcompanion.core.ReminderContext
import org.iopcompanion.core.ReminderPlatform
import org.iopcompanion.core.ReminderRequest

/** What the OS does with reminders: AlarmManager on the phone, a recorder in the tests. */
interface Alarms {
    fun exactAllowed(): Boolean

    /** Whether the alarm is still registered (a force stop drops every one without telling the app). */
    fun isPending(held: HeldReminder): Boolean

    fun cancel(id: String)

    /**
     * Registers the alarm with the core's words. When they name the session or the check-in
     * (`request.notification.named`), the lock screen must not show them: VISIBILITY_SECRET,
     * with the core's neutral public version.
     */
    fun schedule(request: ReminderRequest)
}

/** Why the plan is applied now: only a reboot empties AlarmManager. */
enum class ApplyReason(val alarmsCleared: Boolean) {
    LAUNCH(false),
    RESUME(false),
    DATA_CHANGED(false),
    SYNCED(false),
    ALARM_FIRED(false),
    DAILY(false),
    CLOCK_CHANGED(false),
    ZONE_CHANGED(false),
    EXACT_ALARM_PERMISSION(false),
    HEALTH_FIX(false),

    /** MY_PACKAGE_REPLACED: AlarmManager keeps an app's alarms across an update. */
    APP_UPDATED(false),

    /** BOOT_COMPLETED / LOCKED_BOOT_COMPLETED: the system dropped every alarm. */
    BOOT(true),
}

/**
 * Hands the core's reminder changes to the OS: cancels exactly what the core says, schedules
 * what it says (words included), and records what the OS then holds in the core's
 * device-local record, which is the ledger. It keeps what the core keeps (a late inexact
 * alarm within the grace), and decides nothing.
 */
class ReminderPlanApplier(private val store: CompanionStore, private val alarms: Alarms) {

    /** What the core recorded the OS holding after the last apply, in which zone, clock style and when. */
    fun ledger(): List<HeldReminder> = store.remindersApplied()?.held.orEmpty()

    fun apply(now: Instant, zone: String, clockStyle: ClockStyle, reason: ApplyReason): ReminderChanges {
        val applied = store.remindersApplied()
        val ledger = applied?.held.orEmpty()
        val pending = ledger.filter(alarms::isPending)
        // The OS holds nothing after a reboot, when nothing was ever recorded (a new store,
        // cleared data), or when every recorded alarm is gone (a force stop).
        val osCleared = reason.alarmsCleared || applied == null || (ledger.isNotEmpty() && pending.isEmpty())
        val context = ReminderContext(now, zone, ReminderPlatform.ANDROID, clockStyle, alarms.exactAllowed(), osCleared)
        val changes = store.reminderChanges(context, if (osCleared) emptyList() else pending)
        // Cancel first, then schedule: a replaced reminder is never lost between the two.
        changes.cancel.forEach(alarms::cancel)
        changes.schedule.forEach(alarms::schedule)
        store.recordRemindersApplied(now, zone, clockStyle, changes.heldAfter)
        return changes
    }
}
