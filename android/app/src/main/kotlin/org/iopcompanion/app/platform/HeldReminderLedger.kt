package org.iopcompanion.app.platform

import android.content.Context
import java.time.Instant
import org.iopcompanion.presenters.AppliedPlan
import org.iopcompanion.presenters.HeldReminder

/**
 * What the app handed AlarmManager, which cannot be asked: the reminders held (the core's ids,
 * request codes, fire times, exact or not) and when the plan was last applied. No content:
 * ids name a session's id and a date, never a title, a note or a person.
 */
class HeldReminderLedger(context: Context) {
    private val prefs = context.getSharedPreferences(FILE, Context.MODE_PRIVATE)

    fun read(): AppliedPlan {
        val held = prefs.getString(HELD, null).orEmpty().lineSequence()
            .filter { it.isNotBlank() }
            .mapNotNull(::parse)
            .toList()
        val last = prefs.getLong(LAST_APPLIED, -1L).takeIf { it >= 0 }?.let(Instant::ofEpochMilli)
        return AppliedPlan(held, last)
    }

    fun write(held: List<HeldReminder>, appliedAt: Instant) {
        // commit(), not apply(): a receiver's process may be killed right after it returns.
        prefs.edit()
            .putString(HELD, held.joinToString("\n") { "${it.requestCode}\t${it.fireAt.toEpochMilli()}\t${if (it.exact) 1 else 0}\t${it.id}" })
            .putLong(LAST_APPLIED, appliedAt.toEpochMilli())
            .commit()
    }

    fun clear() {
        prefs.edit().clear().commit()
    }

    private fun parse(line: String): HeldReminder? {
        val parts = line.split('\t', limit = 4)
        if (parts.size != 4) return null
        val code = parts[0].toIntOrNull() ?: return null
        val at = parts[1].toLongOrNull() ?: return null
        return HeldReminder(id = parts[3], requestCode = code, fireAt = Instant.ofEpochMilli(at), exact = parts[2] == "1")
    }

    private companion object {
        const val FILE = "held_reminders"
        const val HELD = "held"
        const val LAST_APPLIED = "last_applied"
    }
}
