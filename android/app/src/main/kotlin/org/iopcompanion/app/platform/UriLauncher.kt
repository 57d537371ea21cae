package org.iopcompanion.app.platform

import android.content.ActivityNotFoundException
import android.content.Context
import android.content.Intent
import android.net.Uri
import org.iopcompanion.core.ActionType
import org.iopcompanion.presenters.PlatformRequest

/** Opens the core's `tel:`, `sms:` and `mailto:` links, and sessions' video links, with the phone's own apps. */
object UriLauncher {
    /** Returns whether an app opened it; `false` when the phone has none (a tablet without a dialer). */
    fun open(context: Context, request: PlatformRequest.OpenUri): Boolean {
        val uri = Uri.parse(request.uri)
        val intent = when (request.kind) {
            // The dialer with the number filled in, one tap from calling: ACTION_CALL would need
            // the CALL_PHONE permission, and a crisis line is better confirmed than mis-dialled.
            ActionType.CALL, ActionType.TTY -> Intent(Intent.ACTION_DIAL, uri)
            // Some messaging apps read the prefilled words from sms_body, not from the link.
            // (An sms: link is opaque, so Uri.getQueryParameter would throw.)
            ActionType.TEXT -> Intent(Intent.ACTION_SENDTO, uri).apply {
                request.uri.substringAfter("?body=", "").takeIf { it.isNotEmpty() }
                    ?.let { putExtra("sms_body", Uri.decode(it.substringBefore('&'))) }
            }
            ActionType.EMAIL -> Intent(Intent.ACTION_SENDTO, uri)
        }
        return start(context, intent)
    }

    /** A session's video call (an http(s) link the core checked): the browser, or the call's own app. */
    fun open(context: Context, request: PlatformRequest.OpenLink): Boolean =
        start(context, Intent(Intent.ACTION_VIEW, Uri.parse(request.uri)))

    private fun start(context: Context, intent: Intent): Boolean = try {
        context.startActivity(intent.addFlags(Intent.FLAG_ACTIVITY_NEW_TASK))
        true
    } catch (e: ActivityNotFoundException) {
        false
    }
}
