#!/usr/bin/env python3
"""Checks that the libraries depend on one another as docs/ARCHITECTURE.md says.

Usage (from the repository root):

    python3 tools/check_layering.py

Three checks, each problem printed as one line, exit status 1 when there is
any (0 when none):

  * the dependency graph: the `lisan::` libraries each library links in its
    CMakeLists.txt (`target_link_libraries` of `lisan_<name>`) are the ones the
    "Dependencies" block of docs/ARCHITECTURE.md lists for it, no more, no less;
  * includes: every quoted #include of a library's sources (and the CLI's) is
    the library's own file (beside the includer, or in its src/ or include/),
    or a public header `lisan/<other>/...` of a library it depends on
    (directly or through another); never another library's src/;
  * the same for the unit tests: tests/<library>/ may read that library's
    src/, and no other's;
  * the program, bench/, fuzz/ and the other tests/ folders read no
    library's src/.

A line scan, not a preprocessor: includes under #if are checked
whatever the condition, and angle-bracket includes (system and third-party
headers) are not looked at.
"""

import pathlib
import re
import sys

LIBRARIES = ["analyzers", "format", "indexer", "searcher"]
# May use any library's public headers (and the format library's internal
# ones), never a library's src/: the program, the benchmarks, the fuzzers,
# and the tests that are not one library's unit tests.
PROGRAMS = ["cli", "python", "bench", "fuzz", "tests/e2e", "tests/eval", "tests/serve", "tests/support"]
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.MULTILINE)
LINK = re.compile(r"target_link_libraries\(\s*lisan_(\w+)\b([^)]*)\)", re.DOTALL)
DOC_EDGE = re.compile(r"^\s*lisan::(\w+)\s*(?:→|->)\s*(.*)$")
SOURCES = (".h", ".cc", ".inc")


def cmake_graph(root: pathlib.Path) -> dict[str, set[str]]:
    graph = {name: set() for name in LIBRARIES}
    for name in LIBRARIES:
        cmake = root / name / "CMakeLists.txt"
        if not cmake.exists():
            continue
        for target, args in LINK.findall(cmake.read_text()):
            if target in graph:
                graph[target] |= set(re.findall(r"lisan::(\w+)", args)) & set(LIBRARIES)
    return graph


def documented_graph(root: pathlib.Path) -> dict[str, set[str]] | None:
    """The lines `lisan::a → lisan::b, lisan::c` (or `→ nothing`) after a
    "Dependencies" heading of docs/ARCHITECTURE.md."""
    doc = root / "docs" / "ARCHITECTURE.md"
    graph: dict[str, set[str]] = {}
    in_section = False
    for line in doc.read_text().splitlines():
        if line.startswith("#"):
            in_section = "dependencies" in line.lower()
            continue
        match = DOC_EDGE.match(line) if in_section else None
        if match:
            graph[match.group(1)] = set(re.findall(r"lisan::(\w+)", match.group(2)))
    return graph or None


def closure(graph: dict[str, set[str]], name: str) -> set[str]:
    seen, todo = set(), [name]
    while todo:
        for dep in graph.get(todo.pop(), set()):
            if dep not in seen:
                seen.add(dep)
                todo.append(dep)
    return seen


def owner_of_src(root: pathlib.Path, include: str) -> str | None:
    for name in LIBRARIES:
        if (root / name / "src" / include).exists():
            return name
    return None


def check_includes(root, folder, own_library, allowed, problems):
    """Quoted includes of every source under `folder`; `own_library` is the
    library whose src/ it may read (None: none)."""
    for path in sorted((root / folder).rglob("*")):
        if path.suffix not in SOURCES or not path.is_file():
            continue
        text = path.read_text(errors="replace")
        for include in INCLUDE.findall(text):
            where = f"{path.relative_to(root)}: #include \"{include}\""
            parts = include.split("/")
            if parts[0] == "lisan" and len(parts) > 2:
                if parts[1] not in allowed:
                    problems.append(f"{where}: {folder} does not depend on lisan::{parts[1]}")
                continue
            if (path.parent / include).exists():
                continue
            if own_library and ((root / own_library / "src" / include).exists()
                                or (root / own_library / "include" / include).exists()):
                continue
            other = owner_of_src(root, include)
            if other:
                problems.append(f"{where}: reads lisan::{other}'s src/ (use its public headers)")


def main() -> int:
    root = pathlib.Path(__file__).resolve().parent.parent
    problems: list[str] = []
    graph = cmake_graph(root)
    documented = documented_graph(root)
    if documented is None:
        problems.append("docs/ARCHITECTURE.md: no 'lisan::a → lisan::b' lines under a "
                        "Dependencies heading")
    else:
        for name in sorted(set(graph) | set(documented)):
            built, said = graph.get(name, set()), documented.get(name, set())
            if built != said:
                problems.append(f"lisan::{name}: CMake links {sorted(built) or 'nothing'}, "
                                f"docs/ARCHITECTURE.md says {sorted(said) or 'nothing'}")
    for name in LIBRARIES:
        if (root / name).is_dir():
            check_includes(root, name, name, {name} | closure(graph, name), problems)
            if (root / "tests" / name).is_dir():
                check_includes(root, f"tests/{name}", name, set(LIBRARIES), problems)
    for program in PROGRAMS:
        if (root / program).is_dir():
            check_includes(root, program, None, set(LIBRARIES), problems)
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
