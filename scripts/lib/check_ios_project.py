"""The iOS app's project files, checked for what Xcode would refuse or silently get wrong.

Run by scripts/check-ios as: python check_ios_project.py IOS_DIR

- every property list (Info.plist, the entitlements, the privacy manifest) parses;
- App/project.yml is valid YAML, and every file, directory, package, product and test target
  it names exists (Info.plist, entitlements, sources, the local package and its products);
- the background task identifier the Swift registers is in BGTaskSchedulerPermittedIdentifiers,
  and UIBackgroundModes has `fetch`;
- the time-sensitive entitlement is there when the Swift sends time-sensitive notifications;
- App Transport Security says what the core says (core/src/net/server_url.rs): no arbitrary
  loads, no domain allowed plain HTTP, and local networking on (a developer's server on
  loopback);
- Package.swift's binary target, the generated Swift's target directory and
  scripts/build-xcframework.sh name the same XCFramework and directory.
"""

import plistlib
import re
import sys
from pathlib import Path

import yaml


def main(ios):
    ios = Path(ios)
    problems = []

    def problem(path, message):
        problems.append(f"{path}: {message}")

    plists = {}
    for pattern in ("*.plist", "*.entitlements", "*.xcprivacy"):
        for path in sorted(ios.rglob(pattern)):
            if any(part in (".build", "build", "DerivedData") or part.endswith((".xcodeproj", ".xcframework")) for part in path.parts):
                continue
            try:
                with open(path, "rb") as f:
                    plists[path.name] = plistlib.load(f)
            except Exception as e:  # plistlib raises several types for bad XML
                problem(path, f"not a valid property list ({e})")

    app = ios / "App"
    spec_path = app / "project.yml"
    try:
        spec = yaml.safe_load(spec_path.read_text())
    except yaml.YAMLError as e:
        problem(spec_path, f"not valid YAML ({e})")
        spec = {}
    package_swift = (ios / "Package.swift").read_text()
    products = set(re.findall(r'\.library\(name:\s*"(\w+)"', package_swift))
    test_targets = set(re.findall(r'\.testTarget\(\s*name:\s*"(\w+)"', package_swift))
    packages = spec.get("packages") or {}
    for name, package in packages.items():
        if not (app / package.get("path", "") / "Package.swift").is_file():
            problem(spec_path, f"package {name}: no Package.swift at {package.get('path')}")
    for target_name, target in (spec.get("targets") or {}).items():
        for source in target.get("sources") or []:
            path = source["path"] if isinstance(source, dict) else source
            if not (app / path).is_dir():
                problem(spec_path, f"{target_name}: no sources directory {path}")
        for dependency in target.get("dependencies") or []:
            if "package" in dependency:
                if dependency["package"] not in packages:
                    problem(spec_path, f"{target_name}: unknown package {dependency['package']}")
                if dependency.get("product") not in products:
                    problem(spec_path, f"{target_name}: Package.swift has no product {dependency.get('product')}")
        settings = (target.get("settings") or {}).get("base") or {}
        for key in ("INFOPLIST_FILE", "CODE_SIGN_ENTITLEMENTS"):
            if key in settings and not (app / settings[key]).is_file():
                problem(spec_path, f"{target_name}: {key} {settings[key]} does not exist")
    for scheme_name, scheme in (spec.get("schemes") or {}).items():
        for test in ((scheme.get("test") or {}).get("targets")) or []:
            if isinstance(test, dict) and "package" in test:
                package, _, target = test["package"].partition("/")
                if package not in packages or target not in test_targets:
                    problem(spec_path, f"scheme {scheme_name}: no test target {test['package']}")

    swift = "\n".join(p.read_text() for p in sorted(app.rglob("*.swift")))
    info = plists.get("Info.plist", {})
    for identifier in re.findall(r'static let identifier = "([^"]+)"', swift):
        if identifier not in info.get("BGTaskSchedulerPermittedIdentifiers", []):
            problem("Info.plist", f"BGTaskSchedulerPermittedIdentifiers lacks {identifier}")
    if "BGTaskScheduler" in swift and "fetch" not in info.get("UIBackgroundModes", []):
        problem("Info.plist", "UIBackgroundModes lacks fetch (BGAppRefreshTask)")
    if ".timeSensitive" in swift:
        entitlements = plists.get("IOPCompanion.entitlements", {})
        if entitlements.get("com.apple.developer.usernotifications.time-sensitive") is not True:
            problem("IOPCompanion.entitlements", "time-sensitive notifications need their entitlement")

    # The name under the icon, on every notification and in Settings, and the permission
    # prompts' words, must not say what the app is for.
    telling = re.compile(r"\b(iop|treatment|recovery|therap\w*|clinic\w*|rehab\w*|substance\w*|addict\w*"
                         r"|sober\w*|detox\w*|relapse\w*|drug\w*|alcohol\w*|outpatient|psych\w*|mental)\b", re.I)
    display = info.get("CFBundleDisplayName")
    if not isinstance(display, str) or not display or display.startswith("$("):
        problem("Info.plist", "CFBundleDisplayName must be a neutral name (without it iOS shows the product name)")
    for key, value in info.items():
        if (key == "CFBundleDisplayName" or key.endswith("UsageDescription")) and isinstance(value, str) \
                and telling.search(value):
            problem("Info.plist", f"{key} = {value!r} suggests treatment (it shows outside the app)")

    ats = info.get("NSAppTransportSecurity", {})
    for key in ("NSAllowsArbitraryLoads", "NSAllowsArbitraryLoadsForMedia", "NSAllowsArbitraryLoadsInWebContent"):
        if ats.get(key) is True:
            problem("Info.plist", f"NSAppTransportSecurity {key} must not be on: the core allows HTTPS only")
    for domain, rules in (ats.get("NSExceptionDomains") or {}).items():
        for key in ("NSExceptionAllowsInsecureHTTPLoads", "NSTemporaryExceptionAllowsInsecureHTTPLoads"):
            if rules.get(key) is True and domain != "localhost":
                problem("Info.plist", f"NSExceptionDomains {domain} allows plain HTTP: the core refuses it")
    if ats.get("NSAllowsLocalNetworking") is not True:
        problem("Info.plist", "NSAppTransportSecurity NSAllowsLocalNetworking should be on (loopback development servers)")

    script = (ios / "scripts/build-xcframework.sh").read_text()
    binary = re.search(r'\.binaryTarget\(name:\s*"\w+",\s*path:\s*"([^"]+)"\)', package_swift)
    core = re.search(r'\.target\(\s*name:\s*"CompanionCore",.*?path:\s*"([^"]+)"', package_swift, re.S)
    if not binary or f'xcframework="$ios_dir/{binary.group(1)}"' not in script:
        problem("ios/scripts/build-xcframework.sh", "does not build the XCFramework Package.swift names")
    if not core or f'swift_out="$ios_dir/{core.group(1)}"' not in script:
        problem("ios/scripts/build-xcframework.sh", "does not write the Swift where Package.swift's CompanionCore target is")

    for p in problems:
        print(p)
    if problems:
        print(f"scripts/check-ios: {len(problems)} problem(s) in the iOS project files", file=sys.stderr)
        return 1
    print(f"scripts/check-ios: project.yml, {len(plists)} property lists and Package.swift agree")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
