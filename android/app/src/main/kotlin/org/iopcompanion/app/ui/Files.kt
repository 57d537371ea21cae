package org.iopcompanion.app.ui

import android.content.Context
import android.content.Intent
import android.net.Uri
import androidx.activity.result.contract.ActivityResultContract
import java.io.IOException
import org.iopcompanion.presenters.PlatformRequest

/** The system's "save as" screen for a file a presenter made (a backup, an export). */
class CreateDocumentFor : ActivityResultContract<PlatformRequest.SaveFile, Uri?>() {
    override fun createIntent(context: Context, input: PlatformRequest.SaveFile): Intent =
        Intent(Intent.ACTION_CREATE_DOCUMENT)
            .addCategory(Intent.CATEGORY_OPENABLE)
            .setType(input.mediaType)
            .putExtra(Intent.EXTRA_TITLE, input.suggestedName)

    override fun parseResult(resultCode: Int, intent: Intent?): Uri? = intent?.data
}

/** Writes the bytes where the participant chose; off the main thread. */
fun writeDocument(context: Context, uri: Uri, bytes: ByteArray): Boolean = try {
    context.contentResolver.openOutputStream(uri, "wt")?.use { it.write(bytes) } != null
} catch (e: IOException) {
    false
} catch (e: SecurityException) {
    false
}

/** A file the participant picked (a backup to restore); off the main thread. */
fun readDocument(context: Context, uri: Uri): ByteArray? = try {
    context.contentResolver.openInputStream(uri)?.use { it.readBytes() }
} catch (e: IOException) {
    null
} catch (e: SecurityException) {
    null
}
