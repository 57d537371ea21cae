// Screen state over the core, in plain Kotlin/JVM: no Android or AndroidX types, so every
// presenter is tested on the JVM against the real native library. It also compiles the
// uniffi-generated bindings, which are plain Kotlin over JNA: one copy serves the app and the
// tests. (The generated code picks java.lang.ref.Cleaner where it exists, API 33+, and
// JNA's own cleaner below, so it needs no `android = true` flavour.)
//
// CI on a machine without Gradle builds the same sources with pom.xml (scripts/check-android).

import java.io.File

plugins {
    alias(libs.plugins.kotlin.jvm)
}

/** The Rust workspace this Android project lives in. */
val workspace: File = rootDir.parentFile
val cargo: String = providers.environmentVariable("CARGO").getOrElse("cargo")
val hostLibrary: File = workspace.resolve("target/debug").resolve(
    System.getProperty("os.name").lowercase().let { os ->
        when {
            os.contains("mac") -> "libcompanion_ffi.dylib"
            os.contains("windows") -> "companion_ffi.dll"
            else -> "libcompanion_ffi.so"
        }
    },
)

// uniffi reads the bindings' shape from the library's metadata, so it generates from an
// unstripped host (debug) build; the same build is what the JVM tests load.
val buildHostLibrary by tasks.registering(Exec::class) {
    description = "Builds libcompanion_ffi and uniffi-bindgen for this machine (debug)."
    workingDir = workspace
    commandLine(cargo, "build", "--locked", "-p", "companion-ffi", "--lib", "--bin", "uniffi-bindgen")
    inputs.dir(workspace.resolve("bindings/src"))
    inputs.dir(workspace.resolve("core/src"))
    inputs.file(workspace.resolve("Cargo.lock"))
    outputs.file(hostLibrary)
}

val generateUniffiBindings by tasks.registering(Exec::class) {
    description = "Generates the Kotlin bindings (package org.iopcompanion.core) from the library."
    dependsOn(buildHostLibrary)
    val out = layout.buildDirectory.dir("generated/uniffi/kotlin")
    inputs.file(hostLibrary)
    outputs.dir(out)
    workingDir = workspace
    doFirst { out.get().asFile.deleteRecursively() }
    commandLine(
        workspace.resolve("target/debug/uniffi-bindgen").path, "generate",
        "--library", hostLibrary.path, "--language", "kotlin",
        "--out-dir", out.get().asFile.path, "--no-format",
    )
}

// The sync server the enrolment and erase tests start on loopback.
val buildTestServer by tasks.registering(Exec::class) {
    workingDir = workspace
    commandLine(cargo, "build", "--locked", "-p", "companion-server")
}

// After the tasks: a script's properties are set in order.
kotlin {
    jvmToolchain(17)
    sourceSets.main {
        kotlin.srcDir(generateUniffiBindings)
    }
}

dependencies {
    // The generated bindings call JNA: compiled against the jar here; the app ships the @aar
    // (Android's libjnidispatch), and the tests run with the jar.
    compileOnly(libs.jna)
    implementation(libs.kotlinx.coroutines.core)

    testImplementation(libs.jna)
    // The tests' stores send through the app's real transport, to the real server its test
    // fixtures start (a test-only dependency back on a module that depends on this one).
    testImplementation(project(":transport"))
    testImplementation(testFixtures(project(":transport")))
    testImplementation(platform(libs.junit.bom))
    testImplementation(libs.junit.jupiter)
    testRuntimeOnly(libs.junit.platform.launcher)
}

tasks.test {
    useJUnitPlatform()
    dependsOn(buildHostLibrary, buildTestServer)
    systemProperty("jna.library.path", hostLibrary.parentFile.path)
    systemProperty("companion.server.bin", workspace.resolve("target/debug/companion-server").path)
}
