package org.iopcompanion.app.platform

import android.app.Activity
import android.content.Context
import org.iopcompanion.core.ClockStyle
import org.iopcompanion.core.HeldReminder
import org.iopcompanion.core.PlatformFacts
import org.iopcompanion.presenters.Phone

/** What this phone knows, read at each refresh; [activity] for the permission dialog's state. */
class AndroidPhone(private val context: Context, private val graph: AppGraph, private val activity: () -> Activity?) : Phone {
    override fun clockStyle(): ClockStyle = Reminders.clockStyle(context)

    override fun facts(): PlatformFacts = PlatformFacts.Android(graph.status.read(activity()))

    override fun held(): List<HeldReminder> = graph.reminders.held()
}
