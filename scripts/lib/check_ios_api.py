"""The iOS code against the uniffi-generated Swift: what a compiler would catch first at the
boundary with the core, checked without one (there is no Swift compiler on Linux CI).

Run by scripts/check-ios as: python3 check_ios_api.py GENERATED.swift PENDING.txt IOS_DIR

1. Every requirement of the presenters' source protocols (CompanionPresenters/Support/
   CoreSources.swift) is a method of the generated `CompanionStoreProtocol` with the same
   name, labels, types, async and throws (`Timestamp` is `Date`): `CompanionStore` conforms
   with no code of its own, so a mismatch would not compile.
2. Every call in ios/ of a generated free function, of `CompanionStore.open`, of a
   `CompanionError` case and of a store method whose name the iOS code does not also declare,
   passes the generated labels; every record or input built in ios/ (`CheckInInput(...)`,
   `TodayRecord(...)`...) passes its memberwise initializer's labels in order, leaving out only
   parameters with a default. A case with values of a generated enum built in ios/
   (`ScheduleAction.cancelOccurrence(...)`, or `.cancelOccurrence(...)` where the type is
   implied) passes the case's labels; it is told apart from a store method of the same name
   (`store.cancelOccurrence(...)`) by having no receiver, or the enum as its receiver, and
   from a case of an enum of the iOS code's own (`.erased(report)` for `case
   erased(EraseReportRecord)`) by its labels fitting that case.
3. Every class in ios/ that conforms to a protocol the bindings let Swift implement (a foreign
   trait: `HttpTransport`, `ChangeListener`) declares each of its requirements with the same
   name, labels, types, async and throws; and every case of a generated enum named in ios/
   (`HttpError.Offline`, or `.get` / `return .Tls` in a function taking or returning the enum)
   is one of its cases.
4. ios/pending-bindings.txt lists what the iOS code uses that the bindings do not have yet
   (being added on another branch), one per line: a function or method with its labels
   (`sessionForm(sessionId:now:zone:)`, also a method whose labels change), a type name
   (`JoinedRecord`; a source protocol's requirement naming it is not compared with the
   generated one), or a member of a generated type (`ScheduleAction.saveSessionForm`, an enum
   case; `OccurrenceViewRecord.dayLabel`, a record field). Those are not reported missing, and
   one that the bindings now have is an error (remove it from the list), so the list cannot
   outlive its reason.

Not checked: types of arguments and results at call sites, record fields read.
"""

import re
import sys
from pathlib import Path


def strip_comments(text):
    """Swift without its comments; string literals (with their "//") left as they are."""
    out, i, n = [], 0, len(text)
    while i < n:
        if text.startswith('"""', i):
            end = text.find('"""', i + 3)
            end = n if end < 0 else end + 3
            out.append(text[i:end])
            i = end
        elif text[i] == '"':
            j = i + 1
            while j < n and text[j] not in '"\n':
                j += 2 if text[j] == "\\" else 1
            out.append(text[i : j + 1])
            i = j + 1
        elif text.startswith("//", i):
            end = text.find("\n", i)
            i = n if end < 0 else end
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            out.append(" ")
            i = n if end < 0 else end + 2
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def norm(s):
    s = re.sub(r"\s+", "", s)
    s = s.replace("Swift.", "").replace("Foundation.", "")
    return re.sub(r"\bTimestamp\b", "Date", s)


def split_top(s, sep=","):
    """Splits at `sep` outside brackets and string literals."""
    parts, depth, current, quote = [], 0, [], False
    i = 0
    while i < len(s):
        c = s[i]
        if quote:
            current.append(c)
            if c == "\\" and i + 1 < len(s):
                current.append(s[i + 1])
                i += 2
                continue
            if c == '"':
                quote = False
        elif c == '"':
            quote = True
            current.append(c)
        elif c in "([{":
            depth += 1
            current.append(c)
        elif c in ")]}":
            depth -= 1
            current.append(c)
        elif c == sep and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(c)
        i += 1
    if "".join(current).strip():
        parts.append("".join(current))
    return parts


