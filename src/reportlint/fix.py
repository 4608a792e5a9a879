"""Mechanical, safe fixes (`reportlint fix`, `reportlint check --fix`).

Only changes whose result is certain are made. To typed labels (Word automatic numbering is left
alone; its label is not text in the document):
- renumbering a broken label sequence: every run of sibling labels of one kind (RL105's sequences:
  一、二、 · （一）（二） · 1. 2. · 一是 二是 …) is renumbered 1, 2, 3… in document order;
- full-width brackets in labels: `(一)` / `（一)` → `（一）`, `(1)` → `（1）`;
- the punctuation after （一） and （1） (RL408): `（一）、政治…` → `（一）政治…`.
And in the text (checks/formulations.py, mechanical_fixes):
- a quotation mark turned the wrong way round where the paragraph leaves no doubt (RL315: `“学懂“`);
- quotation marks and brackets around Chinese text made full-width (RL316: `"四个意识"`, `（…)`);
- the zero before a one-digit month or day (RL317: `2025年01月` → `2025年1月`).

How to use it (the choice made for issue "DOCX in depth"):
- `reportlint fix REPORT -o OUT` writes a fixed copy of a text or DOCX report to a new path
  (atomically, never over the input) and lists every change;
- `reportlint check --fix PATH…` fixes *text* files in place (the user asked for it explicitly),
  then lints them; DOCX files are never changed in place — use `reportlint fix X.docx -o Y.docx`.
Text files keep their encoding, BOM and line endings; DOCX files keep every run's formatting
(the text of the `w:t` elements is edited where it stands).
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass

from .chars import LABEL_PUNCT
from .checks.formulations import mechanical_fixes
from .docx_edit import open_docx, save_docx
from .errors import ReportlintError
from .labels import chinese_number
from .model import Document, Item, Section, mixed_parts, numbered_runs
from .output import Inputs, write_atomic, write_output

_NUMBER = re.compile(r"[0-9０-９]+|[〇零一二三四五六七八九十百两]+")
_BRACKET_KINDS = ("cn_paren", "ar_paren")


class FixError(ReportlintError):
    kind = "fix-error"


@dataclass(frozen=True)
class Edit:
    """Replace paragraph `line`'s text[start:end] (0-based, end exclusive) by `new`."""

    line: int
    start: int
    end: int
    old: str
    new: str
    reason: str

    def describe(self, fmt: str = "text") -> str:
        where = f"第 {self.line} 段" if fmt == "docx" else f"第 {self.line} 行"
        if not self.old:
            return f"{where}：补上“{self.new}”（{self.reason}）"
        return f"{where}：“{self.old}” → “{self.new}”（{self.reason}）"


def _renumber(label: str, n: int) -> str:
    m = _NUMBER.search(label)
    if m is None:
        return label
    old = m.group()
    if old[0].isdigit():
        new = str(n)
        if "０" <= old[0] <= "９":
            new = new.translate({ord(str(d)): chr(0xFF10 + d) for d in range(10)})
    else:
        new = chinese_number(n)
    return label[: m.start()] + new + label[m.end():]


def _full_width_brackets(label: str) -> str:
    return label.replace("(", "（").replace(")", "）")


def plan_fixes(doc: Document) -> list[Edit]:
    """The edits that make the labels right (at most one per label) and the text's marks and
    dates, in document order."""
    paragraphs = {p.line: p.text for p in doc.source.paragraphs} if doc.source else {}
    numbers: dict[int, int] = {}  # id(node) → the number it should have
    missing: dict[int, str] = {}  # id(part) → the label a part heading lacks
    # a part whose label was left out holds its place (RL105): 存在的问题 / 二、 / 三、 stay, and gets
    # its label typed in when the others are typed (not among Word numbering, which it would break)
    mixed = mixed_parts(doc.sections)
    typed = not any(s.auto_label for s in mixed)
    for position, part in enumerate(mixed, 1):
        if part.kind == "cn_dun" and part.number != position:
            numbers[id(part)] = position
        elif part.kind == "styled" and typed:
            missing[id(part)] = f"{chinese_number(position)}、"
    for run in numbered_runs(doc, with_parts=not mixed):
        if run[0].kind in ("styled", "seq"):  # no numeral to rewrite (存在的问题, 首先，其次，)
            continue
        for n, node in enumerate(run, 1):
            if node.number != n:
                numbers[id(node)] = n
    edits: list[Edit] = []
    nodes_all: list[Section | Item] = []
    for s in doc.walk():
        nodes_all.append(s)
        nodes_all.extend(s.items)
    for node in nodes_all:
        if isinstance(node, Section) and node.auto_label:
            continue
        text = paragraphs.get(node.line)
        start = node.column - 1
        label = node.label
        if id(node) in missing and isinstance(node, Section) and text is not None and text[start:].startswith(node.heading):
            edits.append(Edit(node.line, start, start, "", missing[id(node)], "补上缺少的编号"))
            continue
        if text is None or text[start:start + len(label)] != label or not label:
            continue  # the label is not where the parser says: leave it alone
        new, reasons, end = label, [], start + len(label)
        if id(node) in numbers:
            new = _renumber(new, numbers[id(node)])
            reasons.append("重新编号")
        if node.kind in _BRACKET_KINDS and ("(" in new or ")" in new):
            new = _full_width_brackets(new)
            reasons.append("括号改为全角")
        if isinstance(node, Section) and node.kind in _BRACKET_KINDS and end < len(text) and text[end] in LABEL_PUNCT:
            end += 1
            reasons.append(f"删除“{text[end - 1]}”")
        if reasons:
            edits.append(Edit(node.line, start, end, text[start:end], new, "，".join(reasons)))
    for edit in (Edit(*change) for change in mechanical_fixes(doc)):
        if not any(e.line == edit.line and e.start < edit.end and edit.start < e.end for e in edits):
            edits.append(edit)  # a label's own fix wins where both would change the same characters
    edits.sort(key=lambda e: (e.line, e.start))
    return edits


