package org.iopcompanion.transport

import java.io.File
import java.net.InetAddress
import java.net.ServerSocket
import java.nio.file.Files
import java.time.Duration
import java.time.LocalDate
import java.util.concurrent.TimeUnit
import kotlin.concurrent.thread
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withContext
import org.iopcompanion.core.CheckInInput
import org.iopcompanion.core.CompanionException
import org.iopcompanion.core.CompanionStore
import org.iopcompanion.core.EraseAttempt
import org.iopcompanion.core.HttpException
import org.iopcompanion.core.HttpMethod
import org.iopcompanion.core.HttpRequest
import org.iopcompanion.core.ServerErasure
import org.iopcompanion.transport.testing.CompanionServer
import org.iopcompanion.transport.testing.FaultProxy
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

/**
 * The app's transport carrying the real core's requests to a real companion-server: plain to
 * loopback, through a proxy that stalls or cuts answers, and over HTTPS with a CA the test makes.
 */
class OkHttpTransportTest {
    private val dirs = mutableListOf<File>()
    private val closing = mutableListOf<AutoCloseable>()

    private fun tempDir(): File = Files.createTempDirectory("companion-transport").toFile().also { dirs += it }

    private fun <T : AutoCloseable> T.closedAfter(): T = also { closing += it }

    private fun server(): CompanionServer = CompanionServer.start(tempDir()).closedAfter()

    private fun store(transport: OkHttpTransport = OkHttpTransport(), dir: File = tempDir()): CompanionStore =
        CompanionStore.open(dir.path, KEY, transport).closedAfter()

    @AfterEach
    fun cleanUp() {
        closing.asReversed().forEach { runCatching { it.close() } }
        dirs.forEach { it.deleteRecursively() }
    }

    @Test
    fun `enrol, link a second device, sync both ways and erase, through OkHttp`() = runBlocking {
        val server = server()
        val code = server.programWithInvite(
            "Evening IOP", "--title", "Skills group", "--start", "2030-01-07T18:00",
            "--tz", "America/Chicago", "--weekdays", "mo",
        )
        val phone = store(dir = File(tempDir(), "phone"))
        val tablet = store()

        assertEquals(listOf("Evening IOP"), phone.enroll(server.url, code).account.programNames)
        phone.recordCheckin(LocalDate.parse("2026-11-02"), CheckInInput(mood = 6u, note = "from the phone"))
        assertTrue(phone.sync().changed)
        assertEquals("Skills group", phone.sessions().single().title)

        tablet.redeemLink(server.url, phone.createLink().code)
        assertTrue(tablet.sync().changed)
        assertEquals("from the phone", tablet.checkin(LocalDate.parse("2026-11-02"))?.note)
        tablet.recordCheckin(LocalDate.parse("2026-11-03"), CheckInInput(mood = 7u, note = "from the tablet"))
        tablet.sync()
        assertTrue(phone.sync().changed)
        assertEquals("from the tablet", phone.checkin(LocalDate.parse("2026-11-03"))?.note)
        assertFalse(phone.sync().changed)

        // A code is single use: the second enrolment is refused by the server, through OkHttp.
        assertThrows<CompanionException.InvalidCode> { runBlocking { store().enroll(server.url, code) } }

        val erased = phone.eraseAttempt(false)
        assertTrue(erased is EraseAttempt.Erased, erased.toString())
        assertEquals(ServerErasure.ERASED, (erased as EraseAttempt.Erased).report.server)
        assertThrows<CompanionException.NotEnrolled> { runBlocking { tablet.sync() } }
        Unit
    }

    @Test
    fun `an erase with the server out of reach erases nothing, and this device only then erases here`() = runBlocking {
        val server = server()
        val dir = File(tempDir(), "phone")
        val phone = store(dir = dir)
        phone.enroll(server.url, server.programWithInvite("Evening IOP"))
        phone.recordCheckin(LocalDate.parse("2026-11-02"), CheckInInput(mood = 6u, note = "kept"))
        phone.sync()
        server.stop()

        // Nothing listens on the server's port now: the core's outcome, not an error.
        val attempt = phone.eraseAttempt(false)
        assertTrue(attempt is EraseAttempt.ServerUnreachable, attempt.toString())
        val unreachable = attempt as EraseAttempt.ServerUnreachable
        assertTrue(unreachable.message.isNotBlank() && unreachable.thisDeviceOnly.isNotBlank(), unreachable.toString())
        // Nothing erased: this handle still works, and the store opens again with its data.
        assertEquals("kept", phone.checkin(LocalDate.parse("2026-11-02"))?.note)
        phone.close()
        val again = store(dir = dir)
        assertEquals("kept", again.checkin(LocalDate.parse("2026-11-02"))?.note)
        assertEquals(server.url, again.account()?.server)

        // This device only: erased here; the server's copy is left.
        val local = again.eraseAttempt(true)
        assertTrue(local is EraseAttempt.Erased, local.toString())
        assertEquals(ServerErasure.KEPT, (local as EraseAttempt.Erased).report.server)
        assertFalse(dir.exists())
        assertThrows<CompanionException.StoreUnusable> { again.checkin(LocalDate.parse("2026-11-02")) }
        Unit
    }

