package org.iopcompanion.core

/** The key the tests' stores are sealed under; the apps keep theirs in Android Keystore. */
internal val TEST_KEY: ByteArray = ByteArray(32) { 7 }
