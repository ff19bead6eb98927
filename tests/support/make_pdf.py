#!/usr/bin/env python3
"""Writes a PDF with pango and cairo (Debian: python3-gi-cairo, gir1.2-pango-1.0),
one page per PAGE argument, laid out as a word processor would: Arabic shaped
and set right to left by pango, the text as ToUnicode-mapped glyphs.

Usage: make_pdf.py --out FILE [--title T] [--author A] PAGE...
"""

import argparse

import cairo
import gi

gi.require_version("Pango", "1.0")
gi.require_version("PangoCairo", "1.0")
from gi.repository import Pango, PangoCairo  # noqa: E402

WIDTH, HEIGHT, MARGIN = 595, 842, 56  # A4 in points


def write_pdf(out: str, title: str, author: str, pages: list) -> None:
    """One page per text of `pages` (bench/formats_throughput.py imports this)."""
    surface = cairo.PDFSurface(out, WIDTH, HEIGHT)
    if title:
        surface.set_metadata(cairo.PDFMetadata.TITLE, title)
    if author:
        surface.set_metadata(cairo.PDFMetadata.AUTHOR, author)
    surface.set_metadata(cairo.PDFMetadata.CREATE_DATE, "2025-01-02T03:04:05")
    context = cairo.Context(surface)
    for text in pages:
        layout = PangoCairo.create_layout(context)
        layout.set_width(Pango.units_from_double(WIDTH - 2 * MARGIN))
        layout.set_wrap(Pango.WrapMode.WORD)
        layout.set_font_description(Pango.FontDescription.from_string("DejaVu Sans 11"))
        layout.set_text(text, -1)
        context.move_to(MARGIN, MARGIN)
        PangoCairo.show_layout(context, layout)
        context.show_page()
    surface.finish()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True)
    parser.add_argument("--title", default="")
    parser.add_argument("--author", default="")
    parser.add_argument("pages", nargs="+")
    args = parser.parse_args()
    write_pdf(args.out, args.title, args.author, args.pages)


if __name__ == "__main__":
    main()
