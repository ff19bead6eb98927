#!/usr/bin/env python3
"""Throughput of `lisan index` per file format, beside Omega's omindex
(Debian xapian-omega) on the same folders in the same run.

Usage (from the repository root, after a build):

    bench/formats_throughput.py [--lisan build/cli/lisan] [--corpus ../shared/corpus/bench]
                                [--documents 1000] [--pdfs 200] [--work DIR]

It writes one folder per format from the bench corpus's documents (JSONL,
gzip): HTML pages (with a style sheet and a script, as pages have), DOCX,
ODT and EPUB (zip archives of their XML), PDFs (through pango and cairo,
tests/support/make_pdf.py) and Arabic plain text in windows-1256; then
indexes each folder into a new index with lisan and with omindex, and prints
documents/s and MB/s of source for both. omindex reads PDFs with pdftotext
(poppler-utils) and the zip formats with unzip; a format it cannot read is
shown as such. Nothing is downloaded.
"""

import argparse
import gzip
import html
import importlib.util
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile

ROOT = pathlib.Path(__file__).resolve().parent.parent


def read_corpus(folder: pathlib.Path, count: int) -> list:
    """Up to `count` documents, taken in turn from each language's file."""
    streams = [gzip.open(p, "rt", encoding="utf-8") for p in sorted(folder.glob("*.jsonl.gz"))]
    docs = []
    while len(docs) < count and streams:
        for stream in list(streams):
            line = stream.readline()
            if not line:
                streams.remove(stream)
                continue
            doc = json.loads(line)
            if doc.get("text"):
                docs.append(doc)
    return docs[:count]


def paragraphs(text: str) -> list:
    # Control characters are not allowed in XML 1.0: the corpus has a few.
    text = "".join(c for c in text if c >= " " or c in "\n\t")
    return [p for p in text.split("\n") if p.strip()]


def write_html(path: pathlib.Path, doc: dict) -> None:
    body = "".join(f"<p>{html.escape(p)}</p>\n" for p in paragraphs(doc["text"]))
    path.write_text(
        f'<!DOCTYPE html>\n<html lang="{doc.get("lang", "")}"><head><meta charset="utf-8">'
        f'<title>{html.escape(doc.get("title", ""))}</title>'
        "<style>body { font-family: sans-serif } p { margin: 0 0 1em }</style>"
        "<script>window.analytics = { page: location.href };</script></head>\n"
        f"<body><h1>{html.escape(doc.get('title', ''))}</h1>\n{body}</body></html>\n",
        encoding="utf-8")


def xml(text: str) -> str:
    return html.escape(text, quote=True)


def write_docx(path: pathlib.Path, doc: dict) -> None:
    body = "".join(f'<w:p><w:r><w:t xml:space="preserve">{xml(p)}</w:t></w:r></w:p>'
                   for p in paragraphs(doc["text"]))
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/content-types"><Default Extension="xml" ContentType='
                   '"application/xml"/><Override PartName="/word/document.xml" ContentType='
                   '"application/vnd.openxmlformats-officedocument.wordprocessingml.document.'
                   'main+xml"/></Types>')
        z.writestr("word/document.xml",
                   f'<?xml version="1.0"?><w:document {w}><w:body>{body}</w:body></w:document>')
        z.writestr("docProps/core.xml",
                   '<?xml version="1.0"?><cp:coreProperties xmlns:cp="http://schemas.'
                   'openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc='
                   f'"http://purl.org/dc/elements/1.1/"><dc:title>{xml(doc.get("title", ""))}'
                   "</dc:title></cp:coreProperties>")


def write_odt(path: pathlib.Path, doc: dict) -> None:
    body = "".join(f"<text:p>{xml(p)}</text:p>" for p in paragraphs(doc["text"]))
    office = 'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        z.writestr("META-INF/manifest.xml",
                   '<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:'
                   'tc:opendocument:xmlns:manifest:1.0"/>')
        z.writestr("content.xml",
                   f'<?xml version="1.0"?><office:document-content {office} xmlns:text="urn:'
                   'oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>'
                   f"{body}</office:text></office:body></office:document-content>")
        z.writestr("styles.xml",  # omindex reads it with content.xml
                   f'<?xml version="1.0"?><office:document-styles {office}/>')
        z.writestr("meta.xml",
                   f'<?xml version="1.0"?><office:document-meta {office} xmlns:dc="http://'
                   'purl.org/dc/elements/1.1/"><office:meta><dc:title>'
                   f'{xml(doc.get("title", ""))}</dc:title></office:meta></office:document-meta>')


def write_epub(path: pathlib.Path, doc: dict) -> None:
    chapters = paragraphs(doc["text"])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/epub+zip")
        z.writestr("META-INF/container.xml",
                   '<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:'
                   'opendocument:xmlns:container"><rootfiles><rootfile full-path="content.opf" '
                   'media-type="application/oebps-package+xml"/></rootfiles></container>')
        manifest = spine = ""
        for i, text in enumerate(chapters):
            manifest += f'<item id="c{i}" href="c{i}.xhtml" media-type="application/xhtml+xml"/>'
            spine += f'<itemref idref="c{i}"/>'
            z.writestr(f"c{i}.xhtml",
                       '<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/'
                       f'1999/xhtml"><head><title>{i}</title></head><body><p>{xml(text)}</p>'
                       "</body></html>")
        z.writestr("content.opf",
                   '<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" '
                   'version="3.0"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/">'
                   f'<dc:title>{xml(doc.get("title", ""))}</dc:title></metadata><manifest>'
                   f"{manifest}</manifest><spine>{spine}</spine></package>")