    @Test
    fun `an answer cut mid-way is sent again by the core, and nothing is lost or duplicated`() = runBlocking {
        val server = server()
        val proxy = FaultProxy(server.address).closedAfter()
        val phone = store()
        phone.enroll(proxy.url, server.programWithInvite("Evening IOP"))
        phone.sync()
        val before = proxy.syncsForwarded.get()

        phone.recordCheckin(LocalDate.parse("2026-11-02"), CheckInInput(mood = 5u, note = "cut on the way back"))
        proxy.cutNextSync()
        // The server applied the push, the answer was lost: the core tried again, and the retry's
        // chunk (the same id) was already there.
        phone.sync()
        assertEquals(1, proxy.cut.get())
        assertTrue(proxy.syncsForwarded.get() >= before + 3, "the cut push, its retry, the program")

        val tablet = store()
        tablet.redeemLink(proxy.url, phone.createLink().code)
        tablet.sync()
        assertEquals(listOf("cut on the way back"), tablet.checkins(null, null).map { it.note })
        // Nothing left to push: the phone's next sync sends no chunk and changes nothing.
        assertFalse(phone.sync().changed)
    }

    @Test
    fun `a sync stopped while the server stalls cancels the call and loses nothing`() = runBlocking {
        val server = server()
        val proxy = FaultProxy(server.address).closedAfter()
        val phone = store()
        phone.enroll(proxy.url, server.programWithInvite("Evening IOP"))
        phone.recordCheckin(LocalDate.parse("2026-11-02"), CheckInInput(mood = 4u, note = "sent while stalled"))

        proxy.holdNextSync()
        val syncing = async(Dispatchers.IO) { runCatching { phone.sync() } }
        withContext(Dispatchers.IO) { assertTrue(proxy.held.await(30, TimeUnit.SECONDS)) }
        // WorkManager stopping the worker: the coroutine is cancelled, the core drops the request,
        // and OkHttp closes the connection.
        syncing.cancel()
        withContext(Dispatchers.IO) { assertTrue(proxy.abandoned.await(30, TimeUnit.SECONDS), "the call was not cancelled") }

        phone.sync()
        val tablet = store()
        tablet.redeemLink(proxy.url, phone.createLink().code)
        tablet.sync()
        assertEquals(listOf("sent while stalled"), tablet.checkins(null, null).map { it.note })
    }

    @Test
    fun `over HTTPS with a certificate the trust store knows, enrolment and sync work`() = runBlocking {
        val server = server()
        val authority = TestAuthority("IOP Companion test CA")
        val tls = TlsProxy(server.address, authority.serverCertificate(), authority.root).closedAfter()
        val phone = store(OkHttpTransport(authority.trustingClient()))

        phone.enroll(tls.url, server.programWithInvite("Evening IOP"))
        assertEquals(tls.url, phone.account()?.server)
        phone.recordCheckin(LocalDate.parse("2026-11-02"), CheckInInput(mood = 6u, note = "over TLS"))
        phone.sync()
        val tablet = store(OkHttpTransport(authority.trustingClient()))
        tablet.redeemLink(tls.url, phone.createLink().code)
        tablet.sync()
        assertEquals("over TLS", tablet.checkin(LocalDate.parse("2026-11-02"))?.note)
    }

    @Test
    fun `a certificate the trust store does not know is a TLS error and changes nothing`() = runBlocking {
        val server = server()
        val known = TestAuthority("the phone's CA")
        val stranger = TestAuthority("someone else's CA")
        val tls = TlsProxy(server.address, stranger.serverCertificate(), stranger.root).closedAfter()
        val code = server.programWithInvite("Evening IOP")
        val phone = store(OkHttpTransport(known.trustingClient()))

        val refused = assertThrows<CompanionException.Network> { runBlocking { phone.enroll(tls.url, code) } }
        assertTrue(refused.message!!.startsWith("could not make a secure connection to the server"), refused.message)
        assertFalse(refused.message!!.contains("localhost"), refused.message)
        assertNull(phone.account())

        // The code was never spent (the request never left): through a proxy the phone trusts,
        // it still enrols.
        val trusted = TlsProxy(server.address, known.serverCertificate(), known.root).closedAfter()
        val dir = File(tempDir(), "phone")
        store(OkHttpTransport(known.trustingClient()), dir).use { enrolled ->
            enrolled.enroll(trusted.url, code)
            enrolled.recordCheckin(LocalDate.parse("2026-11-02"), CheckInInput(mood = 3u, note = "kept until it can go"))
        }
        phone.close()

        // The same phone with a trust store that no longer knows the server's CA: sync is refused
        // as TLS, and nothing in the store moved (the check-in is still to push).
        store(OkHttpTransport(stranger.trustingClient()), dir).use { distrusting ->
            val e = assertThrows<CompanionException.Network> { runBlocking { distrusting.sync() } }
            assertTrue(e.message!!.startsWith("could not make a secure connection"), e.message)
            assertEquals("kept until it can go", distrusting.checkin(LocalDate.parse("2026-11-02"))?.note)
        }
        store(OkHttpTransport(known.trustingClient()), dir).use { again ->
            again.sync()
            val tablet = store(OkHttpTransport(known.trustingClient()))
            tablet.redeemLink(trusted.url, again.createLink().code)
            tablet.sync()
            assertEquals(listOf("kept until it can go"), tablet.checkins(null, null).map { it.note })
        }
    }

