"""Builds examples/member-2023-speech.docx from member-2023-speech.txt: the same report as Word would
hold it, laid out per GB/T 9704, with 一、 and （一） as Word automatic numbering (1、 stays typed,
as most writers type it). Run from the repository root: python tools/make_example_docx.py"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from docx_builders import build_docx, split_typed_label  # noqa: E402

FONTS = {0: "黑体", 1: "楷体_GB2312"}  # level 1 and 2 headings; everything else 仿宋_GB2312


def paragraph(line: str, index: int, title_lines: int) -> dict:
    if index < title_lines:  # title (two lines) and the author line
        font, size = ("方正小标宋简体", 22) if index < title_lines - 1 else ("楷体_GB2312", 16)
        return {"runs": [{"text": line, "east_asia": font, "font": "Times New Roman", "size": size}],
                "alignment": "center", "line_pt": 28.9}
    level, rest, _ = split_typed_label(line, 1)
    text = rest if level is not None else line
    # a run-in heading (（一）理想信念有所松懈。随着…) is set in the heading font up to its 。 only
    cut = text.index("。") + 1 if level is not None and "。" in text[:-1] else len(text)
    runs = [{"text": text[:cut], "east_asia": FONTS.get(level, "仿宋_GB2312"), "font": "Times New Roman",
             "size": 16}]
    if text[cut:]:
        runs.append({"text": text[cut:], "east_asia": "仿宋_GB2312", "font": "Times New Roman", "size": 16})
    spec = {"runs": runs, "line_pt": 28.9, "first_line_chars": 2}
    if level is not None:
        spec["level"] = level
    return spec


def main() -> None:
    text = (ROOT / "examples" / "member-2023-speech.txt").read_text(encoding="utf-8").rstrip("\n")
    lines = text.split("\n")
    paragraphs = [paragraph(line, n, 3) for n, line in enumerate(lines)]
    data = build_docx(paragraphs, margins_mm=(37, 35, 28, 26), page_numbers=True)
    out = ROOT / "examples" / "member-2023-speech.docx"
    out.write_bytes(data)
    print(f"wrote {out.relative_to(ROOT)} ({len(data)} bytes)")


if __name__ == "__main__":
    main()
