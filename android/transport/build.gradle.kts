// The app's network stack for the core: OkHttpTransport implements the bindings' HttpTransport,
// so every request the core builds (enrolment, linking, sync, erasure) goes out through OkHttp,
// under the phone's trust store and the app's network security config. Plain Kotlin/JVM: the
// same class runs on the phone and in the JVM tests, against a real companion-server, plainly
// and through a TLS proxy with a CA the test makes.
//
// CI on a machine without Gradle builds the same sources with pom.xml (scripts/check-android).

plugins {
    alias(libs.plugins.kotlin.jvm)
    // src/testFixtures: the real server and a fault-injecting proxy, shared with :presenters' tests.
    `java-test-fixtures`
}

kotlin {
    jvmToolchain(17)
}

dependencies {
    // The generated bindings (HttpTransport and its records) are compiled by :presenters.
    implementation(project(":presenters"))
    // On Android this resolves OkHttp's Android variant (it honours the network security config).
    implementation(libs.okhttp)
    implementation(libs.kotlinx.coroutines.core)

    testImplementation(libs.jna)
    testImplementation(platform(libs.junit.bom))
    testImplementation(libs.junit.jupiter)
    testImplementation(libs.okhttp.tls)
    testRuntimeOnly(libs.junit.platform.launcher)
}

tasks.test {
    useJUnitPlatform()
    dependsOn(":presenters:buildHostLibrary", ":presenters:buildTestServer")
    val workspace = rootDir.parentFile
    systemProperty("jna.library.path", workspace.resolve("target/debug").path)
    systemProperty("companion.server.bin", workspace.resolve("target/debug/companion-server").path)
}
