package org.iopcompanion.transport

import java.net.InetAddress
import java.net.Socket
import javax.net.ssl.SSLServerSocket
import kotlin.concurrent.thread
import okhttp3.OkHttpClient
import okhttp3.tls.HandshakeCertificates
import okhttp3.tls.HeldCertificate

/**
 * A certificate authority this test makes, and clients that trust it alone: no system CA, so
 * a certificate it did not sign is refused as on a phone that does not know it.
 */
class TestAuthority(name: String) {
    val root: HeldCertificate = HeldCertificate.Builder()
        .certificateAuthority(0)
        .commonName(name)
        .build()

    /** A server certificate for `localhost` and 127.0.0.1, signed by this authority. */
    fun serverCertificate(): HeldCertificate = HeldCertificate.Builder()
        .signedBy(root)
        .commonName("localhost")
        .addSubjectAlternativeName("localhost")
        .addSubjectAlternativeName("127.0.0.1")
        .build()

    /** An OkHttp client whose trust store holds this authority and nothing else. */
    fun trustingClient(): OkHttpClient {
        val trust = HandshakeCertificates.Builder().addTrustedCertificate(root.certificate).build()
        return OkHttpClient.Builder().sslSocketFactory(trust.sslSocketFactory(), trust.trustManager).build()
    }
}

/**
 * A TLS-terminating proxy on loopback, as a clinic puts in front of companion-server: HTTPS
 * with [certificate] outside, plain HTTP to [upstream] (host:port) inside.
 */
class TlsProxy(private val upstream: String, certificate: HeldCertificate, authority: HeldCertificate) : AutoCloseable {
    private val listener: SSLServerSocket = HandshakeCertificates.Builder()
        .heldCertificate(certificate, authority.certificate)
        .build()
        .sslContext()
        .serverSocketFactory
        .createServerSocket(0, 50, InetAddress.getLoopbackAddress()) as SSLServerSocket

    val url: String = "https://localhost:${listener.localPort}"

    init {
        thread(isDaemon = true, name = "tls-proxy") {
            while (!listener.isClosed) {
                val client = try { listener.accept() } catch (e: Exception) { break }
                thread(isDaemon = true) { relay(client) }
            }
        }
    }

    private fun relay(client: Socket) {
        try {
            Socket(upstream.substringBefore(':'), upstream.substringAfter(':').toInt()).use { server ->
                client.use {
                    val up = thread(isDaemon = true) {
                        runCatching { client.getInputStream().transferTo(server.getOutputStream()) }
                        runCatching { server.shutdownOutput() }
                    }
                    runCatching { server.getInputStream().transferTo(client.getOutputStream()) }
                    up.join(1000)
                }
            }
        } catch (e: Exception) {
            // A handshake the client refused (an untrusted certificate) ends here: that is the test.
            runCatching { client.close() }
        }
    }

    override fun close() = listener.close()
}
