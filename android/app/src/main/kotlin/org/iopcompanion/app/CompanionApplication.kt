package org.iopcompanion.app

import android.app.Application
import org.iopcompanion.app.platform.AppGraph
import org.iopcompanion.app.platform.NotificationChannels
import org.iopcompanion.app.work.SyncScheduling
import org.iopcompanion.presenters.ApplyReason

class CompanionApplication : Application(), AppGraph.Holder {
    override lateinit var graph: AppGraph
        private set

    override fun onCreate() {
        super.onCreate()
        graph = AppGraph(this, ResourceTexts(), SyncScheduling.of(this))
        // Channels exist before the first notification can be posted.
        NotificationChannels.ensure(this)
        graph.reminders.ensureDailyRefresh()
        // On the reminders thread: opening the store unwraps its key and reads the database;
        // the core rewords every reminder if the zone moved since the last apply.
        graph.reminders.applyAsync(ApplyReason.LAUNCH)
    }
}
