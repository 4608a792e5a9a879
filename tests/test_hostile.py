"""Hostile and broken input through the command line: each file gets one line on stderr naming it
and what is wrong, exit status 2, in a few seconds and bounded memory, while the other files of the
same run are still linted. The tests build every file themselves. And nothing reportlint does ever
writes to an input file.

Time and memory are those of the `reportlint` process alone: a small launcher forks and execs it
and reads its resource usage (`ru_maxrss`), so the test runner's own memory does not count.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
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

from reportlint.labels import chinese_number

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


def _package(parts: dict[str, bytes], level: int = 9, stored: bool = False) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED, compresslevel=level) as z:
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


def _check_built(folder: Path, name: str, build, kind: str, reason: str) -> Run:
    """_check_one on the file `build` makes, written as `name`."""
    bad = folder / name
    bad.write_bytes(build())
    return _check_one(folder, bad, kind, reason)


@pytest.mark.parametrize("case", list(CASES))
def test_hostile_file_gets_one_line_exit_2_and_the_others_are_linted(tmp_path, case):
    _check_built(tmp_path, *CASES[case])


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


# --- bounded work: small files that took a minute or gigabytes ------------------------------------
# Each is refused by an explicit limit counted before the work it bounds (its variable named in the
# one-line error) within MAX_SECONDS and MAX_RSS_MB; on the code before the limits each took 15-120 s
# or 0.8-1.9 GB. bench/hostile.py measures them, and files just under every limit, and records the
# slowest in bench/RESULTS.md.

RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


def _parts(data: bytes) -> dict[str, bytes]:
    src = zipfile.ZipFile(io.BytesIO(data))
    return {i.filename: src.read(i) for i in src.infolist()}


def _with_body(extra: str, stored: bool = False, data: bytes | None = None) -> bytes:
    """The good report (or `data`) with `extra` paragraphs at the end of its body. A flood is
    `stored` uncompressed where deflating it would make it a zip bomb, refused before it is read."""
    parts = _parts(data or good_docx())
    xml = parts["word/document.xml"].decode()
    parts["word/document.xml"] = xml.replace("<w:sectPr", extra + "<w:sectPr", 1).encode()
    return _package(parts, stored=stored)


def _related(parts: dict[str, bytes], kind: str, targets: list[str]) -> None:
    """Relationships of the main part to `targets` (header1.xml …) of type `kind` (header, footer)."""
    name = "word/_rels/document.xml.rels"
    extra = "".join(f'<Relationship Id="rX{n}" Type="{RELATIONSHIPS}{kind}" Target="{t}"/>' for n, t in enumerate(targets))
    parts[name] = parts[name].replace(b"</Relationships>", extra.encode() + b"</Relationships>")


def _story(root: str, paragraphs: int) -> bytes:
    """A header or footer part with `paragraphs` short paragraphs."""
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:{root} xmlns:w="{W_NS}">'
            + "<w:p><w:r><w:t>第一页</w:t></w:r></w:p>" * paragraphs + f"</w:{root}>").encode()


def numbered_paragraphs(level_text: str, count: int) -> bytes:
    """`count` paragraphs numbered by one decimal level whose text is `level_text`."""
    doc = new_document()
    num_id = add_numbering(doc, [("decimal", level_text)])
    set_num_pr(doc.add_paragraph("学习不够深入")._p, num_id, 0)
    parts = _parts(to_bytes(doc))
    xml = parts["word/document.xml"].decode()
    start = xml.index("<w:p>")
    numbered = xml[start: xml.index("</w:p>", start) + len("</w:p>")]
    parts["word/document.xml"] = xml.replace(numbered, numbered * count, 1).encode()
    return _package(parts)


def _footer_relationships() -> bytes:
    """30 000 footer relationships to one 50 KB footer: the footer was parsed 30 000 times."""
    parts = _parts(to_bytes(new_document(page_numbers=True)))
    parts["word/footer1.xml"] = _story("ftr", 1500)
    _related(parts, "footer", ["footer1.xml"] * 30_000)
    return _package(parts)


def _header_flood() -> bytes:
    """4000 headers of 56 KB each: 224 MB of XML that deflates to 2 MB."""
    parts = _parts(good_docx())
    header = _story("hdr", 1400)
    parts.update({f"word/header{n}.xml": header for n in range(4000)})
    _related(parts, "header", [f"header{n}.xml" for n in range(4000)])
    return _package(parts, level=1)


def _label_paragraphs() -> str:
    """30 000 paragraphs of labels: 10 000 problems, causes and measures, each its own (13 s and
    490 MB before the limits)."""
    rng = random.Random(5)
    words = "学习理论联系实际工作作风群众观念担当作为组织建设纪律规矩廉洁自律政治意识宗旨服务基层调查研究"
    lines = ["关于2025年度组织生活会的对照检查材料"]
    for part, tail in (("一、存在的问题", "不够深入"), ("二、问题产生的原因", "有所放松"), ("三、整改措施", "切实加强")):
        lines.append(part)
        lines += [f"（{chinese_number(k)}）{''.join(rng.choices(words, k=5))}{tail}" for k in range(1, 10_001)]
    return "\n".join(lines)


def _items(megabytes: int = 5) -> str:
    """5 MB of items (一是…二是…三是…, 300 to a paragraph) under one problem heading."""
    items = "一是学习不够深入。二是作风不够扎实。三是担当不够有力。" * 300
    paragraphs = megabytes * 1024 * 1024 // len(items.encode())
    return "\n".join(["关于2025年度组织生活会的对照检查材料", "一、存在的问题", "（一）学习方面",
                      *(["问题如下：" + items] * paragraphs), "二、原因", "（一）学习不够", "三、措施", "（一）加强学习"])


def _docx_paragraphs(text: str) -> str:
    return "".join(f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>" for line in text.split("\n"))


LINE = REPORT_TEXT.replace("\n", "")
BOUNDED = {
    # name: (file name, builder, error kind, the variable the error names)
    # 6000 paragraphs whose labels are 5000 numbers each
    "a level text repeating %1 5000 times": ("label.docx", lambda: numbered_paragraphs("%1" * 5000, 6000), "unsafe",
                                              "REPORTLINT_MAX_LABEL_CHARS"),
    "30 000 footer relationships to one part": ("footers.docx", _footer_relationships, "unsafe",
                                                "REPORTLINT_MAX_RELATIONSHIPS"),
    "a compressed flood of 4000 headers": ("headers.docx", _header_flood, "unsafe", "REPORTLINT_MAX_XML_TAGS"),
    "an uncompressed flood of 7.8 million elements": (
        "elements.docx", lambda: _with_body("<w:p><w:r>" + "<w:b/>" * 7_800_000 + "<w:t>一、问题</w:t></w:r></w:p>",
                                            stored=True), "unsafe", "REPORTLINT_MAX_XML_TAGS"),
    "1.5 million one-character runs": (
        "runs.docx", lambda: _with_body("<w:p>" + "<w:r><w:t>学</w:t></w:r>" * 1_500_000 + "</w:p>", stored=True),
        "unsafe", "REPORTLINT_MAX_XML_TAGS"),
    # in runs of a million characters: libxml2 refuses a text node of more than 10 MB
    "a paragraph of 10 million characters": (
        "paragraph.docx", lambda: _with_body("<w:p>" + f"<w:r><w:t>{(LINE * 400)[:1_000_000]}</w:t></w:r>" * 10 + "</w:p>",
                                             stored=True), "too-large", "REPORTLINT_MAX_CHARS"),
    "30 000 paragraphs of labels": ("labels.docx", lambda: _with_body(_docx_paragraphs(_label_paragraphs())),
                                    "too-large", "REPORTLINT_MAX_ITEMS"),
    "5 MB of items": ("items.docx", lambda: _with_body(_docx_paragraphs(_items())), "too-large", "REPORTLINT_MAX_CHARS"),
    "5 MB of items as text": ("items.txt", lambda: _items().encode(), "too-large", "REPORTLINT_MAX_CHARS"),
}


@pytest.mark.parametrize("case", list(BOUNDED))
def test_unbounded_work_is_refused_in_seconds_naming_the_limit(tmp_path, case):
    _check_built(tmp_path, *BOUNDED[case])


@pytest.mark.parametrize(("variable", "value", "build"), [
    # twice the report against a limit the once-only good.txt is under
    ("REPORTLINT_MAX_CHARS", "4000", lambda: docx_from_text(REPORT_TEXT * 2)),
    ("REPORTLINT_MAX_ITEMS", "40", lambda: docx_from_text(REPORT_TEXT * 2)),
    ("REPORTLINT_MAX_PAIRS", "100", lambda: docx_from_text(REPORT_TEXT * 2)),  # once: 76 pairs, twice: 144
    # what only a .docx has
    ("REPORTLINT_MAX_XML_TAGS", "10000", good_docx),
    ("REPORTLINT_MAX_RUNS", "10", good_docx),
    ("REPORTLINT_MAX_RELATIONSHIPS", "5", good_docx),
    ("REPORTLINT_MAX_LABEL_CHARS", "3", lambda: docx_from_text(REPORT_TEXT, auto_numbering=True)),
])
def test_the_limits_of_work_are_configurable(tmp_path, variable, value, build):
    bad = tmp_path / "report.docx"
    bad.write_bytes(build())
    kind = "unsafe" if variable in ("REPORTLINT_MAX_XML_TAGS", "REPORTLINT_MAX_RELATIONSHIPS",
                                    "REPORTLINT_MAX_LABEL_CHARS") else "too-large"
    _check_one(tmp_path, bad, kind, variable, env={variable: value})
    run = reportlint("check", "--format", "json", str(bad), cwd=tmp_path)
    assert run.rc in (0, 1), run.stderr


def test_a_paragraph_over_the_paragraph_limit_names_it(tmp_path):
    """With the limit of the whole report lifted, a paragraph of more than a million characters."""
    bad = tmp_path / "paragraph.docx"
    bad.write_bytes(_with_body("<w:p>" + f"<w:r><w:t>{(LINE * 200)[:600_000]}</w:t></w:r>" * 2 + "</w:p>", stored=True))
    _check_one(tmp_path, bad, "too-large", "REPORTLINT_MAX_LINE_CHARS", env={"REPORTLINT_MAX_CHARS": "0"})


def test_a_file_past_the_time_limit_gets_kind_timeout_and_the_others_are_linted(tmp_path):
    """The per-file deadline: a report that takes about 2 s to check (the good one 10 ms), against a
    limit of 0.2 s."""
    slow = tmp_path / "slow.txt"
    slow.write_text(REPORT_TEXT * 150, encoding="utf-8")
    _check_one(tmp_path, slow, "timeout", "REPORTLINT_FILE_SECONDS",
               env={"REPORTLINT_FILE_SECONDS": "0.2", "REPORTLINT_MAX_PAIRS": "0"})


def test_the_time_limit_is_a_deadline_the_loops_check():
    """Portable (no signal, no thread): the parser, the rules and the matcher check it."""
    from reportlint import deadline, parse_text
    from reportlint.engine import lint
    from reportlint.errors import ReadError

    doc = parse_text(REPORT_TEXT)
    with deadline.within(0), pytest.raises(ReadError) as parsing:
        parse_text(REPORT_TEXT)
    with deadline.within(0), pytest.raises(ReadError) as linting:
        lint(doc)
    assert parsing.value.kind == linting.value.kind == "timeout"
    assert "REPORTLINT_FILE_SECONDS" in str(linting.value)
    lint(doc)  # the deadline ends with its block


# --- a worker killed under -j -------------------------------------------------------------------


def _descendants(pid: int) -> list[int]:
    """The processes below `pid`, children first (read from /proc)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(parent, []).append(int(stat.parent.name))
    out, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(0), []):
            out.append(child)
            todo.append(child)
    return out


