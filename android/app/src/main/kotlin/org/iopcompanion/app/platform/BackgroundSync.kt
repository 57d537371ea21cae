package org.iopcompanion.app.platform

/** The periodic sync (WorkManager, outside this framework-only package), started and stopped here. */
interface BackgroundSync {
    fun ensure()

    fun cancel()
}
