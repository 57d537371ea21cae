package org.iopcompanion.presenters

import java.io.File
import java.nio.file.Files
import java.time.Clock
import java.time.Instant
import java.time.ZoneId
import org.iopcompanion.core.AndroidFacts
import org.iopcompanion.core.ClockStyle
import org.iopcompanion.core.CompanionStore
import org.iopcompanion.core.HeldReminder
import org.iopcompanion.core.PlatformFacts
import org.iopcompanion.core.ReminderRequest
import org.iopcompanion.transport.OkHttpTransport
import org.junit.jupiter.api.AfterEach

/** The key every test store is sealed under; the app keeps its own wrapped in Android Keystore. */
internal val TEST_KEY: ByteArray = ByteArray(32) { 7 }

/** Real stores in temporary directories, removed after each test. */
abstract class StoreTest {
    private val dirs = mutableListOf<File>()
    private val stores = mutableListOf<CompanionStore>()

    protected fun tempDir(): File = Files.createTempDirectory("companion-presenters").toFile().also { dirs += it }

    /** A store whose requests go out through the app's own transport, as on the phone. */
    protected fun newStore(dir: File = tempDir()): CompanionStore =
        CompanionStore.open(dir.path, TEST_KEY, OkHttpTransport()).also { stores += it }

    @AfterEach
    fun closeStores() {
        stores.forEach { it.close() }
        dirs.forEach { it.deleteRecursively() }
    }
}

/** A clock stopped at [instant] in [zone]; tests move it by making another. */
internal fun clockAt(instant: String, zone: String): Clock = Clock.fixed(Instant.parse(instant), ZoneId.of(zone))

/** A clock the test moves and carries across zones, as a travelling phone does. */
internal class MovableClock(private var now: Instant, private var zoneId: ZoneId) : Clock() {
    fun set(instant: String, zone: String = zoneId.id) {
        now = Instant.parse(instant)
        zoneId = ZoneId.of(zone)
    }

    override fun instant(): Instant = now

    override fun getZone(): ZoneId = zoneId

    override fun withZone(zone: ZoneId): Clock = MovableClock(now, zone)
}

/** The facts of a phone where everything is allowed. */
internal val ALL_ALLOWED = AndroidFacts(
    notificationsEnabled = true,
    canAskNotificationPermission = false,
    blockedChannels = emptyList(),
    exactAlarmsAllowed = true,
    ignoringBatteryOptimizations = true,
    backgroundRestricted = false,
)

/** A phone whose facts the test sets; the OS holds what the core last recorded as applied. */
internal class TestPhone(
    private val store: CompanionStore,
    var android: AndroidFacts = ALL_ALLOWED,
    var clock: ClockStyle = ClockStyle.TWENTY_FOUR_HOUR,
) : Phone {
    override fun clockStyle(): ClockStyle = clock

    override fun facts(): PlatformFacts = PlatformFacts.Android(android)

    override fun held(): List<HeldReminder> = store.remindersApplied()?.held.orEmpty()
}

/** AlarmManager as a list: what is registered, and every call made. */
internal class RecordingAlarms(var exact: Boolean = true) : Alarms {
    val registered = linkedMapOf<String, ReminderRequest>()
    val cancelled = mutableListOf<String>()
    val scheduled = mutableListOf<ReminderRequest>()
    val named = mutableSetOf<String>()

    /** A force stop: the system drops every alarm without telling the app. */
    fun forceStop() = registered.clear()

    fun reset() {
        cancelled.clear()
        scheduled.clear()
    }

    override fun exactAllowed(): Boolean = exact

    override fun isPending(held: HeldReminder): Boolean = held.id in registered

    override fun cancel(id: String) {
        cancelled += id
        registered.remove(id)
    }

    override fun schedule(request: ReminderRequest) {
        scheduled += request
        if (request.notification.named) named += request.reminder.id else named -= request.reminder.id
        registered[request.reminder.id] = request
    }
}