def _rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _reportlint_under_an_oom_killer(limit_mb: float, *args: str, cwd: Path, env: dict[str, str]) -> tuple[Run, int]:
    """Run reportlint while killing (SIGKILL, as the OOM killer does) any of its workers whose
    memory passes `limit_mb`; the run and the number of workers killed."""
    out, err = cwd / "stdout.txt", cwd / "stderr.txt"
    with out.open("w", encoding="utf-8") as o, err.open("w", encoding="utf-8") as e:
        proc = subprocess.Popen([sys.executable, "-c", _LAUNCHER, *args], cwd=cwd, stdout=o, stderr=e,
                                env={**os.environ, **env})
        killed, started = 0, time.monotonic()
        while proc.poll() is None and time.monotonic() - started < 120:
            for pid in _descendants(proc.pid)[1:]:  # the first is reportlint itself, the others its workers
                if _rss_mb(pid) > limit_mb:
                    with contextlib.suppress(ProcessLookupError):
                        os.kill(pid, signal.SIGKILL)
                        killed += 1
            time.sleep(0.02)
        proc.kill()
        proc.wait()
    done = subprocess.CompletedProcess(args, proc.returncode, out.read_text(encoding="utf-8"),
                                       err.read_text(encoding="utf-8"))
    return Run(done), killed


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="watches the workers through /proc (Linux)")
def test_a_worker_killed_under_jobs_gives_its_file_kind_crashed_and_the_batch_is_reported(tmp_path):
    """A worker killed as the OOM killer would (here past 400 MB: a flood of elements with the
    limit lifted) used to end the whole run with a BrokenProcessPool traceback and no report."""
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "hog.docx").write_bytes(_with_body("<w:p><w:r>" + "<w:b/>" * 7_000_000 + "</w:r></w:p>", stored=True))
    for n in range(4):
        shutil.copy(CLEAN, folder / f"clean{n}.txt")
    (folder / "clean.docx").write_bytes(good_docx())
    run, killed = _reportlint_under_an_oom_killer(400, "check", "--format", "json", "--jobs", "2", str(folder),
                                                  cwd=tmp_path, env={"REPORTLINT_MAX_XML_TAGS": "0"})
    assert killed >= 1
    assert run.rc == 2 and "Traceback" not in run.stderr, run.stderr
    files = {Path(f["path"]).name: f for f in json.loads(run.stdout)["files"]}
    assert len(files) == 6
    assert files["hog.docx"]["error"]["kind"] == "crashed"
    assert all(f["error"] is None for name, f in files.items() if name != "hog.docx")
    (line,) = [ln for ln in run.stderr.splitlines() if ln.strip()]
    assert "hog.docx" in line and "--jobs" in line
