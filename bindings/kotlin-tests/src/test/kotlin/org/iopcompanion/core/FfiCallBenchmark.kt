package org.iopcompanion.core

import java.nio.file.Files
import java.time.Instant
import java.time.LocalDate
import org.junit.jupiter.api.Assumptions.assumeTrue
import org.junit.jupiter.api.Test

/**
 * What one call across the boundary costs from Kotlin. A benchmark, not a test: it asserts
 * nothing about time and is skipped unless run on purpose, against a release library:
 *
 *     cargo build --release -p companion-ffi --lib
 *     scripts/test-kotlin -Dcompanion.bench=true -Dcompanion.lib.dir=$PWD/target/release -Dtest=FfiCallBenchmark
 *
 * (the bindings must come from the same sources: scripts/bindings first). Figures go in
 * docs/benchmarks.md.
 */
class FfiCallBenchmark {
    private fun median(samples: LongArray): Double = samples.sorted()[samples.size / 2] / 1000.0

    private fun p90(samples: LongArray): Double = samples.sorted()[samples.size * 9 / 10] / 1000.0

    private inline fun measure(runs: Int, call: (Int) -> Unit): LongArray {
        repeat(runs / 5) { call(it) } // warm-up: JIT, caches
        return LongArray(runs) { i ->
            val t = System.nanoTime()
            call(i)
            System.nanoTime() - t
        }
    }

    @Test
    fun `cost of calls from Kotlin`() {
        assumeTrue(System.getProperty("companion.bench") == "true", "run with -Dcompanion.bench=true")
        val dir = Files.createTempDirectory("companion-bench").toFile()
        try {
            CompanionStore.open(dir.path, TEST_KEY, PHONE_NETWORK).use { store ->
                store.addSession(
                    SessionInput(
                        title = "Process group", start = LocalDateTime.parse("2025-01-06T09:00"), timeZone = "America/Chicago",
                        durationMinutes = 180u, recurrence = RecurrenceRecord(listOf(Weekday.MONDAY, Weekday.WEDNESDAY, Weekday.THURSDAY), 1u, null, null),
                    ),
                )
                val now = Instant.now()
                val today = measure(2000) { store.today(now, "America/New_York") }
                val suggested = measure(2000) { store.suggestedEmotions() }
                val first = LocalDate.now().minusDays(400)
                val checkins = measure(300) { i ->
                    store.recordCheckin(first.plusDays(i.toLong()), CheckInInput(mood = 6u, craving = 2u, note = "Good group today."))
                }
                println("| today(now, zone) from Kotlin | ${"%.1f".format(median(today))} µs | ${"%.1f".format(p90(today))} µs | 2000 |")
                println("| suggestedEmotions() from Kotlin (the crossing itself) | ${"%.1f".format(median(suggested))} µs | ${"%.1f".format(p90(suggested))} µs | 2000 |")
                println("| recordCheckin from Kotlin (durable) | ${"%.1f".format(median(checkins))} µs | ${"%.1f".format(p90(checkins))} µs | 300 |")
            }
        } finally {
            dir.deleteRecursively()
        }
    }
}
