package org.iopcompanion.transport.testing

import java.io.InputStream
import java.net.InetAddress
import java.net.ServerSocket
import java.net.Socket
import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicInteger
import java.util.concurrent.atomic.AtomicReference
import kotlin.concurrent.thread

/**
 * A loopback TCP proxy in front of a real server that can misbehave on the next sync request,
 * as a mobile network does: hold it unanswered (a stalled server), or pass it on and cut the
 * server's answer after a few bytes (a connection lost mid-response, after the server applied
 * the request). One connection per exchange: the proxy asks for `Connection: close`.
 */
class FaultProxy(private val upstream: String) : AutoCloseable {
    private val listener = ServerSocket(0, 50, InetAddress.getLoopbackAddress())
    val url: String = "http://127.0.0.1:${listener.localPort}"

    private enum class Fault { HOLD, CUT }

    private val next = AtomicReference<Fault?>(null)
    private val release = AtomicReference(CountDownLatch(1))

    /** Counts down when a held request has arrived (and is being held). */
    @Volatile
    var held = CountDownLatch(1)
        private set

    /** Counts down when the client closed the connection of a held request (it gave up). */
    @Volatile
    var abandoned = CountDownLatch(1)
        private set

    /** Sync requests that reached the server through this proxy. */
    val syncsForwarded = AtomicInteger()

    /** Answers cut short by [cutNextSync]. */
    val cut = AtomicInteger()

    private val sockets = java.util.Collections.synchronizedList(mutableListOf<Socket>())

    init {
        thread(isDaemon = true, name = "fault-proxy") {
            while (!listener.isClosed) {
                val client = try { listener.accept() } catch (e: Exception) { break }
                sockets += client
                thread(isDaemon = true) { serve(client) }
            }
        }
    }

    /** The next sync request is held until [release] (or until the client gives up). */
    fun holdNextSync() {
        held = CountDownLatch(1)
        abandoned = CountDownLatch(1)
        release.set(CountDownLatch(1))
        next.set(Fault.HOLD)
    }

    fun release() = release.get().countDown()

    /** The next sync request reaches the server; its answer is cut after a few bytes. */
    fun cutNextSync() = next.set(Fault.CUT)

    private fun serve(client: Socket) {
        client.use {
            val input = client.getInputStream()
            val head = readHead(input) ?: return
            val length = Regex("(?im)^content-length:\\s*(\\d+)").find(head)?.groupValues?.get(1)?.toInt() ?: 0
            val body = input.readNBytes(length)
            val isSync = head.startsWith("POST ") && head.substringBefore("\r\n").endsWith("/sync HTTP/1.1")
            val fault = if (isSync) next.getAndSet(null) else null
            if (fault == Fault.HOLD && !hold(input)) return
            Socket(upstream.substringBefore(':'), upstream.substringAfter(':').toInt()).use { server ->
                val out = server.getOutputStream()
                out.write(withConnectionClose(head).toByteArray(Charsets.ISO_8859_1))
                out.write(body)
                out.flush()
                if (isSync) syncsForwarded.incrementAndGet()
                val answer = server.getInputStream().readAllBytes()
                val reply = client.getOutputStream()
                if (fault == Fault.CUT) {
                    // The head and a few bytes of the body: the server has applied the request.
                    val headEnd = indexOf(answer, "\r\n\r\n".toByteArray()) + 4
                    reply.write(answer, 0, minOf(answer.size - 1, headEnd + 3))
                    reply.flush()
                    cut.incrementAndGet()
                    return
                }
                reply.write(answer)
                reply.flush()
            }
        }
    }

    /** Holds a request until released (true), or until the client closes the connection (false). */
    private fun hold(input: InputStream): Boolean {
        held.countDown()
        val watcher = thread(isDaemon = true) {
            // The request is read whole: the next read ends only when the client closes.
            runCatching {
                while (input.read() != -1) {
                    // Nothing more is expected; only the end matters.
                }
            }
            abandoned.countDown()
        }
        while (!release.get().await(20, TimeUnit.MILLISECONDS)) {
            if (abandoned.count == 0L) return false
        }
        watcher.interrupt()
        return true
    }

    override fun close() {
        listener.close()
        release()
        synchronized(sockets) { sockets.forEach { runCatching { it.close() } } }
    }

    private companion object {
        fun readHead(input: InputStream): String? {
            val bytes = java.io.ByteArrayOutputStream()
            var last4 = 0
            while (true) {
                val b = input.read()
                if (b == -1) return null
                bytes.write(b)
                last4 = (last4 shl 8) or b
                if (last4 == 0x0d0a0d0a) return bytes.toString(Charsets.ISO_8859_1)
            }
        }

        fun withConnectionClose(head: String): String {
            val lines = head.trimEnd().split("\r\n").filterNot { it.startsWith("connection:", ignoreCase = true) }
            return (lines + "Connection: close").joinToString("\r\n") + "\r\n\r\n"
        }

        fun indexOf(haystack: ByteArray, needle: ByteArray): Int {
            outer@ for (i in 0..haystack.size - needle.size) {
                for (j in needle.indices) if (haystack[i + j] != needle[j]) continue@outer
                return i
            }
            return -1
        }
    }
}
