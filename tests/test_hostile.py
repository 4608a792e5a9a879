"""Hostile and broken input through the command line: each file gets one line on stderr naming it
and what is wrong, exit status 2, in a few seconds and bounded memory, while the other files of the
same run are still linted. The tests build every file themselves. And nothing reportlint does ever
writes to an input file.

Time and memory are those of the `reportlint` process alone: a small launcher forks and execs it
and reads its resource usage (`ru_maxrss`), so the test runner's own memory does not count.
"""

from __future__ import annotations

import io
import json
import os
import random
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from docx_builders import (
    REPORT_LEVELS,
    abstract_id_of,
    add_numbering,
    docx_from_text,
    new_document,
    set_num_pr,
    to_bytes,
    with_part,
)

ROOT = Path(__file__).resolve().parents[1]
CLEAN = ROOT / "examples" / "branch-2025-clean.txt"
MAX_SECONDS = 10.0
MAX_RSS_MB = 500.0

_LAUNCHER = r"""
import json, os, sys, time
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    os.execv(sys.executable, [sys.executable, "-m", "reportlint", *sys.argv[1:]])
_, status, usage = os.wait4(pid, 0)
sys.stdout.flush()
print("\n@@run " + json.dumps({"rc": os.waitstatus_to_exitcode(status), "seconds": time.perf_counter() - start,
                               "rss_mb": usage.ru_maxrss / 1024}))
"""


class Run:
    def __init__(self, proc: subprocess.CompletedProcess):
        out, _, stats = proc.stdout.rpartition("@@run ")
        self.stdout = out
        self.stderr = proc.stderr
        info = json.loads(stats)
        self.rc, self.seconds, self.rss_mb = info["rc"], info["seconds"], info["rss_mb"]


def reportlint(*args: str, cwd: Path, env: dict[str, str] | None = None) -> Run:
    full_env = {**os.environ, **(env or {})}
    proc = subprocess.run([sys.executable, "-c", _LAUNCHER, *args], cwd=cwd, capture_output=True, text=True,
                          encoding="utf-8", errors="replace", env=full_env, timeout=120)
    return Run(proc)


# --- building hostile files ---------------------------------------------------------------------

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
REPORT_TEXT = CLEAN.read_text(encoding="utf-8")


def good_docx() -> bytes:
    return docx_from_text(REPORT_TEXT)


def _ole(*streams: str) -> bytes:
    """A compound-file (OLE) header followed by directory entry names, as Word/WPS write them."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(16) + b"\x3e\x00\x03\x00\xfe\xff\x09\x00"
    body = b"".join(name.encode("utf-16-le").ljust(64, b"\x00") + bytes(64) for name in streams)
    return header.ljust(512, b"\x00") + body + bytes(1024)


def _document_xml(body: str, doctype: str = "") -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{doctype}'
            f'<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>').encode()


BILLION_LAUGHS = _document_xml(
    "<w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>",
    '<!DOCTYPE w:document [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
    + "]>",
)
EXTERNAL_ENTITY = _document_xml(
    "<w:p><w:r><w:t>一、问题&xxe;</w:t></w:r></w:p>",
    '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
)


def zip_bomb(path: Path, inflated: int = 1100 * 1024 * 1024) -> None:
    """A real .docx whose word/document.xml inflates to `inflated` bytes (about 1.1 MB on disk per
    GB): every other part is a valid document's, the XML is written streamed in 8 MiB chunks."""
    src = zipfile.ZipFile(io.BytesIO(good_docx()))
    head = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>'.encode()
    tail = b"</w:t></w:r></w:p></w:body></w:document>"
    chunk = "啊".encode() * (2 << 20)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for info in src.infolist():
            if info.filename != "word/document.xml":
                z.writestr(info, src.read(info))
        with z.open("word/document.xml", "w", force_zip64=True) as fh:
            fh.write(head)
            written = 0
            while written < inflated:
                fh.write(chunk)
                written += len(chunk)
            fh.write(tail)


def _package(parts: dict[str, bytes], level: int = 9) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return out.getvalue()


