"""Every third-party DOCX in ../shared/corpus/docx gives a Source or a ReadError, never another
exception, and the files we know about give what Word shows."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportlint.errors import ReadError
from reportlint.readers.docx import read_docx

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "docx"
FILES = sorted(p for p in CORPUS.rglob("*") if p.is_file() and p.suffix.lower() in (".docx", ".dotx", ".docm"))

pytestmark = pytest.mark.skipif(not FILES, reason="shared corpus not available")


def _read(rel: str):
    path = CORPUS / rel
    return read_docx(path.read_bytes(), str(path))


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(CORPUS)))
def test_source_or_read_error(path: Path) -> None:
    try:
        src = read_docx(path.read_bytes(), str(path))
    except ReadError as exc:
        assert "internal error" not in exc.message
        assert "\n" not in exc.message
        return
    assert src.format == "docx"
    assert [p.line for p in src.paragraphs] == list(range(1, len(src.paragraphs) + 1))


def test_libreoffice_conversion_chinese_labels() -> None:
    src = _read("docx2python/libreoffice_conversion.docx")
    labelled = [(p.line, p.label, p.text.strip()) for p in src.paragraphs if p.label]
    assert labelled == [(78, "六、", "其他补充事宜"), (1050, "三、", "服务期限及地点：")]
    # the typed labels around them stay in the text; numId 0 on the headings removes numbering
    assert src.paragraphs[76 - 1].text.strip() == "五、公告期限"
    assert src.paragraphs[1048 - 1].text.strip() == "二、合同金额"
    assert len(src.paragraphs) == 1306
    assert sum(p.in_table for p in src.paragraphs) > 0
    sect = src.facts["sections"][0]
    assert (sect["page_width_mm"], sect["page_height_mm"]) == (210.0, 297.0)
    assert src.facts["has_page_numbers"] is True


def test_libreoffice_conversion_style_facts() -> None:
    src = _read("docx2python/libreoffice_conversion.docx")
    chapter = next(p for p in src.paragraphs if p.text.strip().startswith("第一章  竞争性谈判采购公告"))
    assert chapter.outline_level == 0
    fonts = {p.style.east_asia_font for p in src.paragraphs if p.text.strip()}
    assert {"宋体", "黑体"} <= fonts


@pytest.mark.parametrize(
    ("rel", "expected"),
    [
        ("pandoc/docx/lists_continuing.docx", ["1.", "2.", "3.", "", "4."]),
        ("pandoc/docx/lists_restart_8367.docx", ["", "1.", "2.", "3.", "", "", "1.", "2.", "3.", "4.", ""]),
        ("pandoc/docx/lists_sublist_reset.docx", ["1.", "1.1", "1.2", "2.", "1.1"]),
    ],
)
def test_pandoc_list_numbering(rel: str, expected: list[str]) -> None:
    src = _read(rel)
    assert [p.label for p in src.paragraphs if p.text.strip()] == expected


@pytest.mark.parametrize(
    ("rel", "minimum"),
    [
        ("docx2python/ControlTest.docx", 2),  # body is a block-level sdt
        ("pandoc/docx/nested_sdt.docx", 5),
        ("openxml-powertools/HC022-Table-Of-Contents.docx", 10),
    ],
)
def test_content_controls_are_read(rel: str, minimum: int) -> None:
    assert len(_read(rel).paragraphs) >= minimum


@pytest.mark.parametrize(
    "rel", ["pandoc/command/7691.docx", "docx2python/strict.docx", "python-mammoth/strict-format.docx"]
)
def test_strict_ooxml_files_are_read(rel: str) -> None:
    src = _read(rel)
    assert src.facts["strict"] is True
    assert any(p.text.strip() for p in src.paragraphs)


def test_dangling_media_relationship_is_repaired() -> None:
    src = _read("docx2python/nested_paragraphs_in_header3b.docx")
    assert src.facts["repaired"]


def test_alt_chunk_is_reported_not_parsed() -> None:
    src = _read("openxml-powertools/CA009-altChunk.docx")
    assert any("alt chunk" in w for w in src.warnings)


def test_tracked_insertions_are_text() -> None:
    src = _read("pandoc/docx/track_changes_insertion.docx")
    # python-docx's Paragraph.text gives "This is a text with insertions."
    assert src.paragraphs[0].text == "This is a text with two exciting insertions."
