#!/usr/bin/env python3
"""Parity: each app calls every screen and action the core exports, and none of the calls a
screen replaced (issue 13: the shells decide nothing).

    check_parity.py kotlin bindings/generated/kotlin/.../companion_ffi.kt android
    check_parity.py swift bindings/generated/swift/CompanionCore.swift ios

Reads the generated bindings for what exists: the store's methods, the free functions, and
the cases of the closed sets an app must handle (every `*Action`, `HealthFix`,
`OnboardingChoice`, `NotificationTarget`, `OpenProblem`, `OpenProblemChoice`). Every method
and function must be classified below; a new one fails this check until someone decides
which list it belongs to.

The app's own sources are searched with comments removed (the app's main sources only:
tests do not count). A method counts as called when `.name(` appears; a free function when
`name(` does; a case when `Enum.Case` appears, or, in Swift, `.case` for a case whose name
has two words or more (`.addSession`): a one-word case (`.add`, `.remove`) reads like too
many other things and must be written qualified (`SafetyPlanAction.remove`).
"""

import re
import sys
from pathlib import Path

# Both apps must call these: the screens, their actions, and what only the platform can
# start (enrolment, linking, sync, backup, erase, reminders handed to the OS).
REQUIRED = {
    # Screens and their actions.
    "onboardingScreen", "completeOnboarding",
    "todayScreen",
    "checkinScreen", "checkinScreenToday", "saveCheckinForm",
    "scheduleScreen", "scheduleAct", "sessionForm", "moveForm",
    "reachOutScreen", "reachOutAct", "contactForm",
    "safetyPlanScreen", "safetyPlanAct",
    "insightsScreen",
    "settingsScreen", "settingsAct",
    "reminderHealth",
    # Reminders: the apply step and its record, each platform's window.
    "reminderChanges", "recordRemindersApplied", "reminderWindow", "backgroundSync",
    # Account, sync and the participant's data rights.
    "enroll", "createLink", "redeemLink", "sync", "subscribe",
    "backup", "restore", "eraseAttempt", "exportCheckins",
    # The names files are offered under.
    "backupFileName", "checkinExportFileName", "backupMediaType",
    # Words for the closed sets the apps show.
    "roleLabel", "sessionKindLabel", "exportFormatLabel", "attendanceMarkLabel",
    "onboardingChoiceLabel", "openProblemChoiceLabel",
    # The platform's facts and secrets, and a store that cannot be opened.
    "setDeviceRegion", "generateStoreKey", "syncStoppedNotification",
    "openProblemScreen", "discardUnopenableStore",
}

# Either app may call these: they decide nothing a screen decides.
ALLOWED = {
    "account",  # whether to schedule background sync
    "remindersApplied",  # the record, read back (Android keeps its ledger in it)
    "storeExists",
    "suggestedReachOutMessage",  # Reach out's prefilled text
    "contactActions",  # one contact's actions, for a notification or a widget
    "exportIcs",
    "deleteCheckin",
    "checkBackupPassphrase",  # the passphrase's rules, checked as it is typed
    "checkinExportMediaType",  # a share sheet's file type
    "plaintextExportNotice",  # also on the settings screen
    "weekdayLabel", "weekdayShortLabel",  # a day picker uses one or the other
    "weeklyRepeat",  # the session form's repeat, after its start moved to another day
    "zoneClockLabel",  # the session form's clock line, after its zone changed
    "dayLabel", "clockLabel",  # a date or time picker's value on its button
    "notificationChannelLabel",  # Android's channels (iOS has none)
}

# The calls a screen replaced: an app that makes one decides what the screen decides.
FORBIDDEN = {
    "today": "todayScreen",
    "checkin": "checkinScreen", "checkins": "checkinScreen", "recordCheckin": "saveCheckinForm",
    "suggestedEmotions": "checkinScreen",
    "addContact": "reachOutAct", "editContact": "reachOutAct", "removeContact": "reachOutAct",
    "contacts": "reachOutScreen", "crisisLines": "reachOutScreen", "reachOut": "reachOutScreen",
    "insights": "insightsScreen", "moodSeries": "insightsScreen",
    "addSafetyItem": "safetyPlanAct", "editSafetyItem": "safetyPlanAct",
    "moveSafetyItem": "safetyPlanAct", "removeSafetyItem": "safetyPlanAct",
    "applySafetyPlanText": "safetyPlanAct", "safetyItem": "safetyPlanScreen",
    "safetyPlan": "safetyPlanScreen", "safetyPlanText": "safetyPlanScreen",
    "addSession": "scheduleAct", "editSession": "scheduleAct", "removeSession": "scheduleAct",
    "cancelOccurrence": "scheduleAct", "moveOccurrence": "scheduleAct",
    "restoreOccurrence": "scheduleAct", "markAttendance": "scheduleAct",
    "attendance": "scheduleScreen", "occurrences": "scheduleScreen", "sessions": "scheduleScreen",
    "editPreferences": "settingsAct", "preferences": "settingsScreen",
    "limits": "the screens' choices",
    "checkinExportExtension": "checkinExportFileName",
    "erase": "eraseAttempt",
}