def _ratio_bomb() -> bytes:
    """A 40 MiB part (under the per-part limit) that compresses over a thousand times."""
    data = good_docx()
    src = zipfile.ZipFile(io.BytesIO(data))
    parts = {i.filename: src.read(i) for i in src.infolist()}
    parts["word/document.xml"] = _document_xml("<w:p><w:r><w:t>" + "啊" * (14 << 20) + "</w:t></w:r></w:p>")
    return _package(parts)


def _many_entries() -> bytes:
    src = zipfile.ZipFile(io.BytesIO(good_docx()))
    parts = {i.filename: src.read(i) for i in src.infolist()}
    parts.update({f"customXml/item{n}.xml": b"<a/>" for n in range(6000)})
    return _package(parts, level=1)


def _nested_tables(depth: int) -> bytes:
    data = good_docx()
    body = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    nest = "<w:tbl><w:tr><w:tc>" * depth + "<w:p/>" + "</w:tc></w:tr></w:tbl>" * depth
    return with_part(data, "word/document.xml", body.replace("<w:body>", "<w:body>" + nest, 1).encode())


def _without_main_relationship() -> bytes:
    rels = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>')
    return with_part(good_docx(), "_rels/.rels", rels)


CASES = {
    # name: (file name, builder, error kind, words the one-line error must contain)
    "empty": ("empty.docx", lambda: b"", "empty", "文件为空"),
    "empty text": ("empty.txt", lambda: b"", "empty", "文件为空"),
    "random bytes": ("random.docx", lambda: random.Random(6).randbytes(64 * 1024), "binary", "也不是 .docx"),
    "truncated": ("truncated.docx", lambda: good_docx()[: len(good_docx()) * 2 // 3], "damaged", "损坏"),
    "html": ("page.docx", lambda: "<!DOCTYPE html><html><head><meta charset='utf-8'></head><body><p>一、存在的问题</p>"
             "</body></html>".encode(), "html", "HTML"),
    "rtf": ("saved.docx", lambda: rb"{\rtf1\ansi\ansicpg936\deff0{\fonttbl{\f0 SimSun;}}\f0 \'d2\'bb\'a1\'a2}", "rtf",
            "安装 LibreOffice"),
    "encrypted": ("locked.docx", lambda: _ole("Root Entry", "EncryptionInfo", "EncryptedPackage"), "encrypted", "密码"),
    "legacy doc": ("old.doc", lambda: _ole("Root Entry", "WordDocument", "1Table", "SummaryInformation"), "legacy-doc",
                   "请另存为 .docx"),
    "legacy doc named docx": ("old.docx", lambda: _ole("Root Entry", "WordDocument", "1Table"), "legacy-doc", "请另存为 .docx"),
    "wps": ("wps.docx", lambda: _ole("Root Entry", "WordDocument", "WpsCustomData"), "wps", "请另存为 .docx"),
    "no main part": ("nomain.docx", lambda: with_part(good_docx(), "word/document.xml", None), "damaged", "主文档部件"),
    "no main relationship": ("norel.docx", _without_main_relationship, "unsupported", "主文档部件"),
    "billion laughs": ("laughs.docx", lambda: with_part(good_docx(), "word/document.xml", BILLION_LAUGHS), "unsafe", "DTD"),
    "external entity": ("xxe.docx", lambda: with_part(good_docx(), "word/document.xml", EXTERNAL_ENTITY), "unsafe", "DTD"),
    # found before parsing in any encoding, not only UTF-8 and UTF-16 with a BOM
    "billion laughs in UTF-16 without BOM": ("laughs16.docx", lambda: with_part(
        good_docx(), "word/document.xml", BILLION_LAUGHS.replace(b"UTF-8", b"UTF-16LE").decode().encode("utf-16-le")),
        "unsafe", "DTD"),
    "billion laughs in UTF-32": ("laughs32.docx", lambda: with_part(
        good_docx(), "word/document.xml", BILLION_LAUGHS.replace(b"UTF-8", b"UTF-32").decode().encode("utf-32")),
        "unsafe", "DTD"),
    "binary named txt": ("binary.txt", lambda: random.Random(7).randbytes(32 * 1024), "binary", "二进制文件"),
    "ratio bomb": ("ratio.docx", _ratio_bomb, "unsafe", "zip 炸弹"),
    "too many entries": ("entries.docx", _many_entries, "unsafe", "REPORTLINT_MAX_ZIP_ENTRIES"),
    # a paragraph per line: 20 MiB of newlines used to cost 3.5 GB and 15 s
    "a million empty lines": ("lines.txt", lambda: b"\n" * 1_000_000, "too-large", "REPORTLINT_MAX_PARAGRAPHS"),
    "a million CR line ends": ("cr.txt", lambda: "一、\r".encode() * 1_000_000, "too-large", "REPORTLINT_MAX_PARAGRAPHS"),
    # libxml2 stops at 256 levels; the message says so in the reader's words, not the library's
    "tables nested 300 deep": ("deep.docx", lambda: _nested_tables(300), "unsafe", "嵌套超过 256 层"),
}


@pytest.fixture(scope="session")
def bomb(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("bomb") / "bomb.docx"
    zip_bomb(path)
    return path


def _check_one(folder: Path, bad: Path, kind: str, reason: str, env: dict[str, str] | None = None) -> Run:
    good = folder / "good.txt"
    shutil.copy(CLEAN, good)
    # the formats LibreOffice converts get the error of a machine without it (tests/test_inputs.py
    # converts them when it is installed)
    env = {"REPORTLINT_SOFFICE": "off", **(env or {})}
    run = reportlint("check", "--format", "json", str(bad), str(good), cwd=folder, env=env)
    assert run.rc == 2, (run.stderr, run.stdout[:500])
    lines = [ln for ln in run.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, run.stderr
    assert bad.name in lines[0] and reason.lower() in lines[0].lower(), lines[0]
    assert "Traceback" not in run.stderr
    files = {Path(f["path"]).name: f for f in json.loads(run.stdout)["files"]}
    assert files[bad.name]["error"]["kind"] == kind, files[bad.name]["error"]
    assert not files[bad.name]["findings"]
    assert files["good.txt"]["error"] is None and files["good.txt"]["format"] == "text"
    assert run.seconds < MAX_SECONDS, run.seconds
    assert run.rss_mb < MAX_RSS_MB, run.rss_mb
    return run


@pytest.mark.parametrize("case", list(CASES))
def test_hostile_file_gets_one_line_exit_2_and_the_others_are_linted(tmp_path, case):
    name, build, kind, reason = CASES[case]
    bad = tmp_path / name
    bad.write_bytes(build())
    _check_one(tmp_path, bad, kind, reason)


def test_zip_bomb_is_refused_from_the_zip_directory(tmp_path, bomb):
    size = bomb.stat().st_size
    assert size < 2_000_000
    assert sum(i.file_size for i in zipfile.ZipFile(bomb).infolist()) > 2**30
    run = _check_one(tmp_path, bomb, "unsafe", "REPORTLINT_MAX_PART_MB")
    assert run.seconds < 5 and run.rss_mb < 200  # nothing was inflated


def test_15_mb_single_line_text_is_refused_with_the_limit(tmp_path):
    line = REPORT_TEXT.replace("\n", "")
    big = tmp_path / "one-line.txt"
    big.write_text(line * (15_000_000 // len(line.encode()) + 1), encoding="utf-8")
    assert big.stat().st_size > 15_000_000
    run = _check_one(tmp_path, big, "too-large", "REPORTLINT_MAX_LINE_CHARS")
    assert run.seconds < 5


def test_15_mb_single_line_text_is_linted_in_seconds_when_allowed(tmp_path):
    line = REPORT_TEXT.replace("\n", "")
    big = tmp_path / "one-line.txt"
    big.write_text(line * (15_000_000 // len(line.encode()) + 1), encoding="utf-8")
    unlimited = {name: "0" for name in ("REPORTLINT_MAX_LINE_CHARS", "REPORTLINT_MAX_CHARS", "REPORTLINT_MAX_ITEMS",
                                        "REPORTLINT_MAX_PAIRS", "REPORTLINT_FILE_SECONDS")}
    run = reportlint("check", "--format", "json", str(big), cwd=tmp_path, env=unlimited)
    assert run.rc in (0, 1), run.stderr
    (result,) = json.loads(run.stdout)["files"]
    assert result["error"] is None and result["findings"]
    assert run.seconds < 30, run.seconds
    assert run.rss_mb < 1000, run.rss_mb


@pytest.mark.parametrize(("variable", "value", "name", "build", "kind"), [
    ("REPORTLINT_MAX_INPUT_MB", "0.05", "big.txt", lambda: REPORT_TEXT.encode() * 10, "too-large"),
    ("REPORTLINT_MAX_TEXT_MB", "0.05", "big.txt", lambda: REPORT_TEXT.encode() * 10, "too-large"),
    ("REPORTLINT_MAX_ZIP_ENTRIES", "10", "report.docx", good_docx, "unsafe"),
    ("REPORTLINT_MAX_PART_MB", "0.01", "report.docx", good_docx, "unsafe"),
    ("REPORTLINT_MAX_TOTAL_MB", "0.05", "report.docx", good_docx, "unsafe"),
    # twice the report against a limit the once-only good.txt is under
    ("REPORTLINT_MAX_PARAGRAPHS", "50", "twice.docx", lambda: docx_from_text(REPORT_TEXT * 2), "too-large"),
    ("REPORTLINT_MAX_PARAGRAPHS", "50", "twice.txt", lambda: REPORT_TEXT.encode() * 2, "too-large"),
])
def test_limits_are_configurable(tmp_path, variable, value, name, build, kind):
    """The refusal names the variable that changes the limit."""
    bad = tmp_path / name
    bad.write_bytes(build())
    _check_one(tmp_path, bad, kind, variable, env={variable: value})
    # and without the variable the same file is fine
    run = reportlint("check", "--format", "json", str(bad), cwd=tmp_path)
    assert run.rc in (0, 1), run.stderr


def test_a_directory_of_hostile_files_still_lints_the_good_ones(tmp_path, bomb):
    folder = tmp_path / "reports"
    folder.mkdir()
    for name, build, _, _ in CASES.values():
        if name.endswith((".docx", ".txt")):
            (folder / name).write_bytes(build())
    shutil.copy(bomb, folder / "bomb.docx")
    shutil.copy(CLEAN, folder / "clean.txt")
    (folder / "clean.docx").write_bytes(good_docx())
    run = reportlint("check", "--format", "json", "--jobs", "2", str(folder), cwd=tmp_path,
                     env={"REPORTLINT_SOFFICE": "off"})
    assert run.rc == 2
    files = {Path(f["path"]).name: f for f in json.loads(run.stdout)["files"]}
    assert files["clean.txt"]["error"] is None and files["clean.docx"]["error"] is None
    bad = [n for n, f in files.items() if f["error"]]
    assert len(bad) == len(files) - 2
    assert len([ln for ln in run.stderr.splitlines() if ln.strip()]) == len(bad)
    assert run.seconds < 2 * MAX_SECONDS


def _main_target(target: str) -> bytes:
    rels = zipfile.ZipFile(io.BytesIO(good_docx())).read("_rels/.rels")
    return with_part(good_docx(), "_rels/.rels", rels.replace(b'Target="word/document.xml"', f'Target="{target}"'.encode()))


@pytest.mark.parametrize(("build", "kind", "reason"), [
    (lambda: _main_target("word/doc&#10;ument.xml"), "damaged", "缺少主文档部件 word/doc\\nument.xml"),
    (lambda: _main_target("a" * 100_000), "damaged", "缺少主文档部件 aaaa"),
    (lambda: with_part(good_docx(), "word/web\nSettings.xml", b"<!DOCTYPE x><x/>"), "unsafe",
     "word/web\\nSettings.xml 含有 DTD"),
], ids=["line break in the main target", "100 000-character target", "line break in an entry name"])
def test_a_part_name_from_the_package_is_shown_on_one_short_line(tmp_path, build, kind, reason):
    """Part names and targets come from the package: a line break in one split the error line in
    two, a 100 000-character target made a 100 kB line."""
    bad = tmp_path / "names.docx"
    bad.write_bytes(build())
    run = _check_one(tmp_path, bad, kind, reason)
    assert len(run.stderr.strip()) < 300, run.stderr


def test_a_file_name_that_is_not_utf8_is_shown_escaped_not_a_traceback(tmp_path):
    """GBK file names unpacked from a Windows zip reach Python as surrogate escapes. With a strict
    UTF-8 stdout (zh_CN.UTF-8) every format ended in a traceback, SARIF and -o in any locale."""
    name = os.fsdecode("中文.txt".encode("gbk"))
    try:
        shutil.copy(ROOT / "examples" / "leader-2024-defects.txt", tmp_path / name)
    except (OSError, UnicodeError):
        pytest.skip("this file system takes UTF-8 names only")
    strict = {"PYTHONIOENCODING": "utf-8:strict"}
    for fmt in ("text", "json", "sarif", "junit", "html", "github"):
        run = reportlint("check", "--no-cache", "--format", fmt, name, cwd=tmp_path, env=strict)
        assert run.rc in (0, 1) and "Traceback" not in run.stderr, (fmt, run.stderr)
        if fmt == "json":  # \udcd6 in JSON reads back as the very name
            assert json.loads(run.stdout)["files"][0]["path"] == name
        if fmt == "sarif":
            assert "%D6%D0%CE%C4.txt" in run.stdout
    run = reportlint("check", "--no-cache", "--format", "json", "-o", "r.json", name, cwd=tmp_path)
    assert run.rc in (0, 1) and json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["files"][0]["path"] == name
    run = reportlint("profile", "init", name, "-o", "p.toml", cwd=tmp_path, env=strict)
    assert run.rc == 0 and "Traceback" not in run.stderr, run.stderr
    assert reportlint("profile", "show", "p.toml", cwd=tmp_path).rc == 0


# --- absurd values Word numbering may hold --------------------------------------------------------


def _numbering_jump(start: int) -> bytes:
    """一、 （一） then a （…） whose w:startOverride is `start`: Word shows it, RL105 sees a gap."""
    doc = new_document()
    num_id = add_numbering(doc, REPORT_LEVELS)
    jump = add_numbering(doc, REPORT_LEVELS, {1: start}, abstract_id=abstract_id_of(doc, num_id))
    for text, num, ilvl in [("存在的问题", num_id, 0), ("学习方面", num_id, 1), ("作风方面", jump, 1)]:
        set_num_pr(doc.add_paragraph(text)._p, num, ilvl)
    return to_bytes(doc)


def test_a_numbering_gap_of_two_billion_is_one_short_finding(tmp_path):
    """The gap used to be listed number by number: 2 147 483 645 numbers, gigabytes of memory."""
    report = tmp_path / "jump.docx"
    report.write_bytes(_numbering_jump(2147483647))
    run = reportlint("check", "--no-cache", "--format", "json", "--select", "RL105", str(report), cwd=tmp_path)
    assert run.rc == 1, run.stderr
    (finding,) = json.loads(run.stdout)["files"][0]["findings"]
    assert finding["message"] == "编号跳号：“（二一四七四八三六四七）”之前缺少第2至2147483646项"
    assert run.seconds < MAX_SECONDS and run.rss_mb < MAX_RSS_MB, (run.seconds, run.rss_mb)


@pytest.mark.parametrize("char", ["D800", "FFFFFFFF", "zz", ""])
def test_a_symbol_that_names_no_character_is_left_out(tmp_path, char):
    """w:sym w:char="D800" used to put a lone surrogate in the text (a traceback when the output
    was encoded); "FFFFFFFF" stopped the read with an OverflowError."""
    body = (f'<w:p><w:r><w:t>一、存在的问题</w:t></w:r></w:p><w:p><w:r><w:t>一是学习</w:t>'
            f'<w:sym w:font="Wingdings" w:char="{char}"/><w:t>不够</w:t></w:r></w:p>')
    report = tmp_path / "sym.docx"
    report.write_bytes(with_part(good_docx(), "word/document.xml", _document_xml(body)))
    for fmt in ("json", "text"):
        run = reportlint("check", "--no-cache", "--format", fmt, str(report), cwd=tmp_path)
        assert run.rc == 1 and "Traceback" not in run.stderr, run.stderr
    run = reportlint("tree", "--format", "json", str(report), cwd=tmp_path)
    assert run.rc == 0 and json.loads(run.stdout)["sections"][0]["items"][0]["text"].startswith("学习不够")


def test_fix_and_annotate_name_the_file_python_docx_cannot_open(tmp_path):
    """The reader ignores a relationship to a missing part; python-docx, which fix and annotate
    edit with, does not: the error said "cannot edit this .docx" without saying which file."""
    broken = with_part(docx_from_text("标题\n一、问题\n（一）甲\n（三）乙\n二、原因\n三、措施"), "docProps/core.xml", None)
    report = tmp_path / "no-core.docx"
    report.write_bytes(broken)
    for cmd in (["fix", str(report), "-o", str(tmp_path / "fixed.docx")],
                ["annotate", str(report), "-o", str(tmp_path / "annotated.docx")]):
        run = reportlint(*cmd, cwd=tmp_path)
        lines = [ln for ln in run.stderr.splitlines() if ln.strip()]
        assert run.rc == 2 and len(lines) == 1 and "Traceback" not in run.stderr, run.stderr
        assert report.name in lines[0] and "docProps/core.xml" in lines[0], lines[0]


def test_fix_and_annotate_write_no_package_with_a_duplicate_entry(tmp_path):
    """A relationship targeting [Content_Types].xml made python-docx write that entry twice: a
    warning on stderr and a damaged copy. Now it is one line naming the file, and no copy."""
    data = docx_from_text("标题\n一、问题\n（一）甲\n（三）乙\n二、原因\n三、措施")
    rels = zipfile.ZipFile(io.BytesIO(data)).read("_rels/.rels").replace(b'Target="docProps/core.xml"',
                                                                       b'Target="[Content_Types].xml"')
    report = tmp_path / "dup.docx"
    report.write_bytes(with_part(data, "_rels/.rels", rels))
    for cmd, out in (("fix", tmp_path / "fixed.docx"), ("annotate", tmp_path / "annotated.docx")):
        run = reportlint(cmd, str(report), "-o", str(out), cwd=tmp_path)
        lines = [ln for ln in run.stderr.splitlines() if ln.strip()]
        assert run.rc == 2 and len(lines) == 1 and "Traceback" not in run.stderr, run.stderr
        assert report.name in lines[0] and "Duplicate name" in lines[0], lines[0]
        assert not out.exists()


# --- nothing writes to an input -----------------------------------------------------------------


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_no_command_writes_to_an_input_file(tmp_path):
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    shutil.copy(CLEAN, inputs / "clean.txt")
    shutil.copy(ROOT / "examples" / "leader-2024-defects.txt", inputs / "defects.txt")
    (inputs / "report.docx").write_bytes(docx_from_text((ROOT / "examples" / "leader-2024-defects.txt")
                                                        .read_text(encoding="utf-8")))
    (inputs / "broken.docx").write_bytes(good_docx()[:5000])
    out = tmp_path / "out"
    out.mkdir()
    before = _snapshot(inputs)
    commands = [
        ["check", str(inputs)],
        ["check", "--jobs", "2", str(inputs)],
        ["check", "--format", "json", "-o", str(out / "r.json"), str(inputs)],
        ["check", "--format", "sarif", "-o", str(out / "r.sarif"), str(inputs)],
        ["check", "--format", "html", "-o", str(out / "r.html"), str(inputs)],
        ["check", "--annotate", str(out / "annotated"), str(inputs)],
        ["tree", str(inputs / "report.docx")],
        ["tree", "--format", "json", str(inputs / "defects.txt")],
        ["map", str(inputs / "defects.txt")],
        ["map", "--format", "html", str(inputs / "report.docx")],
        ["annotate", str(inputs / "report.docx"), "-o", str(out / "annotated.docx")],
        ["fix", str(inputs / "defects.txt"), "-o", str(out / "fixed.txt")],
        ["fix", str(inputs / "report.docx"), "-o", str(out / "fixed.docx")],
        ["profile", "init", str(inputs / "clean.txt"), "-o", str(out / "profile.toml")],
        # asked to write over an input: refused
        ["check", "-o", str(inputs / "defects.txt"), str(inputs / "defects.txt")],
        ["annotate", str(inputs / "report.docx"), "-o", str(inputs / "report.docx")],
        ["fix", str(inputs / "defects.txt"), "-o", str(inputs / "defects.txt")],
    ]
    for cmd in commands:
        run = reportlint(*cmd, cwd=tmp_path)
        assert "Traceback" not in run.stderr, (cmd, run.stderr)
        assert _snapshot(inputs) == before, cmd
    assert (out / "r.json").is_file() and (out / "annotated.docx").is_file()
    assert not list(out.glob(".*.tmp")) and not list(inputs.glob(".*.tmp"))


def test_an_interrupted_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    from reportlint import output

    target = tmp_path / "report.json"
    target.write_text("old", encoding="utf-8")

    def boom(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(output.os, "replace", boom)
    with pytest.raises(KeyboardInterrupt):
        output.write_atomic(target, "new" * 1000)
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


# --- long lines: nothing quadratic, no regex that backtracks at every character ---------------

LONG_LINE_PIECES = {
    "digits": "1", "spaces after a digit": "1" + " " * 50, "numerals": "二", "han": "学习", "han with dots": "学.",
    "stray spaces": "学 习", "emphasis": "*学习", "repeated phrase": "用公款", "digits and years": "12年",
    "labels": "一、", "paren labels": "（一）", "inline items": "1.", "shi items": "一是", "placeholders": "X中X会",
    "masks": "××", "year masks": "20XX年", "blanks": "_", "dashes": "学--习", "pinyin": "zuzhi ", "gloss": "学(xue)",
    "toc leaders": "……", "commas": "，", "periods": "。", "quotes": "“", "brackets": "【", "mixed": "一、学习（一）1.2.",
}


def test_long_lines_of_every_kind_are_linted_in_seconds(tmp_path):
    folder = tmp_path / "long"
    folder.mkdir()
    for n, (name, piece) in enumerate(LONG_LINE_PIECES.items()):
        body = piece * (200_000 // len(piece))
        (folder / f"{n:02d}.txt").write_text(f"一、存在的问题\n（一）{name}\n{body}\n二、原因\n三、措施\n", encoding="utf-8")
    run = reportlint("check", "--format", "json", "--jobs", "1", str(folder), cwd=tmp_path)
    files = json.loads(run.stdout)["files"]
    assert len(files) == len(LONG_LINE_PIECES)
    assert all(f["error"] is None for f in files), [f["error"] for f in files if f["error"]]
    # 26 lines of 200 000 characters: about 0.3 s each when linear; minutes each when quadratic
    assert run.seconds < 60, run.seconds
    assert run.rss_mb < MAX_RSS_MB, run.rss_mb


def test_findings_per_rule_are_capped(tmp_path):
    from reportlint import parse_text
    from reportlint.engine import lint
    from reportlint.limits import LIMITS

    doc = parse_text("一、存在的问题\n（一）学习\n" + "学." * 5000 + "\n")
    findings = lint(doc)
    by_rule: dict[str, int] = {}
    for f in findings:
        by_rule[f.rule] = by_rule.get(f.rule, 0) + 1
    assert max(by_rule.values()) <= LIMITS.findings_per_rule + 1
    assert any("not listed" in f.message and f.severity.name == "INFO" for f in findings)


def test_atomic_output_gets_a_normal_mode_not_mkstemps_private_one(tmp_path):
    from reportlint import output

    new = tmp_path / "new.json"
    output.write_atomic(new, "{}")
    umask = os.umask(0)
    os.umask(umask)
    assert new.stat().st_mode & 0o777 == 0o666 & ~umask
    old = tmp_path / "old.json"
    old.write_text("x", encoding="utf-8")
    old.chmod(0o640)
    output.write_atomic(old, "{}")
    assert old.stat().st_mode & 0o777 == 0o640
