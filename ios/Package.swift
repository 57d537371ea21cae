// swift-tools-version: 6.0
// The iOS app's Swift package: the Rust core as an XCFramework, its uniffi-generated Swift, and
// the presenters (each screen's state from the core, on the main actor; no UIKit or SwiftUI)
// that the app in App/ draws. CompanionFFI.xcframework and
// Sources/CompanionCore/CompanionCore.swift are built by scripts/build-xcframework.sh and not
// committed: run it before opening the package or the app.
import PackageDescription

let package = Package(
    name: "CompanionKit",
    platforms: [.iOS(.v16)],
    products: [
        .library(name: "CompanionCore", targets: ["CompanionCore"]),
        .library(name: "CompanionPresenters", targets: ["CompanionPresenters"]),
    ],
    targets: [
        // libcompanion_ffi.a for device and simulator, with the C header and module map of
        // the CompanionCoreFFI module (in Headers/CompanionCoreFFI/, so its module.modulemap
        // cannot collide with another XCFramework's in Xcode's shared include/ directory).
        .binaryTarget(name: "CompanionFFI", path: "CompanionFFI.xcframework"),
        .target(
            name: "CompanionCore",
            dependencies: ["CompanionFFI"],
            path: "Sources/CompanionCore",
            // The static library links no HTTP client of its own (URLSessionTransport in the
            // app carries its requests), so it needs no system framework beyond libSystem.
            exclude: ["README.md"],
            // Generated code only: uniffi 0.32's async foreign-trait glue (HttpTransport.send)
            // runs non-Sendable closures in a Task, a hard error in the Swift 6 language mode
            // (mozilla/uniffi-rs#2929, fixed after 0.32). Its types keep their Sendable
            // conformances; every target of ours below is built in Swift 6 mode.
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
        .target(
            name: "CompanionPresenters",
            dependencies: ["CompanionCore"],
            path: "Sources/CompanionPresenters"
        ),
        .testTarget(
            name: "CompanionPresentersTests",
            dependencies: ["CompanionPresenters", "CompanionCore"],
            path: "Tests/CompanionPresentersTests"
        ),
    ],
    swiftLanguageModes: [.v6]
)
