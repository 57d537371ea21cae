package org.iopcompanion.app.platform

import android.content.Context
import android.util.Log
import java.io.File
import java.time.Clock
import java.util.Locale
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.update
import org.iopcompanion.core.ChangeListener
import org.iopcompanion.core.CompanionException
import org.iopcompanion.core.CompanionStore
import org.iopcompanion.core.DataChange
import org.iopcompanion.core.HeldReminder
import org.iopcompanion.core.Subscription
import org.iopcompanion.core.discardUnopenableStore
import org.iopcompanion.core.storeExists
import org.iopcompanion.presenters.ApplyReason
import org.iopcompanion.presenters.StoreOpenException
import org.iopcompanion.presenters.StoreOpener
import org.iopcompanion.transport.OkHttpTransport

/**
 * The app's long-lived objects: the one open store, the clock, reminders and notifications.
 * Made once by the Application; screens, receivers and workers reach it through [Holder].
 */
class AppGraph(context: Context, val texts: PlatformTexts, private val sync: BackgroundSync) {
    /** Implemented by the Application class. */
    interface Holder {
        val graph: AppGraph
    }

    private val app: Context = context.applicationContext
    val clock: Clock = DeviceClock
    val notifications = ReminderNotifications(app, texts)
    val reminders = Reminders(app, this)
    val status = PlatformStatusReader(app)

    /**
     * The phone's own network stack for every request the core makes: enrolment, linking, the
     * sync WorkManager runs, erasure. One client, so its connections are shared.
     */
    private val transport = OkHttpTransport()

    // noBackupFilesDir: outside Auto Backup and device-to-device transfer (see StoreKeyVault).
    private val storeDir = File(app.noBackupFilesDir, "store")
    private val vault = StoreKeyVault(File(app.noBackupFilesDir, "store.key.wrapped"))

    private var store: CompanionStore? = null
    private var subscription: Subscription? = null
    private val changeCount = MutableStateFlow(0L)

    /** Counts the store's saved changes (here or from a sync): screens refresh when it moves. */
    val changes: StateFlow<Long> = changeCount.asStateFlow()

    /** The participant's store, opened (and on first use created, with a new key) once. */
    @Throws(StoreOpenException::class)
    @Synchronized
    fun store(): CompanionStore = store ?: open()

    /**
     * The store if this install has one, without creating it: receivers that run before the
     * app was ever opened (a reboot) must not make a store and a key.
     */
    @Throws(StoreOpenException::class)
    @Synchronized
    fun existingStore(): CompanionStore? = store ?: if (vault.exists() || storeExists(storeDir.path)) open() else null

    private fun open(): CompanionStore {
        val opened = StoreOpener.open(storeDir, vault, transport)
        setRegion(opened)
        // Every saved change (a check-in, a sync, a preference) may change the reminder plan.
        subscription = opened.subscribe(object : ChangeListener {
            override fun onChange(change: DataChange) {
                reminders.applyAsync(if (change == DataChange.SYNCED) ApplyReason.SYNCED else ApplyReason.DATA_CHANGED)
                changeCount.update { it + 1 }
            }
        })
        store = opened
        try {
            if (opened.account() != null) sync.ensure()
        } catch (e: CompanionException) {
            Log.w(TAG, "account not read; sync not scheduled")
        }
        return opened
    }

    /** The platform locale's country decides crisis lines and phone numbers until the participant picks one. */
    fun localeChanged() {
        NotificationChannels.ensure(app)
        val open = synchronized(this) { store } ?: return
        setRegion(open)
    }

    private fun setRegion(store: CompanionStore) {
        val country = Locale.getDefault().country.takeIf { it.length == 2 }
        try {
            store.setDeviceRegion(country)
        } catch (e: CompanionException) {
            // A country the core does not know reads as none (the core then offers its choices).
            try {
                store.setDeviceRegion(null)
            } catch (ignored: CompanionException) {
                Log.w(TAG, "device region not set")
            }
        }
    }

    /** After enrolment or linking: periodic sync from now on. */
    fun joined() = sync.ensure()

    /**
     * After the core erased the store: every alarm the OS held ([held], read before the erase)
     * is cancelled, every delivered notification removed, the wrapped key and its Keystore key
     * deleted and the periodic sync stopped; the next [store] call starts a new, empty store.
     */
    @Synchronized
    fun storeErased(held: List<HeldReminder>) {
        subscription?.cancel()
        subscription = null
        store?.close()
        store = null
        reminders.cancelAll(held)
        notifications.removeAll()
        vault.delete()
        sync.cancel()
    }

    /**
     * The store's key is lost, or the store damaged, and the participant confirmed the core's
     * START_OVER (never offered for a temporary failure): the core deletes the store's files,
     * then the key goes and the next [store] call starts a new store. What is on the server,
     * if anything, stays, and comes back if this phone is linked again.
     */
    @Synchronized
    @Throws(CompanionException::class)
    fun startOver() {
        store?.close()
        store = null
        discardUnopenableStore(storeDir.path)
        vault.delete()
        notifications.removeAll()
        sync.cancel()
    }

    private companion object {
        const val TAG = "AppGraph"
    }
}
