package org.iopcompanion.app.platform

import android.os.Build
import android.security.keystore.KeyGenParameterSpec
import android.security.keystore.KeyProperties
import android.util.AtomicFile
import java.io.File
import java.security.GeneralSecurityException
import java.security.KeyStore
import java.security.ProviderException
import javax.crypto.Cipher
import javax.crypto.KeyGenerator
import javax.crypto.SecretKey
import javax.crypto.spec.GCMParameterSpec
import org.iopcompanion.core.generateStoreKey

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
class StoreKeyVault(private val file: File) {

    fun exists(): Boolean = file.exists()

    /**
     * The store key: unwrapped, or made, wrapped and written the first time. The caller
     * zeroes the array once the store is open.
     */
    @Throws(StoreUnavailableException::class)
    fun loadOrCreate(): ByteArray = if (file.exists()) unwrap() else create()

    /** After an erase: the wrapped key and the Keystore key both go. */
    fun delete() {
        AtomicFile(file).delete()
        try {
            keyStore().deleteEntry(ALIAS)
        } catch (e: GeneralSecurityException) {
            // Nothing left to protect: the wrapped key is already gone.
        }
    }

    private fun create(): ByteArray {
        val key = try {
            generateStoreKey()
        } catch (e: Exception) {
            throw StoreUnavailableException("no random key", e)
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
            throw StoreUnavailableException("the store key could not be wrapped", e)
        } catch (e: java.io.IOException) {
            key.fill(0)
            throw StoreUnavailableException("the wrapped store key could not be written", e)
        }
    }

    private fun unwrap(): ByteArray {
        val bytes = try {
            AtomicFile(file).readFully()
        } catch (e: java.io.IOException) {
            throw StoreUnavailableException("the wrapped store key could not be read", e)
        }
        if (bytes.size < 2 || bytes[0].toInt() != FORMAT) throw StoreUnavailableException("unknown wrapped key format", null)
        val ivLength = bytes[1].toInt() and 0xff
        if (bytes.size < 2 + ivLength + TAG_BITS / 8) throw StoreUnavailableException("the wrapped store key is cut short", null)
        return try {
            val cipher = Cipher.getInstance(TRANSFORMATION)
            cipher.init(Cipher.DECRYPT_MODE, wrappingKey(create = false), GCMParameterSpec(TAG_BITS, bytes, 2, ivLength))
            cipher.doFinal(bytes, 2 + ivLength, bytes.size - 2 - ivLength)
        } catch (e: GeneralSecurityException) {
            // The Keystore key is gone (the app's data was restored onto another phone, or the
            // Keystore was reset) or the file was altered: the store cannot be opened.
            throw StoreUnavailableException("the store key could not be unwrapped", e)
        } catch (e: java.io.IOException) {
            throw StoreUnavailableException("the Keystore could not be read", e)
        }
    }

    private fun wrappingKey(create: Boolean): SecretKey {
        val store = keyStore()
        (store.getKey(ALIAS, null) as? SecretKey)?.let { return it }
        if (!create) throw StoreUnavailableException("the Keystore key is missing", null)
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

/** The store cannot be opened on this phone: its key is missing or cannot be unwrapped. */
class StoreUnavailableException(message: String, cause: Throwable?) : Exception(message, cause)
