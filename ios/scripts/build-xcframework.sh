#!/usr/bin/env bash
# Builds what the iOS package needs from the Rust core, on a Mac with Xcode and rustup:
#
#   ios/CompanionFFI.xcframework          libcompanion_ffi.a for devices (arm64) and the
#                                         simulator (arm64 + x86_64 in one lipo'd library), with
#                                         the C header and module map of CompanionCoreFFI
#   ios/Sources/CompanionCore/CompanionCore.swift   the uniffi-generated Swift over it
#
# The libraries use the workspace's `mobile` profile (LTO, size-optimised; what ships). The
# Swift is generated in library mode from an unstripped debug build of the same checkout for
# this Mac, as scripts/bindings does: the mobile profile strips the symbols uniffi reads, and
# the generated code depends only on the crate's API, which no target or profile changes.
#
#   ios/scripts/build-xcframework.sh          # from anywhere in the repository
#
# Needs: Xcode (xcodebuild, lipo, the iOS SDKs), rustup. It adds the three Rust targets.
set -euo pipefail

ios_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
repo=$(cd "$ios_dir/.." && pwd)
cd "$repo"

profile=mobile
device=aarch64-apple-ios
simulators=(aarch64-apple-ios-sim x86_64-apple-ios)
library=libcompanion_ffi.a
build="$ios_dir/build"
xcframework="$ios_dir/CompanionFFI.xcframework"
swift_out="$ios_dir/Sources/CompanionCore"

for tool in cargo rustup xcodebuild lipo; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "build-xcframework: $tool is missing (needs Xcode and rustup on a Mac)" >&2
        exit 1
    fi
done

# Objects and the C code of bundled SQLite are built for the app's minimum iOS, so the linker
# does not warn that they need a newer one (Package.swift: iOS 16).
export IPHONEOS_DEPLOYMENT_TARGET=16.0

rustup target add "$device" "${simulators[@]}"

# The static library only (no cdylib to link for iOS) and without the default `cli` feature,
# which only the uniffi-bindgen binary needs.
for target in "$device" "${simulators[@]}"; do
    echo "== $target"
    cargo rustc --locked -p companion-ffi --lib --no-default-features \
        --profile "$profile" --target "$target" --crate-type staticlib
done

echo "== Swift bindings"
cargo build --locked -p companion-ffi --lib
cargo build --locked -p companion-ffi --bin uniffi-bindgen
host_lib=target/debug/libcompanion_ffi.dylib
[ -f "$host_lib" ] || host_lib=target/debug/libcompanion_ffi.so
generated="$build/generated"
rm -rf "$build"
mkdir -p "$generated"
# bindings/uniffi.toml (module CompanionCore, ffi module CompanionCoreFFI, Timestamp as Date)
# is read from the crate; --no-format so the output does not depend on swiftformat.
target/debug/uniffi-bindgen generate --library "$host_lib" --language swift \
    --out-dir "$generated" --no-format

# Headers/CompanionCoreFFI/: the module map in a directory of its own, so Xcode's shared
# include/ directory cannot get two module.modulemap files from two XCFrameworks.
headers="$build/headers"
mkdir -p "$headers/CompanionCoreFFI"
cp "$generated/CompanionCoreFFI.h" "$headers/CompanionCoreFFI/"
cp "$generated/CompanionCoreFFI.modulemap" "$headers/CompanionCoreFFI/module.modulemap"

echo "== simulator library (lipo)"
mkdir -p "$build/ios-simulator"
simulator_libs=()
for target in "${simulators[@]}"; do
    simulator_libs+=("target/$target/$profile/$library")
done
lipo -create "${simulator_libs[@]}" -output "$build/ios-simulator/$library"

echo "== $xcframework"
rm -rf "$xcframework"
xcodebuild -create-xcframework \
    -library "target/$device/$profile/$library" -headers "$headers" \
    -library "$build/ios-simulator/$library" -headers "$headers" \
    -output "$xcframework"

cp "$generated/CompanionCore.swift" "$swift_out/CompanionCore.swift"
echo "built $xcframework and $swift_out/CompanionCore.swift"