def load_make_pdf():
    spec = importlib.util.spec_from_file_location("make_pdf", ROOT / "tests/support/make_pdf.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def write_pdfs(folder: pathlib.Path, docs: list) -> None:
    make_pdf = load_make_pdf()
    for i, doc in enumerate(docs):
        text = doc["text"][:6000]
        pages = [text[j:j + 2000] for j in range(0, len(text), 2000)]
        make_pdf.write_pdf(str(folder / f"{i:05d}.pdf"), doc.get("title", ""), "", pages)


def make_folders(work: pathlib.Path, docs: list, pdfs: int) -> dict:
    writers = {"html": (write_html, ".html"), "docx": (write_docx, ".docx"),
               "odt": (write_odt, ".odt"), "epub": (write_epub, ".epub")}
    folders = {}
    for name, (write, ext) in writers.items():
        folder = work / name
        folder.mkdir()
        for i, doc in enumerate(docs):
            write(folder / f"{i:05d}{ext}", doc)
        folders[name] = folder
    folder = work / "text-windows-1256"
    folder.mkdir()
    for i, doc in enumerate(d for d in docs if d.get("lang") == "ar"):
        (folder / f"{i:05d}.txt").write_bytes(doc["text"].encode("cp1256", errors="replace"))
    folders["text-windows-1256"] = folder
    folder = work / "pdf"
    folder.mkdir()
    write_pdfs(folder, docs[:pdfs])
    folders["pdf"] = folder
    return folders


def timed(argv: list) -> tuple:
    start = time.monotonic()
    result = subprocess.run(argv, capture_output=True, text=True)
    return time.monotonic() - start, result


def measure(folders: dict, lisan: str, omindex: str, work: pathlib.Path) -> list:
    rows = []
    for name, folder in folders.items():
        files = list(folder.iterdir())
        mb = sum(f.stat().st_size for f in files) / 1e6
        seconds, result = timed([lisan, "index", "--db", str(work / f"lisan-{name}"), str(folder)])
        if result.returncode != 0:
            sys.exit(f"lisan index {folder} failed: {result.stderr}")
        summary = [line for line in result.stderr.splitlines() if line.startswith("indexed:")]
        row = {"format": name, "files": len(files), "MB": mb, "lisan_s": seconds,
               "lisan_summary": summary[-1] if summary else ""}
        if omindex:
            o_seconds, o_result = timed([omindex, "--db", str(work / f"omega-{name}"),
                                         "--url", "/", str(folder)])
            row["omindex_s"] = o_seconds if o_result.returncode == 0 else None
            row["omindex_docs"] = omega_doccount(work / f"omega-{name}")
        rows.append(row)
    return rows


def omega_doccount(db: pathlib.Path):
    delve = shutil.which("xapian-delve")
    if not delve or not db.exists():
        return None
    out = subprocess.run([delve, str(db)], capture_output=True, text=True).stdout
    for line in out.splitlines():
        if line.startswith("number of documents"):
            return int(line.split("=")[-1])
    return None


def print_table(rows: list) -> None:
    print("| format | files | MB | lisan s | lisan docs/s | lisan MB/s | omindex docs | omindex s "
          "| omindex docs/s | omindex MB/s |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in rows:
        o = r.get("omindex_s")
        o_cells = (f"{r.get('omindex_docs')} | {o:.2f} | {r['files'] / o:.0f} | {r['MB'] / o:.2f}"
                   if o and r.get("omindex_docs") else
                   f"{r.get('omindex_docs')} (not read) | – | – | –")
        print(f"| {r['format']} | {r['files']} | {r['MB']:.1f} | {r['lisan_s']:.2f} | "
              f"{r['files'] / r['lisan_s']:.0f} | {r['MB'] / r['lisan_s']:.2f} | {o_cells} |")
    for r in rows:
        print(f"{r['format']}: lisan {r['lisan_summary']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lisan", default=str(ROOT / "build/cli/lisan"))
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared/corpus/bench"))
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--pdfs", type=int, default=200)
    parser.add_argument("--work", help="scratch folder (default: a temporary one, removed)")
    args = parser.parse_args()
    docs = read_corpus(pathlib.Path(args.corpus), args.documents)
    if not docs:
        sys.exit(f"no documents in {args.corpus}")
    work = pathlib.Path(args.work or tempfile.mkdtemp(prefix="lisan-formats-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        folders = make_folders(work, docs, args.pdfs)
        omindex = shutil.which("omindex") or ""
        if not omindex:
            print("omindex not found (Debian: xapian-omega): lisan alone", file=sys.stderr)
        print_table(measure(folders, args.lisan, omindex, work))
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