# Closed sets whose every case an app must handle.
CASE_SETS = re.compile(
    r"^(\w+Action|HealthFix|OnboardingChoice|NotificationTarget|OpenProblem|OpenProblemChoice)$"
)


def camel(snake):
    head, *rest = snake.split("_")
    return head + "".join(w.capitalize() for w in rest)


def exported(text):
    """The store's methods and the free functions, from the library symbols the generated
    code calls (the same names in either language)."""
    methods = {camel(m) for m in re.findall(r"uniffi_companion_ffi_fn_method_companionstore_(\w+)", text)}
    functions = {camel(f) for f in re.findall(r"uniffi_companion_ffi_fn_func_(\w+)", text)}
    return methods, functions


def kotlin_cases(text):
    cases = {}
    for kind, name, body in re.findall(
        r"^(sealed class|enum class) (\w+)[^{]*\{(.*?)^\}", text, re.S | re.M
    ):
        if not CASE_SETS.match(name):
            continue
        if kind == "enum class":
            found = re.findall(r"^    ([A-Z][A-Z0-9_]*)[,;]?\s*$", body, re.M)
        else:
            found = re.findall(r"^    (?:data class|object) (\w+)", body, re.M)
        cases[name] = found
    return cases


def swift_cases(text):
    cases = {}
    for name, body in re.findall(r"^public enum (\w+)\b[^{]*\{(.*?)^\}", text, re.S | re.M):
        if CASE_SETS.match(name):
            cases[name] = re.findall(r"^    case (\w+)", body, re.M)
    return cases


def calls_method(source, name):
    """Whether `.name(` is called on a receiver (`store.name(`, `store?.name(`), not an enum
    case of the same name (Swift's `ScheduleAction.cancelOccurrence(` or `.cancelOccurrence(`
    in an argument)."""
    for m in re.finditer(rf"\.{name}\(", source):
        before = source[: m.start()].rstrip("?!")
        receiver = re.search(r"(\w+)$", before)
        if before.endswith((")", "]")) or (receiver and not receiver.group(1).endswith("Action")):
            return True
    return False


def strip_comments(text):
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    return re.sub(r"//[^\n]*", " ", text)


def app_text(root, suffix):
    root = Path(root)
    if suffix == ".kt":
        dirs = [root / "presenters/src/main", root / "app/src/main"]
    else:
        dirs = [root / "Sources/CompanionPresenters", root / "App"]
    files = [p for d in dirs for p in sorted(d.rglob("*" + suffix))]
    return "\n".join(strip_comments(p.read_text()) for p in files), len(files)


def main():
    language, generated, app = sys.argv[1:4]
    text = Path(generated).read_text()
    methods, functions = exported(text)
    if language == "kotlin":
        cases = kotlin_cases(text)
        source, files = app_text(app, ".kt")
    else:
        cases = swift_cases(text)
        source, files = app_text(app, ".swift")
    problems = []
    if not methods or not cases:
        problems.append(f"could not read the store's methods or the closed sets from {generated}")
    surface = methods | functions
    for name in sorted(surface - REQUIRED - ALLOWED - set(FORBIDDEN)):
        problems.append(
            f"{name}: exported but not classified in scripts/lib/check_parity.py"
            " (required of both apps, allowed, or replaced by a screen)"
        )
    for name in sorted(REQUIRED - surface):
        problems.append(f"{name}: listed as required but no longer exported")
    for name in sorted(REQUIRED & surface):
        call = rf"\.{name}\(" if name in methods else rf"(?<![\w.]){name}\("
        if not re.search(call, source):
            problems.append(f"{name}: the {language} app never calls it")
    for name in sorted(set(FORBIDDEN) & surface):
        if name in methods and calls_method(source, name):
            problems.append(f"{name}: the {language} app calls it; use {FORBIDDEN[name]}")
        if name in functions and re.search(rf"(?<![\w.]){name}\(", source):
            problems.append(f"{name}: the {language} app calls it; use {FORBIDDEN[name]}")
    for enum, names in sorted(cases.items()):
        for case in names:
            qualified = re.search(rf"\b{enum}\.{case}\b", source)
            dotted = (
                language == "swift"
                and re.search(r"[a-z][A-Z]", case)
                and re.search(rf"(?<![\w]){re.escape('.' + case)}\b", source)
            )
            if not (qualified or dotted):
                problems.append(f"{enum}.{case}: the {language} app never handles it")
    if problems:
        for p in problems:
            print(f"parity ({language}): {p}", file=sys.stderr)
        sys.exit(1)
    n_cases = sum(len(v) for v in cases.values())
    print(
        f"parity ({language}): {len(REQUIRED)} calls and {n_cases} cases of"
        f" {len(cases)} closed sets in {files} files; none of {len(FORBIDDEN)} replaced calls"
    )


if __name__ == "__main__":
    main()
