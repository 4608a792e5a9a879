"""Input limits: what reportlint refuses to read, decided as early as possible — from the zip
directory before anything is decompressed, while counting as a part or paragraph is read, before
the big structures are built — so that a hostile file costs seconds and bounded memory.

Every limit has a safe default and can be changed with an environment variable (a hook or CI job
sets them once; they reach worker processes too). A value of 0 means "no limit"; the refusal message
names the variable to change. The defaults keep any file within about 10 s and 800 MB on a 2-CPU
machine (tests/test_hostile.py; bench/hostile.py records the slowest) and are far above any real
report (the longest ones have some 30 000 characters, a few hundred headings and items).

| variable                         | default    | what it limits                                  |
|----------------------------------|------------|-------------------------------------------------|
| REPORTLINT_MAX_INPUT_MB          | 50         | size of any input file                          |
| REPORTLINT_MAX_TEXT_MB           | 20         | size of a text report                           |
| REPORTLINT_MAX_LINE_CHARS        | 1000000    | characters in one line or .docx paragraph       |
| REPORTLINT_MAX_ZIP_ENTRIES       | 5000       | entries in a .docx (zip) package                |
| REPORTLINT_MAX_PART_MB           | 64         | uncompressed size of one XML part of a .docx    |
| REPORTLINT_MAX_TOTAL_MB          | 256        | uncompressed size of all parts of a .docx       |
| REPORTLINT_MAX_RATIO             | 200        | compression ratio of a part bigger than 10 MiB  |
| REPORTLINT_MAX_PARAGRAPHS        | 50000      | paragraphs in a .docx, lines in a text report   |
| REPORTLINT_MAX_CHARS             | 500000     | characters of a report (text and Word's labels) |
| REPORTLINT_MAX_XML_TAGS          | 2000000    | XML tags in all the parts of a .docx read       |
| REPORTLINT_MAX_RELATIONSHIPS     | 10000      | relationships of one part of a .docx            |
| REPORTLINT_MAX_RUNS              | 200000     | text runs (w:r) of a .docx                      |
| REPORTLINT_MAX_LABEL_CHARS       | 100        | characters of a numbering level's text (lvlText)|
| REPORTLINT_MAX_ITEMS             | 10000      | headings and items (一是…, 1.…) of a report     |
| REPORTLINT_MAX_PAIRS             | 300000     | problem–cause/measure pairs the matcher scores  |
| REPORTLINT_FILE_SECONDS          | 6          | reading, parsing and checking a file (`timeout`)|
| REPORTLINT_MAX_FINDINGS_PER_RULE | 1000       | findings one rule reports in one file; then one |
|                                  |            | info finding says more are not listed           |
| REPORTLINT_MAX_PDF_PAGES         | 300        | pages of a PDF                                  |
| REPORTLINT_MAX_PDF_CHARS         | 2000000    | characters of a PDF's text                      |
| REPORTLINT_PDF_SECONDS           | 60         | reading the text of one PDF                     |
| REPORTLINT_CONVERT_SECONDS       | 120        | converting one .doc/.wps/.odt/.rtf (LibreOffice)|

A DOCTYPE in any part of a .docx is always refused (OOXML forbids it), so entity expansion and
external entities never happen.

The time limit is a deadline the long loops check (deadline.py), not a signal or a thread, so it
works the same on Windows. It counts from the start of reading (reading itself is bounded by the
size limits; PDF text and conversions have their own time limits, and it counts from their end).
6 s leaves start-up and output room within 10 s even on a busy machine, and is 5 times what the
1 MB report of bench/run.py takes.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

MIB = 1024 * 1024
UNLIMITED = 2**62


def _env(name: str, default: int, scale: int = 1) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default * scale
    try:
        value = float(raw)
    except ValueError:
        return default * scale
    if value <= 0:
        return UNLIMITED
    return int(value * scale)


def _seconds(name: str, default: int) -> float | None:
    """A time limit in seconds (fractions allowed); None when set to 0, for no limit."""
    ms = _env(name, default, 1000)
    return None if ms >= UNLIMITED else ms / 1000


@dataclass(frozen=True)
class Limits:
    """The limits in force, read from the environment once (LIMITS)."""

    input_bytes: int
    text_bytes: int
    line_chars: int
    zip_entries: int
    part_bytes: int
    total_bytes: int
    ratio: int
    paragraphs: int
    findings_per_rule: int
    chars: int = 500_000
    xml_tags: int = 2_000_000
    relationships: int = 10_000
    runs: int = 200_000
    label_chars: int = 100
    items: int = 10_000
    pairs: int = 300_000
    file_seconds: float | None = 6
    ratio_min_bytes: int = 10 * MIB  # small parts may compress well; only big ones are bombs
    pdf_pages: int = 300
    pdf_chars: int = 2_000_000
    pdf_seconds: float | None = 60
    convert_seconds: float | None = 120

    @classmethod
    def from_env(cls) -> Limits:
        return cls(
            input_bytes=_env("REPORTLINT_MAX_INPUT_MB", 50, MIB),
            text_bytes=_env("REPORTLINT_MAX_TEXT_MB", 20, MIB),
            line_chars=_env("REPORTLINT_MAX_LINE_CHARS", 1_000_000),
            zip_entries=_env("REPORTLINT_MAX_ZIP_ENTRIES", 5000),
            part_bytes=_env("REPORTLINT_MAX_PART_MB", 64, MIB),
            total_bytes=_env("REPORTLINT_MAX_TOTAL_MB", 256, MIB),
            ratio=_env("REPORTLINT_MAX_RATIO", 200),
            paragraphs=_env("REPORTLINT_MAX_PARAGRAPHS", 50_000),
            findings_per_rule=_env("REPORTLINT_MAX_FINDINGS_PER_RULE", 1000),
            chars=_env("REPORTLINT_MAX_CHARS", 500_000),
            xml_tags=_env("REPORTLINT_MAX_XML_TAGS", 2_000_000),
            relationships=_env("REPORTLINT_MAX_RELATIONSHIPS", 10_000),
            runs=_env("REPORTLINT_MAX_RUNS", 200_000),
            label_chars=_env("REPORTLINT_MAX_LABEL_CHARS", 100),
            items=_env("REPORTLINT_MAX_ITEMS", 10_000),
            pairs=_env("REPORTLINT_MAX_PAIRS", 300_000),
            file_seconds=_seconds("REPORTLINT_FILE_SECONDS", 6),
            pdf_pages=_env("REPORTLINT_MAX_PDF_PAGES", 300),
            pdf_chars=_env("REPORTLINT_MAX_PDF_CHARS", 2_000_000),
            pdf_seconds=_seconds("REPORTLINT_PDF_SECONDS", 60),
            convert_seconds=_seconds("REPORTLINT_CONVERT_SECONDS", 120),
        )


LIMITS = Limits.from_env()
