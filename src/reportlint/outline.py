"""The section tree printed for people (`reportlint tree`) and as SPEC §3 JSON."""

from __future__ import annotations

from typing import Any

from .model import Document, Section, headline_paragraphs

ROLE_NAMES = {
    "problems": "问题",
    "causes": "原因",
    "measures": "措施",
    "previous": "上年度整改",
    "case": "案例剖析",
    "comparison": "对照",
    "other": "其他",
}


def tree_dict(doc: Document) -> dict[str, Any]:
    """SPEC §3 `tree --format json`."""
    data = doc.to_dict()
    data["path"] = doc.path
    return data


def tree_text(doc: Document, width: int = 60) -> str:
    lines = []
    if doc.chrome:
        lines.append(f"chrome: {len(doc.chrome)} line(s) of web-page text skipped")
    if doc.toc:
        lines.append(f"table of contents: {len(doc.toc)} line(s), not counted as sections")
    for span in doc.masthead:
        lines.append(f"masthead: {span.text}")
    lines.append(f"title: {doc.title}" if doc.title else "title: (none)")
    for span in doc.byline:
        lines.append(f"byline: {span.text}")
    if doc.preamble:
        chars = sum(len(s.text) for s in doc.preamble)
        lines.append(f"preamble: {len(doc.preamble)} paragraph(s), {chars} characters")
    for section in doc.sections:
        _section_lines(section, 0, lines, width)
    for entry in doc.closing:
        text = entry.text if len(entry.text) <= width else entry.text[: width - 1] + "…"
        more = f" (+{len(entry.body)} line(s))" if entry.body else ""
        lines.append(f"closing: {entry.kind} {text}{more}  :{entry.line}")
    return "\n".join(lines)


def _section_lines(section: Section, depth: int, out: list[str], width: int) -> None:
    heading = section.heading if len(section.heading) <= width else section.heading[: width - 1] + "…"
    parts = [f"{'  ' * depth}{section.label}{heading}"]
    if section.role:
        parts.append(f"[{section.role}]")
    if section.items:
        labels = "".join(i.label for i in section.items[:3])
        more = "…" if len(section.items) > 3 else ""
        parts.append(f"items={len(section.items)} ({labels}{more})")
    elif section.parent is None and (headlines := headline_paragraphs(section)):
        parts.append(f"paragraphs={len(headlines)} (¶{'¶'.join(str(n) for n, _ in headlines[:3])}{'…' if len(headlines) > 3 else ''})")
    if section.is_empty():
        parts.append("(empty)")
    out.append(f"{' '.join(parts)}  :{section.line}")
    for child in section.children:
        _section_lines(child, depth + 1, out, width)
