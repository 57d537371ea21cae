package org.iopcompanion.app

import android.app.Application
import org.iopcompanion.app.platform.AppGraph
import org.iopcompanion.app.platform.NotificationChannels
import org.iopcompanion.app.platform.StoreUnavailableException
import org.iopcompanion.app.work.SyncScheduling
import org.iopcompanion.core.CompanionException

class CompanionApplication : Application(), AppGraph.Holder {
    override lateinit var graph: AppGraph
        private set

    override fun onCreate() {
        super.onCreate()
        graph = AppGraph(this, ResourceTexts(this))
        // Channels exist before the first notification can be posted.
        NotificationChannels.ensure(this, graph.texts)
        graph.reminders.ensureDailyRefresh()
        // Off the main thread: opening the store unwraps its key and reads the database.
        Thread {
            try {
                if (graph.existingStore()?.account() != null) SyncScheduling.ensure(this)
            } catch (e: StoreUnavailableException) {
                // MainActivity shows it; nothing to sync meanwhile.
            } catch (e: CompanionException) {
                // Same: nothing to sync until the store opens.
            }
        }.start()
    }
}
