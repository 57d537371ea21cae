// swift-tools-version:5.9
// The iOS app's Swift package: the Rust core as an XCFramework, its uniffi-generated Swift, and
// the presenters (plain screen state over the core, no UIKit or SwiftUI) that the app in App/
// draws. CompanionFFI.xcframework and Sources/CompanionCore/CompanionCore.swift are built by
// scripts/build-xcframework.sh and not committed: run it before opening the package or the app.
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
            exclude: ["README.md"]
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
    ]
)