def matching(text, open_index):
    """Index just past the bracket matching text[open_index], skipping string literals."""
    depth, i, quote = 0, open_index, False
    pairs = {"(": ")", "[": "]", "{": "}"}
    while i < len(text):
        c = text[i]
        if quote:
            if c == "\\":
                i += 2
                continue
            if c == '"':
                quote = False
        elif c == '"':
            quote = True
        elif c in pairs:
            depth += 1
        elif c in ")]}":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return len(text)


class Param:
    def __init__(self, text):
        text = text.strip()
        self.has_default = "=" in text
        head = text.split("=")[0]
        names, _, self.type = head.partition(":")
        names = names.split()
        self.label = names[0] if names else ""
        self.type = norm(self.type)

    def key(self):
        return f"{self.label}:{self.type}"


def parse_params(text):
    return [Param(p) for p in split_top(text) if p.strip()]


FUNC = re.compile(r"\bfunc\s+`?(\w+)`?\s*\(")


def functions(body):
    """(name, params, effects and result) for each `func` in `body`."""
    out = []
    for m in FUNC.finditer(body):
        open_paren = m.end() - 1
        close = matching(body, open_paren)
        params = parse_params(body[open_paren + 1 : close - 1])
        rest = body[close:]
        tail = re.match(r"\s*((?:async\s*)?(?:throws\s*)?(?:->\s*[^{\n]+)?)", rest)
        effects = norm(tail.group(1)) if tail else ""
        out.append((m.group(1), params, effects))
    return out


def block(text, header_regex):
    m = re.search(header_regex, text)
    if not m:
        return None
    start = text.index("{", m.end() - 1)
    return text[start + 1 : matching(text, start) - 1]


def labels_of(params):
    return "(" + "".join(f"{p.label}:" for p in params) + ")"


def call_labels(args_text):
    labels = []
    for arg in split_top(args_text):
        m = re.match(r"\s*(\w+)\s*:(?!:)", arg)
        # `label: value`, not a ternary or a closure; an unlabeled argument is "_".
        labels.append(m.group(1) if m and not arg.strip().startswith("{") else "_")
    return labels


# Words that may stand before an implicit member (`return .removeSession(id: id)`).
KEYWORDS = {
    "return", "case", "in", "try", "await", "throw", "else", "where", "is", "as", "if", "guard",
    "switch", "let", "var", "some", "any", "yield",
}


def receiver(text, index):
    """What the `.name(` at `index` is a member of: the word before the dot (`store`,
    `ScheduleAction`), "value" for an expression ending in a bracket or a literal
    (`f().name(`), or None for an implicit member (`act(.cancelOccurrence(`, `= .x(`,
    `return .x(`). Swift reads a dot after an expression as a member of it, across lines too."""
    before = text[:index].rstrip()
    if before.endswith(("?", "!")) and not before.endswith(("??", "!=")):
        before = before[:-1]
    if before[-1:] in (")", "]", "}", '"'):
        return "value"
    word = re.search(r"(\w+)$", before)
    if word and word.group(1) not in KEYWORDS:
        return word.group(1)
    return None


