#!/usr/bin/env python3
"""Lists the functions of the libraries and the CLI longer than a limit.

Usage (from the repository root):

    python3 tools/check_function_length.py [--max-lines 80] [DIR ...]

DIRs (or single files) default to analyzers/ indexer/ searcher/ cli/; every
.cc file under them is read. Each function longer than the limit is printed as
"path:line: name (N lines)", longest first, and the exit status is 1 when
there is any (0 when none, 2 on bad usage). A function's length counts the
lines from its parameter list's opening parenthesis to its closing brace.

Limits (a brace-matching scan, not a C++ parser):
  * comments, string and character literals (raw strings included) and
    preprocessor lines are blanked first; a macro that expands to braces or
    unbalanced braces under #if branches can mislead the count;
  * a brace opens a function body when, outside any function, the text
    before it ends with a parameter list and qualifiers (const, noexcept,
    override, a trailing return type...) or with a constructor's member
    initialisers; lambdas and local classes count as part of the function
    that holds them, and a lambda at namespace scope counts as a function;
  * .h files are not read (inline functions in headers are not listed).
"""

import argparse
import pathlib
import re
import sys

DEFAULT_DIRS = ["analyzers", "format", "indexer", "searcher", "cli", "python"]

# A parameter list's end, then what may follow it before a function body.
FUNCTION_TAIL = re.compile(
    r"\)\s*(?:(?:const|noexcept(?:\s*\([^()]*\))?|override|final|mutable|volatile|&&|&"
    r"|->\s*[\w:<>,\s*&]+|requires\b[^{;]*)\s*)*$"
)
# A parameter list's end, then a constructor's member initialisers.
INITIALISERS = re.compile(r"\)\s*(?:noexcept\s*)?:(?!:)")
TYPE_HEADER = re.compile(r"\b(?:class|struct|union|enum)\b")
NAMESPACE_HEADER = re.compile(r"\bnamespace\b|\bextern\s*$")


def blank_literals(source: str) -> str:
    """Comments, literals and preprocessor lines become spaces; newlines stay."""
    out = []
    i, n = 0, len(source)
    at_line_start = True
    while i < n:
        c = source[i]
        if at_line_start and c == "#":
            j = i
            while j < n and (source[j] != "\n" or source[j - 1] == "\\"):
                j += 1
            out.append(_spaces(source[i:j]))
            i = j
            continue
        if c == "\n":
            at_line_start = True
        elif not c.isspace():
            at_line_start = False
        if source.startswith("//", i):
            j = source.find("\n", i)
            j = n if j < 0 else j
        elif source.startswith("/*", i):
            j = source.find("*/", i + 2)
            j = n if j < 0 else j + 2
        elif c == "R" and source.startswith('"', i + 1) and not _ident_char(source, i - 1):
            delim_end = source.find("(", i + 2)
            closing = ")" + source[i + 2 : delim_end] + '"'
            j = source.find(closing, delim_end)
            j = n if j < 0 else j + len(closing)
        elif c == '"' or (c == "'" and not _ident_char(source, i - 1)):
            j = _end_of_quoted(source, i)
        else:
            out.append(c)
            i += 1
            continue
        out.append(_spaces(source[i:j]))
        i = j
    return "".join(out)


def _ident_char(source: str, i: int) -> bool:
    return i >= 0 and (source[i].isalnum() or source[i] == "_")


def _end_of_quoted(source: str, i: int) -> int:
    quote, j = source[i], i + 1
    while j < len(source) and source[j] != quote and source[j] != "\n":
        j += 2 if source[j] == "\\" else 1
    return j + 1


def _spaces(text: str) -> str:
    return re.sub(r"[^\n]", " ", text)


def parameter_list_start(header: str) -> int:
    """Offset in `header` of the parameter list's '(', -1 if none: the one
    matching the ')' before the member initialisers, else the last ')'."""
    initialisers = INITIALISERS.search(header)
    close = initialisers.start() if initialisers else header.rfind(")")
    depth = 0
    for i in range(close, -1, -1):
        depth += {")": 1, "(": -1}.get(header[i], 0)
        if depth == 0:
            return i
    return -1


def opens_function(header: str, previous: str) -> bool:
    if NAMESPACE_HEADER.search(header) or (TYPE_HEADER.search(header) and ")" not in header):
        return False
    if FUNCTION_TAIL.search(header):
        return True
    # Member initialisers: the body's brace follows ')' or '}', an
    # initialiser's brace follows a name.
    return bool(INITIALISERS.search(header)) and previous in ")}"


def functions(source: str):
    """Yields (name, first line, last line) of each function in `source`."""
    text = blank_literals(source)
    scopes = []  # per open brace: (is_function, name, first line)
    header_start = 0
    previous = ""  # the last non-space character
    for i, c in enumerate(text):
        if c == "{":
            in_function = any(scope[0] for scope in scopes)
            header = text[header_start:i]
            if not in_function and INITIALISERS.search(header) and previous not in ")}":
                scopes.append((False, "", 0))  # a member initialiser's brace
                previous = c
                continue
            if not in_function and opens_function(header.strip(), previous):
                start = header_start + parameter_list_start(header)
                name = re.search(r"([\w:~<>]+(?:\s*operator\s*\S+)?)\s*$", text[header_start:start])
                scopes.append((True, name.group(1) if name else "?", text.count("\n", 0, start) + 1))
            else:
                scopes.append((False, "", 0))
            header_start = i + 1
        elif c == "}":
            if scopes:
                is_function, name, first = scopes.pop()
                if is_function:
                    yield name, first, text.count("\n", 0, i) + 1
            if not _inside_initialisers(text, header_start, i, scopes):
                header_start = i + 1
        elif c == ";":
            header_start = i + 1
        if not c.isspace():
            previous = c


def _inside_initialisers(text: str, header_start: int, i: int, scopes) -> bool:
    """A member initialiser's brace closed: the header goes on to the body."""
    in_function = any(scope[0] for scope in scopes)
    return not in_function and bool(INITIALISERS.search(text[header_start:i]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--max-lines", type=int, default=80)
    parser.add_argument("dirs", nargs="*", default=DEFAULT_DIRS)
    args = parser.parse_args()
    long_functions = []
    for directory in args.dirs:
        root = pathlib.Path(directory)
        for path in [root] if root.is_file() else sorted(root.rglob("*.cc")):
            source = path.read_text(encoding="utf-8", errors="replace")
            for name, first, last in functions(source):
                if last - first + 1 > args.max_lines:
                    long_functions.append((last - first + 1, str(path), first, name))
    for lines, path, first, name in sorted(long_functions, key=lambda f: (-f[0], f[1], f[2])):
        print(f"{path}:{first}: {name} ({lines} lines)")
    return 1 if long_functions else 0


if __name__ == "__main__":
    sys.exit(main())
