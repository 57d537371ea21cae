// Versions live in gradle/libs.versions.toml. AGP 9 compiles Kotlin itself (built-in Kotlin),
// so :app applies no kotlin-android plugin; the Compose compiler plugin pins Kotlin's version.
plugins {
    alias(libs.plugins.android.application) apply false
    alias(libs.plugins.kotlin.jvm) apply false
    alias(libs.plugins.kotlin.compose) apply false
}
