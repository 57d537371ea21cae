#!/usr/bin/env python3
"""No import cycle between the core's modules (docs/architecture.md).

    check_module_cycles.py core/src

Each file is a module (`a.rs` and `a/b.rs` are `a` and `a::b`); an edge goes from a file to
every module its `use crate::…` and `crate::…::` paths name (the longest prefix that is a
module), its unit tests left out. A parent module's own file declaring its children (`mod b;`) is not an edge, nor is
a child using its parent (that is inside one module). Prints each cycle and exits 1.
"""

import re
import sys
from pathlib import Path


def module_of(root, path):
    rel = path.relative_to(root).with_suffix("")
    parts = list(rel.parts)
    if parts in (["lib"], ["main"]):
        return ""
    if parts[-1] == "mod":
        parts = parts[:-1]
    return "::".join(parts)


def paths_in(text):
    # Unit tests (`#[cfg(test)] mod tests`, last in a file) are not the module's imports.
    text = re.split(r"#\[cfg\(test\)\]\s*mod \w+", text)[0]
    text = re.sub(r"//[^\n]*", "", text)
    found = []
    for group in re.findall(r"\buse\s+crate::([^;]+);", text, re.S):
        found.extend(expand(group.replace("\n", " ")))
    found.extend(re.findall(r"(?<!use )\bcrate::((?:\w+::)*\w+)", text))
    return found


def expand(tree):
    """`a::{b, c::{d, e}}` → a::b, a::c::d, a::c::e."""
    tree = tree.strip()
    m = re.match(r"^([\w:]*?)(?:::)?\{(.*)\}$", tree, re.S)
    if not m:
        return [tree.split(" as ")[0].strip()]
    prefix, inner = m.group(1), m.group(2)
    items, depth, start = [], 0, 0
    for i, ch in enumerate(inner):
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        elif ch == "," and depth == 0:
            items.append(inner[start:i])
            start = i + 1
    items.append(inner[start:])
    out = []
    for item in items:
        item = item.strip()
        if not item:
            continue
        for sub in expand(item):
            out.append(f"{prefix}::{sub}" if prefix and sub != "self" else prefix or sub)
    return out


def main():
    root = Path(sys.argv[1])
    modules = {module_of(root, p): p for p in root.rglob("*.rs")}
    graph = {m: set() for m in modules}
    for module, path in modules.items():
        for target in paths_in(path.read_text()):
            parts = target.split("::")
            while parts and "::".join(parts) not in modules:
                parts.pop()
            dest = "::".join(parts)
            if not parts or dest == module:
                continue
            # A module and its own descendants or ancestors are one unit here.
            if dest.startswith(module + "::") or module.startswith(dest + "::"):
                continue
            graph[module].add(dest)
    cycles, state, stack = [], {}, []

    def visit(m):
        state[m] = 1
        stack.append(m)
        for n in sorted(graph[m]):
            if state.get(n) == 1:
                cycles.append(stack[stack.index(n):] + [n])
            elif n not in state:
                visit(n)
        stack.pop()
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m)
    for c in cycles:
        print("module cycle: " + " -> ".join(c), file=sys.stderr)
    if cycles:
        sys.exit(1)
    edges = sum(len(v) for v in graph.values())
    print(f"module cycles: none among {len(modules)} modules and {edges} imports")


if __name__ == "__main__":
    main()
