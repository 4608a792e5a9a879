"""The section tree printed for people (`reportlint tree`) and as SPEC §3 JSON."""

from __future__ import annotations

from typing import Any

from .i18n import DEFAULT_LANG, closing_name, role_name
from .model import Document, Section, Span

# the words around the tree: Chinese for people, English (`--lang en`) for tooling
_WORDS = {
    "zh": {"chrome": "网页杂项：跳过 {n} 行", "toc": "目录：{n} 行，不计为章节", "masthead": "版头：",
           "title": "标题：", "none": "（无）", "byline": "署名：", "preamble": "前言：{n} 段，{chars} 字",
           "items": "{n} 项（{labels}）", "paragraphs": "{n} 段（{labels}）", "empty": "（空）",
           "closing": "结尾：", "more": "（另 {n} 行）"},
    "en": {"chrome": "chrome: {n} line(s) of web-page text skipped",
           "toc": "table of contents: {n} line(s), not counted as sections", "masthead": "masthead: ",
           "title": "title: ", "none": "(none)", "byline": "byline: ",
           "preamble": "preamble: {n} paragraph(s), {chars} characters", "items": "items={n} ({labels})",
           "paragraphs": "paragraphs={n} ({labels})", "empty": "(empty)", "closing": "closing: ",
           "more": " (+{n} line(s))"},
}

def tree_dict(doc: Document) -> dict[str, Any]:
    """SPEC §3 `tree --format json`."""
    data = doc.to_dict()
    data["path"] = doc.path
    return data


def tree_text(doc: Document, width: int = 60, lang: str = DEFAULT_LANG) -> str:
    w = _WORDS["en" if lang == "en" else "zh"]
    lines = []
    if doc.chrome:
        lines.append(w["chrome"].format(n=len(doc.chrome)))
    if doc.toc:
        lines.append(w["toc"].format(n=len(doc.toc)))
    for span in doc.masthead:
        lines.append(f"{w['masthead']}{span.text}")
    lines.append(f"{w['title']}{doc.title or w['none']}")
    for span in doc.byline:
        lines.append(f"{w['byline']}{span.text}")
    if doc.preamble:
        chars = sum(len(s.text) for s in doc.preamble)
        lines.append(w["preamble"].format(n=len(doc.preamble), chars=chars))
    for section in doc.sections:
        _section_lines(section, 0, lines, width, lang, doc.paragraph_units(section, section.role))
    for entry in doc.closing:
        text = entry.text if len(entry.text) <= width else entry.text[: width - 1] + "…"
        more = w["more"].format(n=len(entry.body)) if entry.body else ""
        lines.append(f"{w['closing']}{closing_name(entry.kind, lang)} {text}{more}  :{entry.line}")
    return "\n".join(lines)


def _section_lines(section: Section, depth: int, out: list[str], width: int, lang: str,
                   headlines: dict[int, list[tuple[int, Span]]]) -> None:
    w = _WORDS["en" if lang == "en" else "zh"]
    heading = section.heading if len(section.heading) <= width else section.heading[: width - 1] + "…"
    parts = [f"{'  ' * depth}{section.label}{heading}"]
    if section.role:
        parts.append(f"[{role_name(section.role, lang)}]")
    if section.items:
        labels = "".join(i.label for i in section.items[:3]) + ("…" if len(section.items) > 3 else "")
        parts.append(w["items"].format(n=len(section.items), labels=labels))
    elif found := headlines.get(id(section)):
        labels = "¶" + "¶".join(str(n) for n, _ in found[:3]) + ("…" if len(found) > 3 else "")
        parts.append(w["paragraphs"].format(n=len(found), labels=labels))
    if section.is_empty():
        parts.append(w["empty"])
    out.append(f"{' '.join(parts)}  :{section.line}")
    for child in section.children:
        _section_lines(child, depth + 1, out, width, lang, headlines)
