package org.iopcompanion.core

import org.iopcompanion.transport.OkHttpTransport

/** The key the tests' stores are sealed under; the apps keep theirs in Android Keystore. */
internal val TEST_KEY: ByteArray = ByteArray(32) { 7 }

/** The Android app's own transport (android/transport): the tests' stores send through it. */
internal val PHONE_NETWORK: HttpTransport = OkHttpTransport()
