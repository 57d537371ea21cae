package org.iopcompanion.core

import com.sun.jna.NativeLibrary
import java.io.File
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/**
 * The generated bindings load the library this build made, and match it. Tests of the API
 * itself sit next to this file, in this package.
 */
class NativeLibraryTest {
    private val libraryFile =
        File(System.getProperty("jna.library.path"), System.mapLibraryName("companion_ffi"))

    @Test
    fun `the bindings load libcompanion_ffi from the build and match its API`() {
        assertTrue(libraryFile.isFile, "no $libraryFile: run scripts/bindings first")
        // Loads the library and checks the uniffi contract version and every function's
        // checksum: a library built from other sources than the bindings fails here.
        uniffiEnsureInitialized()
        assertEquals(
            libraryFile.canonicalFile,
            NativeLibrary.getInstance("companion_ffi").file.canonicalFile,
            "JNA loaded another libcompanion_ffi than the one in jna.library.path",
        )
    }
}
