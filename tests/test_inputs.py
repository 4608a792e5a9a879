"""More inputs than .docx and text: PDF with a text layer, and .doc / .wps / .odt / .rtf converted by
LibreOffice; and every input that cannot be read gets its error kind (SPEC §3) and a Chinese
message through `reportlint check --format json`, exit 2, the other files still checked.

The tests build every file: PDFs by hand (a few objects with an Adobe-GB1 font, text placed line by
line as a word processor would), and, where LibreOffice is installed, .doc/.odt/.rtf/.pdf converted
from DOCX made with python-docx. Those tests skip with the reason when it is not installed."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pytest
from docx_builders import docx_from_text

import reportlint
from reportlint.errors import READ_ERROR_KINDS, ReadError
from reportlint.readers import read, sniff
from reportlint.readers.pdf import Line, paragraphs_of

ROOT = Path(__file__).resolve().parents[1]
CLEAN = ROOT / "examples" / "branch-2025-clean.txt"
SPEECH_DOCX = ROOT / "examples" / "member-2023-speech.docx"
SPEC = ROOT.parent / "shared" / "SPEC.md"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed: "
                                   "apt-get install libreoffice-writer-nogui")


def _cjk_font() -> bool:
    try:
        out = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return False
    return bool(out.strip())


needs_soffice_and_cjk_font = pytest.mark.skipif(
    SOFFICE is None or not _cjk_font(),
    reason="PDF export needs LibreOffice and a Chinese font: apt-get install libreoffice-writer-nogui fonts-wqy-microhei")


# --- PDFs by hand -------------------------------------------------------------------------------

A4 = (595, 842)


def build_pdf(pages: list[list[tuple[float, float, str, float]]], *, image: bool = False,
              encrypt: bool = False, extra: str = "") -> bytes:
    """A PDF whose pages show these lines: (x, baseline from the top, text, font size), in STSong-Light
    with the UniGB-UCS2-H encoding (the Adobe-GB1 font every reader knows). `image` puts a picture
    on every page, as a scanner does; `encrypt` adds an open password; `extra` is drawn on every page."""
    width, height = A4
    objects: list[bytes] = [b"", b""]  # the catalog and the page tree, written last
    objects.append(b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
                   b"/DescendantFonts [4 0 R] >>")
    objects.append(b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /DW 1000 "
                   b"/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 5 0 R >>")
    objects.append(b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 -200 1000 900] "
                   b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>")
    if image:
        objects.append(b"<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray "
                       b"/BitsPerComponent 8 /Length 4 >>\nstream\n\x10\x80\x80\x10\nendstream")
    picture = len(objects)
    kids = []
    for lines in pages:
        ops = [f"BT /F1 {size} Tf 1 0 0 1 {x} {height - y} Tm <{text.encode('utf-16-be').hex()}> Tj ET"
               for x, y, text, size in lines]
        if image:
            ops.append(f"q {width - 100} 0 0 {height - 100} 50 50 cm /Im1 Do Q")
        ops.append(extra)
        stream = "\n".join(ops).encode()
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        resources = b"<< /Font << /F1 3 0 R >>" + (b" /XObject << /Im1 %d 0 R >>" % picture if image else b"") + b" >>"
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Resources %s /Contents %d 0 R >>"
                       % (width, height, resources, len(objects)))
        kids.append(len(objects))
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    trailer = b""
    if encrypt:  # the standard security handler; the empty password does not give this /U
        objects.append(b"<< /Filter /Standard /V 1 /R 2 /O <" + b"ab" * 32 + b"> /U <" + b"cd" * 32 + b"> /P -44 >>")
        trailer = b" /Encrypt %d 0 R /ID [<%s><%s>]" % (len(objects), b"0f" * 16, b"0f" * 16)
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (n, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, trailer, xref)
    return bytes(out)


LEFT, EM, PER_LINE, PITCH = 90.0, 16.0, 26, 28.0
RIGHT = LEFT + PER_LINE * EM
CLOSING = "，。、；：！？）》”"


def typeset(paragraphs: list[tuple[str, str]], lines_per_page: int = 22, header: str = "",
            page_numbers: str = "- {} -") -> list[list[tuple[float, float, str, float]]]:
    """Lay paragraphs out as a word processor does: 26 characters of 16 pt to a line, a closing mark
    never opening a line, pages of 22 lines with an optional header and a page number below.
    A paragraph is (style, text): "title" (22 pt, centred), "indent" (two-character first-line
    indent), "flush" (no indent) or "right" (aligned right)."""
    lines: list[tuple[float, str, float]] = []  # (x, text, size)
    for style, text in paragraphs:
        if style == "title":
            lines.append((LEFT + (PER_LINE * EM - len(text) * 22) / 2, text, 22.0))
            continue
        if style == "right":
            lines.append((RIGHT - len(text) * EM, text, EM))
            continue
        room = PER_LINE - (2 if style == "indent" else 0)
        x = LEFT + (PER_LINE - room) * EM
        rest = text
        while rest:
            cut = min(room, len(rest))
            while cut < len(rest) and rest[cut] in CLOSING:  # kinsoku: the mark stays with its character
                cut -= 1
            lines.append((x, rest[:cut], EM))
            rest, room, x = rest[cut:], PER_LINE, LEFT
    pages = []
    for start in range(0, len(lines), lines_per_page):
        page = [(LEFT, 60.0, header, 10.5)] if header else []
        page += [(x, 100 + i * PITCH, text, size) for i, (x, text, size) in enumerate(lines[start:start + lines_per_page])]
        if page_numbers:
            number = page_numbers.format(start // lines_per_page + 1)
            page.append((LEFT + (PER_LINE * EM - len(number) * 8) / 2, 800.0, number, 14.0))
        pages.append(page)
    return pages


REPORT = [
    ("title", "关于开展2025年度自查的报告"),
    ("indent", "根据局党委的统一部署，支部认真开展了自查，对照要求逐项查摆问题，现将有关情况报告如下。"),
    ("flush", "一、存在的主要问题"),
    ("indent", "（一）学习不够深入。全年集中学习安排12次，实际开展9次，学习计划执行率不足八成，"
               "个别党员以工作忙为由请假，学用结合的问题仍然存在。"),
    ("indent", "（二）调查研究不够。支部确定的3个调研课题，实地走访只集中在城区的2个街道。"),
    ("flush", "二、问题产生的原因"),
    ("indent", "理论武装的自觉性有所减弱，对学习的重要性认识不够到位，把学习当作软任务，业务一忙就给工作让路。"),
    ("flush", "三、整改措施"),
    ("indent", "1.严格落实学习制度，每月至少安排1次集中学习，业务会议不得挤占，执行情况每季度通报。"
               "2.改进调研方式，每个支委带1个课题到乡镇蹲点调研，每年不少于5天。"),
    ("right", "中共某某局机关第一支部委员会"),
    ("right", "2025年12月15日"),
]


def _lines(pages: list[list[tuple[float, float, str, float]]]) -> list[list[Line]]:
    """The lines the PDF reader gets for these pages (what the child process would send)."""
    out = []
    for n, page in enumerate(pages):
        lines = []
        for x, y, text, size in sorted(page, key=lambda t: t[1]):
            closing = 1 + (len(text) > 1 and text[1] in CLOSING)
            lines.append(Line(n, x, x + len(text) * size, y, size, text, closing * size))
        out.append(lines)
    return out


# --- PDF: paragraphs rebuilt from line positions ------------------------------------------------


def test_paragraphs_are_rebuilt_from_line_ends_indents_and_labels():
    pages = typeset(REPORT, lines_per_page=8, header="中共某某局机关第一支部")
    assert len(pages) > 2  # paragraphs run across page breaks, under a header and over page numbers
    assert paragraphs_of(_lines(pages)) == [text for _, text in REPORT]


@pytest.mark.parametrize("number", ["- {} -", "— {} —", "第{}页", "第 {} 页 共 3 页", "{}"])
def test_page_numbers_in_every_form_are_not_content(number):
    pages = typeset(REPORT, lines_per_page=8, page_numbers=number)
    assert paragraphs_of(_lines(pages)) == [text for _, text in REPORT]


def test_a_line_that_ends_short_only_because_a_number_did_not_fit_goes_on():
    first = "支部先后组织集中学习研讨共计三次，通过发放了征求"  # 24 characters after the indent
    second = "意见表、召开座谈会等方式广泛征求意见，共收到建议"  # 24 characters: "2025" (2.4 em) did not fit in 2
    third = "2025条，已逐项整改。"
    assert len(first) == len(second) == 24
    lines = [Line(0, LEFT + 2 * EM, RIGHT, 100, EM, first, EM),
             Line(0, LEFT, LEFT + 24 * EM, 128, EM, second, EM),
             Line(0, LEFT, LEFT + 10 * EM, 156, EM, third, 2.4 * EM)]
    assert paragraphs_of([lines]) == [first + second + third]
    lines[2].lead = EM  # a character that would have fitted: the paragraph had ended
    assert paragraphs_of([lines]) == [first + second, third]


def test_table_columns_come_out_as_text():
    pages = [[(LEFT, 100, "序号", EM), (LEFT + 4 * EM, 100, "存在问题", EM), (LEFT + 12 * EM, 100, "整改时限", EM),
              (LEFT, 128, "1", EM), (LEFT + 4 * EM, 128, "学习不够深入", EM), (LEFT + 12 * EM, 128, "2026年3月", EM),
              (LEFT, 156, "以上问题逐项整改到位，做到件件有着落。", EM)]]
    source = read(build_pdf(pages), name="t.pdf")
    texts = [p.text for p in source.paragraphs]
    assert "序号" in texts[0] and "存在问题" in texts[0] and "整改时限" in texts[0]
    assert re.search(r"1\s+学习不够深入\s+2026年3月", "".join(texts))


def test_a_pdf_reads_into_paragraph_numbered_source_marked_converted():
    source = read(build_pdf(typeset(REPORT, lines_per_page=10, header="中共某某局机关第一支部")), name="report.pdf")
    assert source.format == "docx" and source.converted_from == "pdf"
    assert [p.text for p in source.paragraphs] == [text for _, text in REPORT]
    assert [p.line for p in source.paragraphs] == list(range(1, len(REPORT) + 1))
    doc = reportlint.parse(build_pdf(typeset(REPORT)), name="report.pdf")
    assert [(s.label, s.heading, s.role) for s in doc.sections] == [
        ("一、", "存在的主要问题", "problems"), ("二、", "问题产生的原因", "causes"), ("三、", "整改措施", "measures")]
    assert _outline(doc) == _outline(reportlint.parse_text("\n".join(text for _, text in REPORT)))


def test_a_diagonal_watermark_is_not_content():
    watermark = "内部资料".encode("utf-16-be").hex()
    data = build_pdf(typeset(REPORT), extra=f"BT /F1 40 Tf 0.7 0.7 -0.7 0.7 200 400 Tm <{watermark}> Tj ET")
    assert [p.text for p in read(data, name="w.pdf").paragraphs] == [text for _, text in REPORT]


# --- error kinds through the command line -------------------------------------------------------


def _odf(kind: str) -> bytes:
    """An OpenDocument package of this kind (text, spreadsheet…): its mimetype entry comes first."""
    from io import BytesIO

    out = BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), f"application/vnd.oasis.opendocument.{kind}")
        z.writestr("content.xml", "<office:document-content/>")
    return out.getvalue()


def _ole(*streams: str) -> bytes:
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(16) + b"\x3e\x00\x03\x00\xfe\xff\x09\x00"
    body = b"".join(name.encode("utf-16-le").ljust(64, b"\x00") + bytes(64) for name in streams)
    return header.ljust(512, b"\x00") + body + bytes(1024)


NO_SOFFICE = {"REPORTLINT_SOFFICE": "off"}
KINDS = {
    # kind: (file name, bytes, environment, words the message has after its reason)
    "empty": ("empty.docx", b"", {}, ""),
    "legacy-doc": ("old.doc", _ole("Root Entry", "WordDocument", "1Table"), NO_SOFFICE, "安装 LibreOffice"),
    "wps": ("old.wps", _ole("Root Entry", "WordDocument", "WpsCustomData"), NO_SOFFICE, "安装 LibreOffice"),
    "odt": ("report.odt", _odf("text"), NO_SOFFICE, "安装 LibreOffice"),
    "rtf": ("report.rtf", rb"{\rtf1\ansi\ansicpg936 \'d2\'bb}", NO_SOFFICE, "安装 LibreOffice"),
    "html": ("page.docx", b"<!DOCTYPE html><html><body>x</body></html>", {}, "另存为 .docx"),
    "mhtml": ("page.doc", b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=x\r\n", {}, "另存为 .docx"),
    "word-xml": ("report.xml", b'<?xml version="1.0"?><?mso-application progid="Word.Document"?>'
                 b'<pkg:package xmlns:pkg="http://schemas.microsoft.com/office/2006/xmlPackage"/>', {}, "另存为 .docx"),
    "pdf-no-text": ("scan.pdf", build_pdf([[], []], image=True), {}, "OCR"),
    "encrypted": ("locked.pdf", build_pdf([[(LEFT, 100, "关于开展自查的报告", 22)]], encrypt=True), {}, "密码"),
    "damaged": ("broken.pdf", build_pdf(typeset(REPORT))[:300], {}, "PDF"),
    "too-large": ("long.pdf", build_pdf(typeset(REPORT, lines_per_page=4)), {"REPORTLINT_MAX_PDF_PAGES": "2"},
                  "REPORTLINT_MAX_PDF_PAGES"),
    "unsafe": ("laughs.docx", None, {}, "DTD"),
    "binary": ("data.txt", bytes(range(256)) * 8, {}, ""),
    "encoding": ("latin.txt", "一、存在的问题".encode() + b"\xff\xfe\xff", {}, "--encoding"),
    "unsupported": ("sheet.ods", _odf("spreadsheet"), {}, "spreadsheet"),
    "timeout": ("slow.pdf", build_pdf(typeset(REPORT)), {"REPORTLINT_PDF_SECONDS": "0.001"}, "REPORTLINT_PDF_SECONDS"),
}


def _laughs() -> bytes:
    from docx_builders import with_part

    evil = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]><w:document '
            b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>')
    return with_part(docx_from_text("一、问题"), "word/document.xml", evil)


def check_json(*args: str, cwd: Path, env: dict[str, str] | None = None) -> tuple[int, dict, str]:
    proc = subprocess.run([sys.executable, "-m", "reportlint", "check", "--format", "json", *args], cwd=cwd,
                          capture_output=True, text=True, encoding="utf-8", env={**os.environ, **(env or {})},
                          timeout=300)
    return proc.returncode, json.loads(proc.stdout), proc.stderr


@pytest.mark.parametrize("kind", list(KINDS))
def test_each_error_kind_is_reported_with_a_chinese_message_and_the_others_are_checked(tmp_path, kind):
    name, data, env, words = KINDS[kind]
    bad = tmp_path / name
    bad.write_bytes(data if data is not None else _laughs())
    shutil.copy(CLEAN, tmp_path / "good.txt")
    status, result, stderr = check_json(name, "good.txt", cwd=tmp_path, env=env)
    assert status == 2, stderr
    files = {f["path"]: f for f in result["files"]}
    error = files[name]["error"]
    assert error["kind"] == kind, error
    assert error["message"].startswith(f"{name}: {READ_ERROR_KINDS[kind]}") and words in error["message"], error
    assert "\n" not in error["message"]
    assert files["good.txt"]["error"] is None and files["good.txt"]["findings"] is not None
    assert [ln for ln in stderr.splitlines() if ln.strip()] == [f"reportlint: {error['message']}"]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([name, "good.txt"])  # nothing written beside


def test_a_missing_file_is_not_found(tmp_path):
    status, result, _ = check_json("nope.docx", cwd=tmp_path)
    assert status == 2 and result["files"][0]["error"]["kind"] == "not-found"
    assert result["files"][0]["error"]["message"] == "nope.docx: 文件不存在"


def test_a_directory_a_fifo_and_a_file_without_permission(tmp_path):
    with pytest.raises(ReadError) as info:
        read(tmp_path)
    assert info.value.kind == "is-directory"
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(ReadError) as info:
        read(fifo)
    assert info.value.kind == "not-regular-file"
    if os.geteuid() != 0:  # root reads any file
        locked = tmp_path / "locked.txt"
        locked.write_text("一、问题", encoding="utf-8")
        locked.chmod(0)
        with pytest.raises(ReadError) as info:
            read(locked)
        assert info.value.kind == "permission-denied"


@pytest.mark.skipif(not SPEC.exists(), reason="needs ../shared/SPEC.md")
def test_every_kind_the_spec_names_is_in_the_table():
    section = SPEC.read_text(encoding="utf-8").split("### JSON (`check --format json`)")[1].split("###")[0]
    named = set(re.findall(r"`([a-z]+(?:-[a-z]+)*)`", section.split("`kind` is one of")[1].split("(add more")[0]))
    assert named and named <= set(READ_ERROR_KINDS)


@pytest.mark.parametrize(("data", "name", "kind"), [
    (_odf("text"), "report.docx", "odt"),  # an .odt renamed .docx is still an .odt
    (_ole("Root Entry", "WordDocument", "1Table"), "report.docx", "doc"),
    (_ole("Root Entry", "WordDocument", "WpsCustomData"), "report.doc", "wps"),
    (_ole("Root Entry", "CONTENTS"), "works.wps", "wps"),
    (rb"{\rtf1\ansi hello}", "report.doc", "rtf"),
    (b"\r\n%PDF-1.7\n", "report.docx", "pdf"),
    (docx_from_text("一、问题"), "report.odt", "docx"),
])
def test_the_kind_of_file_is_decided_by_its_bytes(data, name, kind):
    assert sniff(data, name) == kind


def test_an_office_97_file_that_is_not_word_and_an_encrypted_word_file(tmp_path):
    with pytest.raises(ReadError) as info:
        sniff(_ole("Root Entry", "Workbook"), "book.xls")
    assert info.value.kind == "unsupported"
    with pytest.raises(ReadError) as info:
        sniff(_ole("Root Entry", "EncryptionInfo", "EncryptedPackage"), "locked.docx")
    assert info.value.kind == "encrypted"


# --- LibreOffice conversions --------------------------------------------------------------------


def _outline(doc: reportlint.Document) -> list:
    """Parts, sections and items: what must survive any conversion."""
    def walk(s):
        return (s.label, s.heading, s.role, [(i.label, i.number) for i in s.items], [walk(c) for c in s.children])
    return [doc.title, [walk(s) for s in doc.sections]]


def _soffice_convert(source: Path, fmt: str, out: Path) -> Path:
    """`source` converted to `fmt` by LibreOffice (as a user would, outside reportlint)."""
    profile = (out / "profile").as_uri()
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", fmt,
                    "--outdir", str(out), str(source)], capture_output=True, timeout=180, check=True)
    result = out / f"{source.stem}.{fmt.split(':')[0]}"
    assert result.is_file(), f"LibreOffice did not write {result}"
    return result


@pytest.fixture(scope="module")
def converted(tmp_path_factory) -> dict[str, Path]:
    """The clean example as DOCX (python-docx), and LibreOffice's .doc, .odt, .rtf of it, in a folder
    of their own; a .doc saved under a .wps name stands for a WPS file (WPS Writer's .wps is a Word
    97-2003 binary with WPS streams)."""
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui")
    work = tmp_path_factory.mktemp("convert")
    docx = work / "clean.docx"
    docx.write_bytes(docx_from_text(CLEAN.read_text(encoding="utf-8")))
    inputs = tmp_path_factory.mktemp("inputs")
    files = {"docx": docx}
    for fmt in ("doc", "odt", "rtf"):
        files[fmt] = Path(shutil.copy(_soffice_convert(docx, fmt, work), inputs / f"clean.{fmt}"))
    files["wps"] = Path(shutil.copy(files["doc"], inputs / "clean.wps"))
    return files


@needs_soffice
@pytest.mark.parametrize("fmt", ["doc", "wps", "odt", "rtf"])
def test_converted_files_have_the_docx_tree_and_say_what_they_were(converted, fmt, tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # where the private directory and profile go
    expected = _outline(reportlint.parse(converted["docx"]))
    before = sorted(os.listdir(converted[fmt].parent))
    source = read(converted[fmt])
    assert source.converted_from == fmt and source.format == "docx"
    assert _outline(reportlint.parse(converted[fmt])) == expected
    assert sorted(os.listdir(converted[fmt].parent)) == before  # nothing written next to the input
    assert os.listdir(tmp_path) == []  # the temporary directory and profile are gone


@needs_soffice
def test_a_doc_named_docx_is_converted(converted, tmp_path):
    renamed = Path(shutil.copy(converted["doc"], tmp_path / "report.docx"))
    assert read(renamed).converted_from == "doc"


@needs_soffice
def test_converted_files_are_checked_beside_the_others(converted, tmp_path):
    for fmt in ("doc", "odt", "rtf", "wps"):
        shutil.copy(converted[fmt], tmp_path)
    shutil.copy(CLEAN, tmp_path / "clean.txt")
    names = ["clean.doc", "clean.odt", "clean.rtf", "clean.wps", "clean.txt"]
    status, result, stderr = check_json("--jobs", "2", *names, cwd=tmp_path)
    assert status in (0, 1), stderr
    findings = {f["path"]: [(x["code"], x["section"]) for x in f["findings"]] for f in result["files"]}
    assert all(f["error"] is None for f in result["files"])
    text = [x for x in findings["clean.txt"] if not x[0].startswith("RL4")]
    for name in names[:4]:  # the same content findings as the text; DOCX format rules may add more
        assert [x for x in findings[name] if not x[0].startswith("RL4")] == text, name


@needs_soffice
def test_a_conversion_past_its_time_limit_is_stopped(converted, tmp_path):
    shutil.copy(converted["odt"], tmp_path / "slow.odt")
    env = {"REPORTLINT_CONVERT_SECONDS": "0.2", "TMPDIR": str(tmp_path / "tmp")}
    (tmp_path / "tmp").mkdir()
    status, result, _ = check_json("slow.odt", cwd=tmp_path, env=env)
    assert status == 2
    error = result["files"][0]["error"]
    assert error["kind"] == "timeout" and "REPORTLINT_CONVERT_SECONDS" in error["message"]
    assert os.listdir(tmp_path / "tmp") == []
    left = subprocess.run(["pgrep", "-f", str(tmp_path)], capture_output=True, text=True).stdout
    assert not left.strip(), f"LibreOffice still running: {left}"


@needs_soffice
def test_a_file_libreoffice_cannot_read_is_conversion_failed(tmp_path):
    (tmp_path / "fake.doc").write_bytes(_ole("Root Entry", "WordDocument", "1Table"))
    status, result, _ = check_json("fake.doc", cwd=tmp_path)
    assert status == 2 and result["files"][0]["error"]["kind"] == "conversion-failed"
    assert "LibreOffice" in result["files"][0]["error"]["message"]


@needs_soffice
def test_a_word_file_with_an_open_password_is_encrypted(converted, tmp_path):
    data = bytearray(converted["doc"].read_bytes())
    fib = data.index(b"\xec\xa5", 512)  # the FIB opens the WordDocument stream ([MS-DOC] 2.5.2)
    while fib % 512:
        fib = data.index(b"\xec\xa5", fib + 1)
    data[fib + 11] |= 0x01  # fEncrypted
    (tmp_path / "locked.doc").write_bytes(bytes(data))
    with pytest.raises(ReadError) as info:
        read(tmp_path / "locked.doc")
    assert info.value.kind == "encrypted"


@needs_soffice_and_cjk_font
@pytest.mark.parametrize("source", ["typed", "auto-numbered", "member-2023-speech"])
def test_a_pdf_of_a_report_has_the_outline_of_its_docx(source, tmp_path):
    """Golden outline: the PDF LibreOffice prints of a report has the DOCX's parts, sections and
    items (member-2023-speech is laid out per GB/T 9704: first-line indents, page numbers — 1 —)."""
    docx = tmp_path / "report.docx"
    if source == "member-2023-speech":
        shutil.copy(SPEECH_DOCX, docx)
    else:
        docx.write_bytes(docx_from_text(CLEAN.read_text(encoding="utf-8"), auto_numbering=source == "auto-numbered"))
    pdf = _soffice_convert(docx, "pdf", tmp_path)
    doc = reportlint.parse(pdf)
    assert doc.source.converted_from == "pdf"
    assert _outline(doc) == _outline(reportlint.parse(docx))


def test_the_readme_lists_every_kind_of_unreadable_file() -> None:
    """Programs branch on the kind: every kind reportlint can give is documented with its reason."""
    from reportlint.errors import READ_ERROR_KINDS

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    for kind, reason in READ_ERROR_KINDS.items():
        assert f"| `{kind}` | {reason} |" in readme, kind
