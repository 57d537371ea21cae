package org.iopcompanion.transport

import java.io.IOException
import java.io.InterruptedIOException
import java.net.ConnectException
import java.net.NoRouteToHostException
import java.net.PortUnreachableException
import java.net.SocketTimeoutException
import java.net.UnknownHostException
import java.util.concurrent.TimeUnit
import javax.net.ssl.SSLException
import kotlin.coroutines.resume
import kotlin.coroutines.resumeWithException
import kotlinx.coroutines.suspendCancellableCoroutine
import okhttp3.Call
import okhttp3.Callback
import okhttp3.CookieJar
import okhttp3.OkHttpClient
import okhttp3.Request
import okhttp3.RequestBody.Companion.toRequestBody
import okhttp3.Response
import okio.Buffer
import org.iopcompanion.core.HttpException
import org.iopcompanion.core.HttpHeader
import org.iopcompanion.core.HttpMethod
import org.iopcompanion.core.HttpRequest
import org.iopcompanion.core.HttpResponse
import org.iopcompanion.core.HttpTransport

/**
 * The core's requests, carried by OkHttp: the phone's trust store (and the app's network
 * security config), its proxies and VPNs apply, and on Android OkHttp refuses cleartext to any
 * host the config does not allow. The core builds every request and reads every answer, and it
 * alone retries; this class only sends, once.
 *
 * Why OkHttp rather than the framework's HttpURLConnection: the same library runs on the phone
 * and in this repository's JVM tests (HttpURLConnection is OkHttp on Android but the JDK's own
 * client on a JVM, so a JVM test of it would test other code); it cancels an exchange when the
 * core drops it (a WorkManager job stopped mid-sync); and it has a timeout for the whole call.
 *
 * [base] is the client to share (its connection pool and dispatcher); tests hand one that
 * trusts only their own CA. Whatever it is configured with, this transport follows no redirect,
 * keeps no cookie, caches nothing and never retries on its own.
 */
class OkHttpTransport(base: OkHttpClient = OkHttpClient()) : HttpTransport {
    private val client: OkHttpClient = base.newBuilder()
        .followRedirects(false)
        .followSslRedirects(false)
        .cookieJar(CookieJar.NO_COOKIES)
        .cache(null)
        // A request that may have reached the server is the core's to repeat or not: an
        // invitation code is spent by its first use.
        .retryOnConnectionFailure(false)
        .build()

    override suspend fun send(request: HttpRequest): HttpResponse {
        val call = client.newCall(request.toOkHttp())
        call.timeout().timeout(request.timeout.toMillis(), TimeUnit.MILLISECONDS)
        return suspendCancellableCoroutine { continuation ->
            continuation.invokeOnCancellation { call.cancel() }
            call.enqueue(object : Callback {
                override fun onFailure(call: Call, e: IOException) {
                    continuation.resumeWithException(failure(e))
                }

                override fun onResponse(call: Call, response: Response) {
                    val answer = try {
                        response.use { read(it, request.maxResponseBytes.toLong()) }
                    } catch (e: IOException) {
                        continuation.resumeWithException(failure(e))
                        return
                    } catch (e: HttpException) {
                        continuation.resumeWithException(e)
                        return
                    }
                    continuation.resume(answer)
                }
            })
        }
    }

    private fun HttpRequest.toOkHttp(): Request {
        // No media type on the body: the core's content-type header is the one sent.
        val content = body.toRequestBody(null)
        val builder = Request.Builder().url(url)
        when (method) {
            HttpMethod.GET -> builder.get()
            HttpMethod.POST -> builder.post(content)
            HttpMethod.PUT -> builder.put(content)
            HttpMethod.DELETE -> if (body.isEmpty()) builder.delete() else builder.delete(content)
        }
        headers.forEach { builder.addHeader(it.name, it.value) }
        return builder.build()
    }

    private fun read(response: Response, limit: Long): HttpResponse {
        val body = response.body
        if (body.contentLength() > limit) throw HttpException.Other()
        val source = body.source()
        val bytes = Buffer()
        // A body cut short throws here (OkHttp checks Content-Length and chunked framing).
        while (source.read(bytes, CHUNK) != -1L) {
            if (bytes.size > limit) throw HttpException.Other()
        }
        return HttpResponse(
            status = response.code.toUShort(),
            headers = response.headers.map { (name, value) -> HttpHeader(name, value) },
            body = bytes.readByteArray(),
        )
    }

    internal companion object {
        private const val CHUNK = 64L * 1024

        /** The kind of an OkHttp failure; its message (which holds the URL) goes nowhere. */
        fun failure(e: IOException): HttpException = when (e) {
            is SSLException -> HttpException.Tls()
            // Before InterruptedIOException, which it extends: connect or read timeouts.
            is SocketTimeoutException -> HttpException.Timeout()
            // The call's own timeout; a cancelled call is reported as a plain failure.
            is InterruptedIOException -> if (e.message == "timeout") HttpException.Timeout() else HttpException.Other()
            is UnknownHostException, is ConnectException, is NoRouteToHostException,
            is PortUnreachableException -> HttpException.Offline()
            else -> HttpException.Other()
        }
    }
}
