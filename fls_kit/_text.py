"""Text helpers: folding for search (ignore case and accents, keep æ, ø and å as letters), and
reading the text files people save from spreadsheets."""

from __future__ import annotations

import re
import unicodedata

# Norwegian letters are letters of their own, not accented a/o: "bør" is not "bor".
_KEEP = {"æ": "\x01", "ø": "\x02", "å": "\x03"}
_RESTORE = {v: k for k, v in _KEEP.items()}
# People on English keyboards write these for æ, ø, å.
DIGRAPHS = {"ae": "æ", "oe": "ø", "aa": "å"}


def fold(text: str) -> str:
    """Lower-case `text` and strip accents (é → e, ü → u), keeping æ, ø, å."""
    text = text.casefold()
    for letter, mark in _KEEP.items():
        text = text.replace(letter, mark)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    for mark, letter in _RESTORE.items():
        text = text.replace(mark, letter)
    return " ".join(text.split())


def query_variants(query: str) -> set[str]:
    """The folded query, plus the same with ae/oe/aa read as æ/ø/å."""
    folded = fold(query)
    variant = folded
    for digraph, letter in DIGRAPHS.items():
        variant = variant.replace(digraph, letter)
    return {folded, variant}


def decode_text(data: bytes) -> str | None:
    """The text of a file people save from spreadsheets, or None when it is none of them.

    UTF-16 with a BOM (Excel's «Unicode-tekst»), UTF-8 with or without BOM, and Windows-1252
    (old Excel «CSV (semikolonseparert)»), tried in that order.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            return None
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def csv_delimiter(text: str) -> str:
    """The separator of the first non-empty line: `;` (Nettskjema, Norwegian Excel), `,`, tab."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    first = re.sub(r'"[^"]*"', "", first)  # separators inside quotes do not count
    counts = {d: first.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","