    @Test
    fun `plain HTTP to another host is refused by the core before anything is sent`() = runBlocking {
        val phone = store()
        for (server in listOf("http://sync.example.org", "http://10.0.2.2:8080", "http://192.168.1.20")) {
            val e = assertThrows<CompanionException.InvalidInput> { runBlocking { phone.enroll(server, "K7QF-9XMZ-2PRT") } }
            assertTrue(e.message!!.contains("https://"), e.message)
        }
        assertNull(phone.account())
    }

    @Test
    fun `each failure of the network reaches the core as its kind`() = runBlocking {
        val transport = OkHttpTransport()
        fun get(url: String, timeout: Duration = Duration.ofSeconds(10), limit: ULong = 1_000_000uL) =
            HttpRequest(HttpMethod.GET, url, emptyList(), ByteArray(0), timeout, limit)

        // Nothing listens: offline.
        val closed = ServerSocket(0, 1, InetAddress.getLoopbackAddress()).use { it.localPort }
        assertThrows<HttpException.Offline> { runBlocking { transport.send(get("http://127.0.0.1:$closed/")) } }
        // A name that cannot resolve: offline.
        assertThrows<HttpException.Offline> { runBlocking { transport.send(get("http://no-such-host.invalid/")) } }

        // A server that accepts and never answers: a timeout, after the request's own.
        ServerSocket(0, 1, InetAddress.getLoopbackAddress()).use { silent ->
            thread(isDaemon = true) { runCatching { silent.accept().use { Thread.sleep(30_000) } } }
            assertThrows<HttpException.Timeout> {
                runBlocking { transport.send(get("http://127.0.0.1:${silent.localPort}/", Duration.ofMillis(300))) }
            }
        }

        // Answers are returned whatever their status, redirects included (never followed), and a
        // body past the limit is refused.
        val body = "x".repeat(2_000)
        answering("HTTP/1.1 302 Found\r\nConnection: close\r\nLocation: http://127.0.0.1:1/elsewhere\r\nSet-Cookie: a=b\r\nContent-Length: 0\r\n\r\n") { url ->
            val answer = transport.send(get(url))
            assertEquals(302.toUShort(), answer.status)
            assertEquals("http://127.0.0.1:1/elsewhere", answer.headers.first { it.name.equals("location", true) }.value)
        }
        answering("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: ${body.length}\r\n\r\n$body") { url ->
            assertThrows<HttpException.Other> { runBlocking { transport.send(get(url, limit = 1_000uL)) } }
            assertEquals(body, String(transport.send(get(url, limit = 2_000uL)).body))
        }
        // Cut short: the head promises more than comes.
        answering("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 100\r\n\r\nonly this") { url ->
            assertThrows<HttpException.Other> { runBlocking { transport.send(get(url)) } }
        }
    }

    /**
     * A one-answer HTTP server on loopback: every connection gets [answer] and is closed (so
     * [answer] says `Connection: close`, as a server that closes does).
     */
    private suspend fun answering(answer: String, check: suspend (String) -> Unit) {
        ServerSocket(0, 10, InetAddress.getLoopbackAddress()).use { listener ->
            thread(isDaemon = true) {
                while (!listener.isClosed) {
                    val socket = runCatching { listener.accept() }.getOrNull() ?: break
                    socket.use {
                        val input = it.getInputStream()
                        var last4 = 0
                        while (last4 != 0x0d0a0d0a) last4 = (last4 shl 8) or input.read().also { b -> if (b == -1) return@use }
                        it.getOutputStream().write(answer.toByteArray(Charsets.ISO_8859_1))
                        it.getOutputStream().flush()
                    }
                }
            }
            check("http://127.0.0.1:${listener.localPort}/")
        }
    }

    private companion object {
        /** The key every test store is sealed under; the app keeps its own wrapped in Android Keystore. */
        val KEY = ByteArray(32) { 7 }
    }
}
