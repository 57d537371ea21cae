package org.iopcompanion.app.platform

import android.os.Build
import android.security.keystore.KeyGenParameterSpec
import android.security.keystore.KeyProperties
import android.util.AtomicFile
import java.io.File
import android.security.keystore.KeyPermanentlyInvalidatedException
import java.security.GeneralSecurityException
import java.security.KeyStore
import java.security.ProviderException
import javax.crypto.AEADBadTagException
import javax.crypto.Cipher
import javax.crypto.KeyGenerator
import javax.crypto.SecretKey
import javax.crypto.spec.GCMParameterSpec
import org.iopcompanion.core.generateStoreKey
import org.iopcompanion.presenters.StoreKeyException
import org.iopcompanion.presenters.StoreKeys

/**
 * The store key, kept wrapped: the core seals the store under a random 32-byte key
 * (`generateStoreKey()`); that key is encrypted with an AES-256-GCM key that never leaves
 * Android Keystore (StrongBox where the phone has one), and only the wrapped bytes are on disk.
 * A copy of the app's files is useless without this phone's Keystore.
 *
 * The wrapping key needs no user authentication and no unlocked device: reminders are
 * re-planned from receivers while the phone is locked. The files live in noBackupFilesDir,
 * outside Auto Backup, which could not restore them anyway (the Keystore key stays behind);
 * the participant's own encrypted backup is how data moves to a new phone.
 */
class StoreKeyVault(private val file: File) : StoreKeys {

    override fun exists(): Boolean = file.exists()

    /**
     * The key, unwrapped; the caller zeroes it once the store is open. A key that is gone for
     * good (the Keystore alias missing, the key invalidated, a tag that fails) is `lost`; any
     * other failure (a busy or locked Keystore, I/O) is not, and never leads to deleting data.
     */
    override fun load(): ByteArray = unwrap()

    /** Made, wrapped and written the first time (the store directory holds no store yet). */
    override fun create(): ByteArray = createKey()

    /** After an erase: the wrapped key and the Keystore key both go. */
    fun delete() {
        AtomicFile(file).delete()
        try {
            keyStore().deleteEntry(ALIAS)
        } catch (e: GeneralSecurityException) {
            // Nothing left to protect: the wrapped key is already gone.
        }
    }

    private fun createKey(): ByteArray {
        val key = try {
            generateStoreKey()
        } catch (e: Exception) {
            throw StoreKeyException(lost = false, "no random key", e)
        }
        try {
            val cipher = Cipher.getInstance(TRANSFORMATION)
            // Keystore picks the IV (randomized encryption is required); it is stored with the key.
            cipher.init(Cipher.ENCRYPT_MODE, wrappingKey(create = true))
            val sealed = cipher.doFinal(key)
            val iv = cipher.iv
            val out = AtomicFile(file)
            val stream = out.startWrite()
            try {
                stream.write(FORMAT)
                stream.write(iv.size)
                stream.write(iv)
                stream.write(sealed)
                out.finishWrite(stream)
            } catch (e: java.io.IOException) {
                out.failWrite(stream)
                throw e
            }
            return key
        } catch (e: GeneralSecurityException) {
            key.fill(0)
            throw StoreKeyException(lost = false, "the store key could not be wrapped", e)
        } catch (e: java.io.IOException) {
            key.fill(0)
            throw StoreKeyException(lost = false, "the wrapped store key could not be written", e)
        }
    }

    private fun unwrap(): ByteArray {
        val bytes = try {
            AtomicFile(file).readFully()
        } catch (e: java.io.IOException) {
            throw StoreKeyException(lost = false, "the wrapped store key could not be read", e)
        }
        // AtomicFile never leaves a half-written file: a short or foreign one cannot be unwrapped, ever.
        if (bytes.size < 2 || bytes[0].toInt() != FORMAT) throw StoreKeyException(lost = true, "unknown wrapped key format")
        val ivLength = bytes[1].toInt() and 0xff
        if (bytes.size < 2 + ivLength + TAG_BITS / 8) throw StoreKeyException(lost = true, "the wrapped store key is cut short")
        return try {
            val cipher = Cipher.getInstance(TRANSFORMATION)
            cipher.init(Cipher.DECRYPT_MODE, wrappingKey(create = false), GCMParameterSpec(TAG_BITS, bytes, 2, ivLength))
            cipher.doFinal(bytes, 2 + ivLength, bytes.size - 2 - ivLength)
        } catch (e: KeyPermanentlyInvalidatedException) {
            // The Keystore invalidated the key (a security reset): it will never unwrap again.
            throw StoreKeyException(lost = true, "the Keystore key was invalidated", e)
        } catch (e: AEADBadTagException) {
            // Not this Keystore key's wrapping (its key was replaced, or the file altered).
            throw StoreKeyException(lost = true, "the wrapped store key does not unwrap", e)
        } catch (e: GeneralSecurityException) {
            // KeyStoreException, UnrecoverableKeyException and the rest: the Keystore may answer
            // next time (busy, locked, a hardware hiccup).
            throw StoreKeyException(lost = false, "the store key could not be unwrapped now", e)
        } catch (e: java.io.IOException) {
            throw StoreKeyException(lost = false, "the Keystore could not be read", e)
        } catch (e: ProviderException) {
            throw StoreKeyException(lost = false, "the Keystore failed", e)
        }
    }

    private fun wrappingKey(create: Boolean): SecretKey {
        val store = keyStore()
        (store.getKey(ALIAS, null) as? SecretKey)?.let { return it }
        // The alias is gone while its wrapped key is here: the key is lost for good.
        if (!create) throw StoreKeyException(lost = true, "the Keystore key is missing")
        if (Build.VERSION.SDK_INT < Build.VERSION_CODES.P) return generate(strongBox = false)
        return try {
            generate(strongBox = true)
        } catch (e: ProviderException) {
            // StrongBoxUnavailableException (a ProviderException, caught as such so older
            // Android never loads it): this phone has no StrongBox; the TEE then.
            generate(strongBox = false)
        }
    }

    private fun generate(strongBox: Boolean): SecretKey {
        val spec = KeyGenParameterSpec.Builder(ALIAS, KeyProperties.PURPOSE_ENCRYPT or KeyProperties.PURPOSE_DECRYPT)
            .setBlockModes(KeyProperties.BLOCK_MODE_GCM)
            .setEncryptionPaddings(KeyProperties.ENCRYPTION_PADDING_NONE)
            .setKeySize(256)
            .setRandomizedEncryptionRequired(true)
            .apply { if (strongBox) setIsStrongBoxBacked(true) }
            .build()
        val generator = KeyGenerator.getInstance(KeyProperties.KEY_ALGORITHM_AES, KEYSTORE)
        generator.init(spec)
        return generator.generateKey()
    }

    private fun keyStore(): KeyStore = KeyStore.getInstance(KEYSTORE).apply { load(null) }

    private companion object {
        const val KEYSTORE = "AndroidKeyStore"
        const val ALIAS = "org.iopcompanion.store-key-wrap"
        const val TRANSFORMATION = "AES/GCM/NoPadding"
        const val TAG_BITS = 128
        const val FORMAT = 1
    }
}