def main(generated_path, pending_path, ios_dir):
    generated = strip_comments(Path(generated_path).read_text())
    pending = {
        line.split("#")[0].strip()
        for line in Path(pending_path).read_text().splitlines()
        if line.split("#")[0].strip()
    }
    problems = []

    store_body = block(generated, r"public protocol CompanionStoreProtocol\b[^{]*\{")
    if store_body is None:
        sys.exit(f"{generated_path}: no CompanionStoreProtocol")
    store = {}
    for name, params, effects in functions(store_body):
        store.setdefault(name, []).append((params, effects))

    free = {}
    for m in re.finditer(r"^public func (\w+)\s*\(", generated, flags=re.M):
        if m.group(1).startswith(("FfiConverter", "uniffi")):
            continue
        close = matching(generated, m.end() - 1)
        free[m.group(1)] = parse_params(generated[m.end() : close - 1])
    class_body = block(generated, r"open class CompanionStore\b[^{]*\{") or ""
    statics = {}
    for m in re.finditer(r"public static func `?(\w+)`?\s*\(", class_body):
        close = matching(class_body, m.end() - 1)
        statics[m.group(1)] = parse_params(class_body[m.end() : close - 1])

    records = {}
    for m in re.finditer(r"public struct (\w+): Equatable, Hashable \{", generated):
        body = block(generated[m.start() :], r"\{")
        init = re.search(r"public init\(", body or "")
        if body and init:
            close = matching(body, init.end() - 1)
            records[m.group(1)] = parse_params(body[init.end() : close - 1])
    # Enum cases with values: case name -> [(enum, params)].
    case_params = {}
    enum_names = set()
    for m in re.finditer(r"\benum (\w+)\s*:[^{]*\{", generated):
        enum_names.add(m.group(1))
        body = block(generated[m.start() :], r"\{") or ""
        for c in re.finditer(r"^\s*case\s+`?(\w+)`?\s*\(", body, flags=re.M):
            close = matching(body, c.end() - 1)
            case_params.setdefault(c.group(1), []).append(
                (m.group(1), parse_params(body[c.end() : close - 1])))
    error_body = block(generated, r"enum CompanionError\b[^{]*\{") or ""
    error_cases = set(re.findall(r"\bcase (\w+)\(message: String\)", error_body))
    declared_types = set(re.findall(r"\b(?:struct|enum|class|protocol|typealias)\s+(\w+)", generated))

    def known(key):
        return key in pending

    # Members of generated types: enum cases and record fields.
    members = {}
    for m in re.finditer(r"\b(?:struct|enum)\s+(\w+)\b[^{]*\{", generated):
        body = block(generated[m.start() :], r"\{") or ""
        names = set(re.findall(r"^\s*case\s+`?(\w+)`?", body, flags=re.M))
        names |= set(re.findall(r"^\s*public\s+var\s+`?(\w+)`?\s*:", body, flags=re.M))
        members.setdefault(m.group(1), set()).update(names)
    pending_types = {e for e in pending if re.fullmatch(r"\w+", e)}
    pending_members = {e for e in pending if re.fullmatch(r"\w+\.\w+", e)}

    # Pending entries the bindings now have.
    for entry in sorted(pending):
        name = entry.split("(")[0]
        if entry in pending_members:
            owner, member = entry.split(".")
            if member in members.get(owner, set()):
                problems.append(f"{pending_path}: {entry} is in the bindings now: remove it here")
            continue
        if "(" not in entry:
            if name in declared_types:
                problems.append(f"{pending_path}: {entry} is in the bindings now: remove it here")
            continue
        labels = entry[len(name) :]
        have = [labels_of(p) for p, _ in store.get(name, [])]
        if name in free:
            have.append(labels_of(free[name]))
        if labels in have:
            problems.append(f"{pending_path}: {entry} is in the bindings now: remove it here")

    # 1. The source protocols.
    sources = Path(ios_dir, "Sources/CompanionPresenters/Support/CoreSources.swift")
    src = strip_comments(sources.read_text())
    protocols = list(re.finditer(r"public protocol (\w+)\s*:\s*AnyObject(?:\s*,\s*Sendable)?\s*\{", src))
    if not protocols:
        problems.append(f"{sources}: no source protocol (`public protocol X: AnyObject, Sendable {{`)")
    for m in protocols:
        body = block(src[m.start() :], r"\{")
        for name, params, effects in functions(body or ""):
            key = f"{name}{labels_of(params)}"
            want = (norm("".join(p.key() + "," for p in params)), effects)
            have = [
                (norm("".join(p.key() + "," for p in ps)), e) for ps, e in store.get(name, [])
            ]
            if want in have:
                continue
            # Being added or changed elsewhere: new labels, or a type the bindings lack yet.
            if known(key) or any(re.search(rf"\b{t}\b", want[0] + want[1]) for t in pending_types):
                continue
            if have:
                problems.append(
                    f"{sources}: {m.group(1)}.{key}: the generated CompanionStore has "
                    f"{name}({have[0][0]}){have[0][1]}, not ({want[0]}){want[1]}"
                )
            else:
                problems.append(f"{sources}: {m.group(1)}.{key} is not in the generated CompanionStore")

    # 2. Call sites.
    ios_files = [
        p for p in Path(ios_dir).rglob("*.swift")
        if not any(part in (".build", "build", "DerivedData") for part in p.parts)
        and not p.match("Sources/CompanionCore/*.swift")
    ]
    ios_text = {p: strip_comments(p.read_text()) for p in ios_files}
    ios_declared = {}
    for text in ios_text.values():
        for name, params, _ in functions(text):
            ios_declared.setdefault(name, []).append(labels_of(params))
    # Enum cases with values the iOS code declares itself (`case erased(EraseReportRecord)`):
    # `.erased(report)` built where the type is implied may be one of those, not the generated
    # case of the same name.
    ios_cases = {}
    for text in ios_text.values():
        for m in re.finditer(r"\benum\s+\w+\b[^{]*\{", text):
            body = text[m.end() : matching(text, m.end() - 1) - 1]
            for c in re.finditer(r"^\s*case\s+`?(\w+)`?\s*\(", body, flags=re.M):
                close = matching(body, c.end() - 1)
                params = parse_params(body[c.end() : close - 1])
                for param, raw in zip(params, split_top(body[c.end() : close - 1])):
                    # An unlabeled associated value (`case erased(EraseReportRecord)`).
                    if ":" not in raw:
                        param.label = "_"
                ios_cases.setdefault(c.group(1), []).append(params)
    checked = 0

    def fits(given, params):
        """Labels given in order, skipping only defaulted parameters."""
        i = 0
        for p in params:
            want = p.label if p.label != "_" else "_"
            if i < len(given) and given[i] == want:
                i += 1
            elif not p.has_default:
                return False
        return i == len(given)

    for path, text in ios_text.items():
        def line_of(index):
            return text.count("\n", 0, index) + 1

        for m in re.finditer(r"(?<![\w.])(\w+)\s*\(", text):
            name = m.group(1)
            before = text[max(0, m.start() - 12) : m.start()]
            if re.search(r"(func|init|case|struct|class|enum)\s+$", before):
                continue
            close = matching(text, m.end() - 1)
            given = call_labels(text[m.end() : close - 1])
            if name in free and name not in ios_declared:
                checked += 1
                if not fits(given, free[name]):
                    problems.append(
                        f"{path}:{line_of(m.start())}: {name}({''.join(l + ':' for l in given)}) "
                        f"does not match the generated {name}{labels_of(free[name])}")
            elif name in records:
                checked += 1
                if not fits(given, records[name]):
                    problems.append(
                        f"{path}:{line_of(m.start())}: {name}({''.join(l + ':' for l in given)}) "
                        f"does not match the generated init{labels_of(records[name])}")
        for m in re.finditer(r"\bCompanionStore\.`?(\w+)`?\s*\(", text):
            close = matching(text, m.end() - 1)
            given = call_labels(text[m.end() : close - 1])
            checked += 1
            if m.group(1) not in statics or not fits(given, statics[m.group(1)]):
                problems.append(f"{path}:{line_of(m.start())}: CompanionStore.{m.group(1)} is not a generated constructor with these labels")
        for m in re.finditer(r"\bCompanionError\.(\w+)\s*\(", text):
            close = matching(text, m.end() - 1)
            checked += 1
            if m.group(1) not in error_cases or call_labels(text[m.end() : close - 1]) != ["message"]:
                problems.append(f"{path}:{line_of(m.start())}: CompanionError.{m.group(1)}(message:) is not a generated case")
        for m in re.finditer(r"\.(\w+)\s*\(", text):
            name = m.group(1)
            on = receiver(text, m.start())
            if name in case_params and (on is None or on in enum_names):
                # A case built, not a method called: the case's labels, in its enum when named.
                # A pattern (`case .needsAttention(let problems):`) may leave labels out.
                line = text[text.rfind("\n", 0, m.start()) + 1 : m.start()]
                if re.match(r"\s*case\b", line) or re.search(r"\b(?:if|guard|while|for)\s+case\b", line):
                    continue
                close = matching(text, m.end() - 1)
                given = call_labels(text[m.end() : close - 1])
                if on is None and any(fits(given, ps) for ps in ios_cases.get(name, [])):
                    continue
                options = [(e, ps) for e, ps in case_params[name] if on is None or e == on]
                checked += 1
                if not any(fits(given, ps) for _, ps in options):
                    have = ", ".join(f"{e}.{name}{labels_of(ps)}" for e, ps in case_params[name])
                    problems.append(
                        f"{path}:{line_of(m.start())}: {on + '.' if on else '.'}{name}"
                        f"({''.join(l + ':' for l in given)}) matches no generated case ({have})")
                continue
            if name not in store:
                continue
            close = matching(text, m.end() - 1)
            given = call_labels(text[m.end() : close - 1])
            labels = "(" + "".join(l + ":" for l in given) + ")"
            options = [labels_of(p) for p, _ in store[name]] + ios_declared.get(name, [])
            checked += 1
            if labels not in options and not known(f"{name}{labels}"):
                problems.append(f"{path}:{line_of(m.start())}: .{name}{labels} matches no generated store method ({', '.join(options)})")

    # 3. Foreign traits implemented in Swift, and enum cases.
    foreign = {}
    for m in re.finditer(r"public protocol (\w+)\s*:\s*AnyObject,\s*Sendable\s*\{", generated):
        if m.group(1).endswith("Protocol"):
            continue
        body = block(generated[m.start() :], r"\{") or ""
        foreign[m.group(1)] = functions(body)
    enums = {}
    for m in re.finditer(r"\benum (\w+)\s*:[^{]*\{", generated):
        body = block(generated[m.start() :], r"\{") or ""
        cases = set(re.findall(r"^\s*case\s+`?(\w+)`?", body, flags=re.M))
        if cases:
            enums[m.group(1)] = cases
    for path, text in ios_text.items():
        def line_of(index):
            return text.count("\n", 0, index) + 1

        for m in re.finditer(r"\bclass (\w+)\s*:([^{]*)\{", text):
            conforms = {c.strip() for c in m.group(2).split(",")}
            body = block(text[m.start() :], r"\{") or ""
            mine = {
                (name, norm("".join(p.key() + "," for p in params)), effects)
                for name, params, effects in functions(body)
            }
            for protocol in conforms & set(foreign):
                checked += 1
                for name, params, effects in foreign[protocol]:
                    want = (name, norm("".join(p.key() + "," for p in params)), effects)
                    if want not in mine:
                        problems.append(
                            f"{path}:{line_of(m.start())}: {m.group(1)} does not implement "
                            f"{protocol}.{name}({want[1]}) {effects} as generated")
        for name, cases in enums.items():
            for m in re.finditer(rf"\b{name}\.`?(\w+)`?", text):
                checked += 1
                if m.group(1) not in cases and f"{name}.{m.group(1)}" not in pending_members:
                    problems.append(f"{path}:{line_of(m.start())}: {name}.{m.group(1)} is not a generated case")
            # Bare cases: `return .Tls` in a function returning the enum, `case .get:` in a
            # switch over a parameter of its type.
            for f in re.finditer(r"\bfunc\s+`?\w+`?\s*\(", text):
                close = matching(text, f.end() - 1)
                brace = text.find("{", close)
                if brace < 0:
                    continue
                body = text[brace : matching(text, brace)]
                bare = []
                if re.search(rf"->\s*{name}\b", text[close:brace]):
                    bare += [(brace + c.start(), c.group(1)) for c in re.finditer(r"\breturn\s+\.(\w+)\b(?!\s*\()", body)]
                # The local names of parameters of this type (`_ method: HttpMethod`).
                params = text[f.end() : close - 1]
                for var in re.findall(rf"(\w+)\s*:\s*{name}\b", params):
                    for sw in re.finditer(rf"\bswitch\s+{var}\s*\{{", body):
                        start = body.index("{", sw.start())
                        cases_text = body[start : matching(body, start)]
                        bare += [(brace + start + c.start(), c.group(1))
                                 for c in re.finditer(r"\bcase\s+\.(\w+)\b", cases_text)]
                for index, case in bare:
                    checked += 1
                    if case not in cases and f"{name}.{case}" not in pending_members:
                        problems.append(f"{path}:{line_of(index)}: .{case} is not a case of {name}")

    for p in problems:
        print(p)
    if problems:
        print(f"scripts/check-ios: {len(problems)} mismatch(es) with the generated Swift", file=sys.stderr)
        return 1
    print(
        f"scripts/check-ios: the iOS code matches the generated Swift ({checked} call sites, "
        f"{len(pending)} pending in {Path(pending_path).name})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
