package org.iopcompanion.presenters

import java.io.File
import java.nio.file.Files
import java.time.Clock
import java.time.Instant
import java.time.ZoneId
import org.iopcompanion.core.CompanionStore
import org.junit.jupiter.api.AfterEach

/** The key every test store is sealed under; the app keeps its own wrapped in Android Keystore. */
internal val TEST_KEY: ByteArray = ByteArray(32) { 7 }

/** Real stores in temporary directories, removed after each test. */
abstract class StoreTest {
    private val dirs = mutableListOf<File>()
    private val stores = mutableListOf<CompanionStore>()

    protected fun tempDir(): File = Files.createTempDirectory("companion-presenters").toFile().also { dirs += it }

    protected fun newStore(dir: File = tempDir()): CompanionStore =
        CompanionStore.open(dir.path, TEST_KEY).also { stores += it }

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

/** The real `companion-server` on a free loopback port, with its staff commands. */
internal class Server private constructor(private val process: Process, val url: String, private val data: File) {
    fun staff(vararg args: String): String {
        val p = ProcessBuilder(listOf(bin()) + args.toList() + listOf("--data", data.path)).start()
        val out = p.inputStream.bufferedReader().readText()
        val err = p.errorStream.bufferedReader().readText()
        check(p.waitFor() == 0) { "companion-server ${args.joinToString(" ")} failed: $err" }
        return out
    }

    /** The string fields of a staff command's `--json` answer (enough for ids and codes). */
    fun staffJson(vararg args: String): Map<String, String> {
        val text = staff(*args, "--json")
        return Regex("\"([a-z_]+)\"\\s*:\\s*\"([^\"]*)\"").findAll(text)
            .associate { it.groupValues[1] to it.groupValues[2] }
    }

    /** A program with one weekly session and an invitation code for it. */
    fun programWithInvite(name: String, vararg session: String): String {
        val program = staffJson("program", "create", "--name", name).getValue("program_id")
        if (session.isNotEmpty()) staff("program", "session", "add", "--program", program, *session)
        return staffJson("invite", "create", "--program", program).getValue("code")
    }

    fun stop() {
        process.destroy()
        process.waitFor()
    }

    companion object {
        private fun bin(): String = System.getProperty("companion.server.bin")

        fun start(data: File): Server {
            check(File(bin()).canExecute()) { "no ${bin()}: build the workspace first" }
            val process = ProcessBuilder(bin(), "serve", "--listen", "127.0.0.1:0", "--data", data.path)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start()
            val first = process.inputStream.bufferedReader().readLine() ?: error("the server did not start")
            return Server(process, "http://" + first.removePrefix("listening on ").trim(), data)
        }
    }
}