# --- applying ----------------------------------------------------------------------------------


def apply_text(data: bytes, edits: Sequence[Edit], encoding: str | None = None) -> bytes:
    """The text file with the edits applied; encoding, BOM and line endings kept."""
    from .readers.text import detect_encoding

    name = encoding or detect_encoding(data)
    text = data.decode(name)
    bom = text.startswith("\ufeff")
    if bom:
        text = text[1:]
    pieces = re.split(r"(\r\n|\r|\n)", text)
    lines, ends = pieces[0::2], pieces[1::2]
    for e in sorted(edits, key=lambda e: (e.line, e.start), reverse=True):
        line = lines[e.line - 1]
        if line[e.start:e.end] != e.old:
            raise FixError(f"line {e.line} changed while fixing; nothing written")
        lines[e.line - 1] = line[: e.start] + e.new + line[e.end:]
    out = "".join(line + (ends[i] if i < len(ends) else "") for i, line in enumerate(lines))
    if bom:
        out = "\ufeff" + out
    if name.lower().replace("_", "-") == "utf-8-sig" and bom:
        return out[1:].encode("utf-8-sig")
    return out.encode(name)


def apply_docx(data: bytes, edits: Sequence[Edit]) -> bytes:
    """The package with the edits applied inside the w:t elements (run formatting kept)."""
    from .readers.docx import W, iter_body_paragraphs, sym_text, text_runs

    document = open_docx(data, FixError, "edit")
    paragraphs = [p for p, _ in iter_body_paragraphs(document.element.body)]
    for e in sorted(edits, key=lambda e: (e.line, e.start), reverse=True):
        p = paragraphs[e.line - 1]
        pieces = []  # (w:t element, offset in the paragraph text)
        for r, offset, _ in text_runs(p):
            pos = offset
            for child in r:
                if child.tag == W + "t":
                    pieces.append((child, pos))
                    pos += len(child.text or "")
                elif child.tag in (W + "tab", W + "ptab", W + "br", W + "cr", W + "noBreakHyphen"):
                    pos += 1
                elif child.tag == W + "sym":
                    pos += len(sym_text(child))
        if e.start == e.end:  # an insertion (a missing label): into the text that starts there
            at = next((t for t, off in pieces if off == e.start and t.text), None)
            if at is not None:
                at.text = e.new + at.text
                at.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            continue
        covered = [(t, off) for t, off in pieces if off < e.end and off + len(t.text or "") > e.start]
        if not covered or sum(min(off + len(t.text or ""), e.end) - max(off, e.start) for t, off in covered) != e.end - e.start:
            continue  # part of the label is not plain text (a tab, a field): leave it
        first = True
        for t, off in covered:
            s = t.text or ""
            a, b = max(e.start - off, 0), min(e.end - off, len(s))
            t.text = s[:a] + (e.new if first else "") + s[b:]
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            first = False
    return save_docx(document, FixError, "edited")


def fix_bytes(data: bytes, name: str, encoding: str | None = None) -> tuple[bytes, list[Edit], str]:
    """(fixed bytes, edits, format) for a report's bytes."""
    from .parser import parse_source
    from .readers import read

    source = read(data, name=name, encoding=encoding)
    if source.converted_from:
        raise FixError(f"{name}: {source.converted_from.upper()} 文件只能检查，不能修改：请另存为 .docx 后再用 fix")
    doc = parse_source(source)
    edits = plan_fixes(doc)
    if not edits:
        return data, [], source.format
    try:
        if source.format == "docx":
            return apply_docx(data, edits), edits, "docx"
        return apply_text(data, edits, source.encoding or encoding), edits, source.format
    except FixError as exc:  # the one line a user sees names the file
        raise FixError(exc.message, exc.path or name) from None


def fix_file(path: str, output: str | None, *, in_place: bool = False, encoding: str | None = None,
             inputs: Inputs | None = None) -> tuple[list[Edit], str]:
    """Fix `path` into `output` (a new file, or `-` for standard output; never one of `inputs`), or
    in place for text files when `in_place`: through a symbolic link to the file it names, so the
    link stays a link. The input is read once, within the input size limit."""
    from .readers import read_bytes

    inputs = inputs or Inputs([path])
    if output is not None:
        inputs.refuse(output)  # before the work, not after
    data = read_bytes(path)
    fixed, edits, fmt = fix_bytes(data, path, encoding)
    if output is None:
        if not in_place:
            raise FixError("give -o OUT for the fixed copy")
        if fmt == "docx":
            raise FixError(f"{path}: a .docx is never changed in place; use `reportlint fix {path} -o OUT.docx`")
        if edits:
            write_atomic(os.path.realpath(path), fixed)
        return edits, fmt
    write_output(output, fixed, inputs)
    return edits, fmt
