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
import org.iopcompanion.core.Subscription
import org.iopcompanion.presenters.Problem
import org.iopcompanion.transport.OkHttpTransport

/**
 * The app's long-lived objects: the one open store, the clock, reminders and notifications.
 * Made once by the Application; screens, receivers and workers reach it through [Holder].
 */
class AppGraph(context: Context, val texts: PlatformTexts) {
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
    @Throws(StoreUnavailableException::class)
    @Synchronized
    fun store(): CompanionStore = store ?: open()

    /**
     * The store if this install has one, without creating it: receivers that run before the
     * app was ever opened (a reboot) must not make a store and a key.
     */
    @Throws(StoreUnavailableException::class)
    @Synchronized
    fun existingStore(): CompanionStore? = store ?: if (vault.exists()) open() else null

    private fun open(): CompanionStore {
        // A database without its key would be refused (WrongKey) once a new key is made; say
        // so instead. (The core's file name: the bindings do not export Store::exists.)
        if (!vault.exists() && File(storeDir, STORE_FILE).exists()) {
            throw StoreUnavailableException("the store's key is missing", null)
        }
        val key = vault.loadOrCreate()
        val opened = try {
            CompanionStore.open(storeDir.path, key, transport)
        } catch (e: CompanionException) {
            throw StoreUnavailableException("the store could not be opened: ${Problem.of(e).kind}", e)
        } finally {
            key.fill(0)
        }
        setRegion(opened)
        // Every saved change (a check-in, a sync, a preference) may change the reminder plan.
        subscription = opened.subscribe(object : ChangeListener {
            override fun onChange(change: DataChange) {
                reminders.applyAsync()
                changeCount.update { it + 1 }
            }
        })
        store = opened
        return opened
    }

    /** The platform locale's country decides crisis lines and phone numbers until the participant picks one. */
    fun localeChanged() {
        NotificationChannels.ensure(app, texts)
        val open = synchronized(this) { store } ?: return
        setRegion(open)
    }

    private fun setRegion(store: CompanionStore) {
        val country = Locale.getDefault().country.takeIf { it.length == 2 }
        try {
            store.setDeviceRegion(country)
        } catch (e: CompanionException) {
            // A country the core does not know reads as none (the core then asks to pick one).
            try {
                store.setDeviceRegion(null)
            } catch (ignored: CompanionException) {
                Log.w(TAG, "device region not set")
            }
        }
    }

    /**
     * After the core erased the store: the wrapped key and its Keystore key go, the alarms are
     * cancelled; the next [store] call starts a new, empty store under a new key.
     */
    @Synchronized
    fun storeErased() {
        subscription?.cancel()
        subscription = null
        store?.close()
        store = null
        vault.delete()
        reminders.dropAll()
    }

    /**
     * The store cannot be opened on this phone (its key is gone): the participant chose to start
     * again. The core cannot erase what it cannot open, so its directory is removed here; what
     * is on the server, if anything, stays, and comes back if this phone is linked again.
     */
    @Synchronized
    fun startOver() {
        store?.close()
        store = null
        storeDir.deleteRecursively()
        vault.delete()
        reminders.dropAll()
    }

    private companion object {
        const val TAG = "AppGraph"
        const val STORE_FILE = "companion.sqlite3"
    }
}
