package org.iopcompanion.core

import java.io.File
import java.nio.file.Files
import java.time.LocalDate
import kotlinx.coroutines.runBlocking
import org.iopcompanion.transport.OkHttpTransport
import org.iopcompanion.transport.testing.CompanionServer
import org.junit.jupiter.api.Assumptions.assumeTrue
import org.junit.jupiter.api.Test

/**
 * A sync round trip from Kotlin through the Android app's transport (OkHttp) against the same
 * through the HTTP client the library carried before (reqwest, `inLibraryTransport()`, built
 * only with the bindings' `in-library-http` feature), on the same release server, interleaved
 * in one run. A benchmark, not a test: it asserts nothing about time. scripts/bench-transport
 * builds what it needs and runs it; figures go in docs/benchmarks.md.
 */
class SyncTransportBenchmark {
    private fun median(samples: List<Long>): Double = samples.sorted()[samples.size / 2] / 1000.0

    private fun p90(samples: List<Long>): Double = samples.sorted()[samples.size * 9 / 10] / 1000.0

    private fun timed(call: () -> Unit): Long {
        val t = System.nanoTime()
        call()
        return System.nanoTime() - t
    }

    @Test
    fun `a sync through OkHttp against one through the in-library client`() {
        assumeTrue(System.getProperty("companion.bench") == "true", "run with -Dcompanion.bench=true")
        val root = Files.createTempDirectory("companion-bench").toFile()
        val server = CompanionServer.start(File(root, "server").also { it.mkdirs() })
        val key = ByteArray(32) { 7 }
        try {
            val program = server.staffJson("program", "create", "--name", "Evening IOP").getValue("program_id")
            server.staff(
                "program", "session", "add", "--program", program, "--title", "Process group",
                "--start", "2026-11-02T09:00", "--tz", "America/Chicago", "--weekdays", "mo,we,th",
            )
            val inLibrary = inLibraryTransport()
            // The in-library client again, but reached through a Kotlin transport: the same HTTP,
            // plus the crossing into Kotlin and back that every platform transport pays.
            val crossing = object : HttpTransport {
                override suspend fun send(request: HttpRequest): HttpResponse = inLibrary.send(request)
            }
            val transports = linkedMapOf<String, HttpTransport>(
                "OkHttp (the app's transport)" to OkHttpTransport(),
                "reqwest in the library (before)" to inLibraryTransport(),
                "reqwest, called from a Kotlin transport (the crossing alone)" to crossing,
            )
            val stores = transports.mapValues { (name, transport) ->
                CompanionStore.open(File(root, "store-${name.hashCode()}").path, key, transport)
            }
            runBlocking {
                for (store in stores.values) {
                    store.enroll(server.url, server.staffJson("invite", "create", "--program", program).getValue("code"))
                    store.sync()
                }
                val polls = stores.keys.associateWith { mutableListOf<Long>() }
                val pushes = stores.keys.associateWith { mutableListOf<Long>() }
                val first = LocalDate.of(2026, 1, 1)
                // Warm-up (JIT, connection pools), then alternate: the same server, the same moment.
                repeat(50) { stores.values.forEach { s -> s.sync() } }
                repeat(POLLS) { i ->
                    for ((name, store) in stores) polls.getValue(name) += timed { runBlocking { store.sync() } }
                    if (i < PUSHES) {
                        for ((name, store) in stores) {
                            store.recordCheckin(first.plusDays(i.toLong()).toString(), CheckInInput(mood = 6u, note = "Good group."))
                            pushes.getValue(name) += timed { runBlocking { store.sync() } }
                        }
                    }
                }
                println("| transport | sync, nothing new (2 round trips): median | p90 | sync pushing one check-in: median | p90 |")
                println("|---|---|---|---|---|")
                for (name in stores.keys) {
                    val poll = polls.getValue(name)
                    val push = pushes.getValue(name)
                    println(
                        "| $name | ${"%.0f".format(median(poll))} µs | ${"%.0f".format(p90(poll))} µs " +
                            "| ${"%.0f".format(median(push))} µs | ${"%.0f".format(p90(push))} µs |",
                    )
                }
                println("($POLLS polls and $PUSHES pushes each, interleaved)")
            }
            stores.values.forEach { it.close() }
        } finally {
            server.stop()
            root.deleteRecursively()
        }
    }

    private companion object {
        const val POLLS = 400
        const val PUSHES = 200
    }
}
