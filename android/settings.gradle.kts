pluginManagement {
    repositories {
        google {
            content {
                includeGroupByRegex("com\\.android.*")
                includeGroupByRegex("com\\.google.*")
                includeGroupByRegex("androidx.*")
            }
        }
        mavenCentral()
        gradlePluginPortal()
    }
}

dependencyResolutionManagement {
    repositoriesMode.set(RepositoriesMode.FAIL_ON_PROJECT_REPOS)
    repositories {
        google()
        mavenCentral()
    }
}

rootProject.name = "IOPCompanion"

// :presenters is plain Kotlin/JVM (screen state over the core's bindings, tested on the JVM
// against the real native library); :transport is the core's network stack on the phone
// (OkHttp, plain Kotlin/JVM too); :app is the Android shell that renders and wires them.
include(":app", ":presenters", ":transport")
