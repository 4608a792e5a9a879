"""Files from strangers, the outputs' side (issue 12) and every file of a folder accounted for
(issue 13): no command writes over an input or anything a folder walk found, or replaces a device,
FIFO or socket with a regular file; `-` and `/dev/stdout` stream to standard output; annotated
copies keep their folders; a killed write leaves no temporary file; a folder walk stays inside the
folder and opens no special file; names cannot forge output lines; every file in a checked folder
is either checked or listed with its reason.

Every input is built here, by the test that needs it, and every command runs as a user runs it: a
separate `python -m reportlint` process (with a time limit, so a hang is a failure, not a stall).
"""

from __future__ import annotations

import json
import os
import signal
import socket
import stat
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from docx_builders import docx_from_text

from reportlint.docx_comments import read_comments
from reportlint.errors import READ_ERROR_KINDS

ROOT = Path(__file__).resolve().parents[1]
CLEAN = (ROOT / "examples" / "branch-2025-clean.txt").read_text(encoding="utf-8")
DEFECTS = (ROOT / "examples" / "leader-2024-defects.txt").read_text(encoding="utf-8")
# labels `fix` repairs: （三） after （一） is renumbered （二）
FIXABLE = "标题\n一、存在的问题\n（一）学习方面\n一是学习不够。\n（三）作风方面\n一是调研不够。\n二、原因\n三、措施\n"
FIXED = FIXABLE.replace("（三）", "（二）")
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def rl(*args: str, cwd: Path, stdin: bytes | None = None, env: dict[str, str] | None = None,
       timeout: float = 60) -> subprocess.CompletedProcess:
    """`reportlint ARGS` in `cwd`; stdout and stderr as bytes (names in them may not be UTF-8)."""
    return subprocess.run([sys.executable, "-m", "reportlint", *args], cwd=cwd, input=stdin if stdin is not None else b"",
                          capture_output=True, timeout=timeout, env={**os.environ, **(env or {})})


def out(proc: subprocess.CompletedProcess) -> str:
    return proc.stdout.decode("utf-8", "replace")


def err(proc: subprocess.CompletedProcess) -> str:
    return proc.stderr.decode("utf-8", "replace")


def check_json(*args: str, cwd: Path, **kw) -> tuple[int, dict]:
    proc = rl("check", "--format", "json", *args, cwd=cwd, **kw)
    return proc.returncode, json.loads(proc.stdout)


def files_of(result: dict) -> dict[str, dict]:
    return {f["path"]: f for f in result["files"]}


def snapshot(folder: Path) -> dict[str, tuple[str, bytes | str]]:
    """Every entry under `folder` with its kind and content (a link by its target): what must not change."""
    seen = {}
    for p in sorted(folder.rglob("*")):
        rel = str(p.relative_to(folder))
        if p.is_symlink():
            seen[rel] = ("link", os.readlink(p))
        elif p.is_file():
            seen[rel] = ("file", p.read_bytes())
        else:
            seen[rel] = ("other", stat.S_IFMT(p.lstat().st_mode))
    return seen


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    """in/a.txt, in/r.docx and in/sub/r.docx: two reports of the same name in different folders."""
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(DEFECTS, encoding="utf-8")
    (folder / "r.docx").write_bytes(docx_from_text(DEFECTS))
    (folder / "sub" / "r.docx").write_bytes(docx_from_text(CLEAN.replace("第二党支部", "XX党支部")))
    return folder


# --- an output never replaces an input, a found file or a special file --------------------------


@pytest.mark.parametrize("target", ["in/a.txt", "in/sub/../a.txt", "link-to-a.txt"])
def test_check_refuses_an_output_over_a_file_its_folder_walk_found(reports, tmp_path, target):
    (tmp_path / "link-to-a.txt").symlink_to(reports / "a.txt")
    before = snapshot(reports)
    proc = rl("check", "in", "-o", target, cwd=tmp_path)
    assert proc.returncode == 2
    assert snapshot(reports) == before
    assert "input" in err(proc) and target in err(proc), err(proc)
    assert out(proc) == ""  # refused before anything was checked or written


def test_annotated_copies_are_never_written_over_an_input(reports, tmp_path):
    """`--annotate in` with inputs inside `in`: each copy would land on an input; refused, exit 2."""
    before = snapshot(reports)
    proc = rl("check", "--annotate", "in", "in/sub/r.docx", "in/r.docx", cwd=tmp_path)
    assert proc.returncode == 2, err(proc)
    assert snapshot(reports) == before
    assert "in/r.docx" in err(proc) and "input" in err(proc)


def test_annotated_copies_keep_the_inputs_relative_folders(reports, tmp_path):
    proc = rl("check", "--annotate", "out", "in", cwd=tmp_path)
    assert proc.returncode == 1, err(proc)
    copies = sorted(str(p.relative_to(tmp_path / "out")) for p in (tmp_path / "out").rglob("*.docx"))
    assert copies == ["r.docx", "sub/r.docx"]
    top = {c["anchor"] for c in read_comments((tmp_path / "out" / "r.docx").read_bytes())}
    sub = {c["anchor"] for c in read_comments((tmp_path / "out" / "sub" / "r.docx").read_bytes())}
    assert "zuzhi" in top and "zuzhi" not in sub  # each copy holds its own file's comments
    assert "XX" in sub
    # files named one by one from different folders keep their folders too, under the common one
    proc = rl("check", "--annotate", "out2", "in/sub/r.docx", "in/r.docx", cwd=tmp_path)
    assert sorted(str(p.relative_to(tmp_path / "out2")) for p in (tmp_path / "out2").rglob("*.docx")) == \
        ["r.docx", "sub/r.docx"]


def _writers(report: str, docx: str, target: str) -> dict[str, list[str]]:
    return {
        "check -o": ["check", "-o", target, report],
        "check --format html -o": ["check", "--format", "html", "-o", target, report],
        "fix": ["fix", report, "-o", target],
        "annotate": ["annotate", docx, "-o", target],
        "profile init": ["profile", "init", report, "-o", target],
        "map -o": ["map", "--format", "markdown", "-o", target, report],
    }


WRITERS = list(_writers("", "", ""))


@pytest.mark.parametrize("command", WRITERS)
def test_an_existing_fifo_is_never_replaced_by_an_output(tmp_path, command):
    (tmp_path / "a.txt").write_text(FIXABLE, encoding="utf-8")
    (tmp_path / "r.docx").write_bytes(docx_from_text(DEFECTS))
    os.mkfifo(tmp_path / "pipe")
    proc = rl(*_writers("a.txt", "r.docx", "pipe")[command], cwd=tmp_path, timeout=30)
    assert proc.returncode == 2, (out(proc), err(proc))
    assert stat.S_ISFIFO((tmp_path / "pipe").lstat().st_mode)
    assert "not a regular file" in err(proc), err(proc)
    assert not list(tmp_path.glob(".*.tmp"))


@pytest.mark.skipif(not IS_ROOT, reason="making a device node needs root")
@pytest.mark.parametrize("command", WRITERS)
def test_a_device_node_is_never_replaced_by_an_output(tmp_path, command):
    """Run as root, `-o /dev/null` replaced the device with a regular file; the test uses its own
    node (the same device, 1:3) so that a failure breaks nothing outside the test."""
    (tmp_path / "a.txt").write_text(FIXABLE, encoding="utf-8")
    (tmp_path / "r.docx").write_bytes(docx_from_text(DEFECTS))
    null = tmp_path / "null"
    os.mknod(null, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    proc = rl(*_writers("a.txt", "r.docx", str(null))[command], cwd=tmp_path, timeout=30)
    assert proc.returncode == 2, (out(proc), err(proc))
    assert stat.S_ISCHR(null.lstat().st_mode)


@pytest.mark.parametrize("target", ["-", "/dev/stdout"])
@pytest.mark.parametrize("command", WRITERS)
def test_dash_and_dev_stdout_stream_to_standard_output(tmp_path, command, target):
    (tmp_path / "a.txt").write_text(FIXABLE, encoding="utf-8")
    (tmp_path / "r.docx").write_bytes(docx_from_text(DEFECTS))
    before = sorted(p.name for p in tmp_path.iterdir())
    proc = rl(*_writers("a.txt", "r.docx", target)[command], cwd=tmp_path, timeout=60)
    assert proc.returncode in (0, 1), err(proc)
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # no file named "-", nothing beside
    streamed = proc.stdout
    expected = {"check -o": b"a.txt:", "check --format html -o": b"<!DOCTYPE html>", "fix": FIXED.encode(),
                "annotate": b"PK\x03\x04", "profile init": b"[profile]", "map -o": b"# "}[command]
    assert streamed.startswith(expected), streamed[:200]
    if command == "annotate":
        assert read_comments(streamed)


# --- a write killed half-way ------------------------------------------------------------------

_SLOW_WRITE = textwrap.dedent("""
    import os, sys, time
    real_fsync = os.fsync
    def slow_fsync(fd):
        sys.stderr.write("writing\\n"); sys.stderr.flush()
        time.sleep(60)
    os.fsync = slow_fsync
    from reportlint.cli import main
    main(sys.argv[1:])
""")


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_during_a_write_leaves_no_temporary_file(tmp_path, sig):
    """`check -o` writing a big report is sent SIGTERM (as a service manager stops it) or SIGINT
    (Ctrl-C) while the report is being written: no `.report.json.xxxx.tmp` is left behind."""
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(30):
        (folder / f"{n:02d}.txt").write_text(DEFECTS, encoding="utf-8")
    (tmp_path / "report.json").write_text("old", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-c", _SLOW_WRITE, "check", "--format", "json", "-o", "report.json",
                             "in"], cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert proc.stderr.readline() == b"writing\n"
        assert list(tmp_path.glob(".report.json.*.tmp"))  # the report is half-written
        proc.send_signal(sig)
        proc.wait(timeout=30)
    finally:
        proc.kill()
        proc.wait()
    assert proc.returncode != 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "report.json"]
    assert (tmp_path / "report.json").read_text(encoding="utf-8") == "old"


# --- the folder walk stays in the folder and opens no special file -----------------------------


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    """A file outside the checked folder that a link inside it points at."""
    path = tmp_path / "outside" / "secret.txt"
    path.parent.mkdir()
    path.write_text(DEFECTS.replace("××", "××机密口令swordfish"), encoding="utf-8")
    return path


def test_a_symlink_out_of_the_folder_is_listed_not_followed(reports, tmp_path, secret):
    (reports / "sub" / "p.txt").symlink_to(secret)
    (reports / "outlinks").symlink_to(secret.parent, target_is_directory=True)
    for fmt in ("json", "html", "text"):
        proc = rl("check", "--format", fmt, "in", cwd=tmp_path)
        assert proc.returncode == 2
        assert "swordfish" not in out(proc) and "swordfish" not in err(proc), fmt
    _, result = check_json("in", cwd=tmp_path)
    files = files_of(result)
    assert files["in/sub/p.txt"]["error"]["kind"] == "outside-folder"
    assert files["in/sub/p.txt"]["error"]["message"].startswith("in/sub/p.txt: " + READ_ERROR_KINDS["outside-folder"])
    assert files["in/outlinks"]["error"]["kind"] == "outside-folder"
    assert files["in/a.txt"]["error"] is None  # the others are checked
    # asked for explicitly, the link is followed
    _, result = check_json("--follow-symlinks", "in", cwd=tmp_path)
    files = files_of(result)
    assert files["in/sub/p.txt"]["error"] is None
    assert "in/outlinks/secret.txt" in files


def test_a_symlink_inside_the_folder_is_checked(reports, tmp_path):
    (reports / "b.txt").symlink_to("a.txt")
    (reports / "again").symlink_to("sub", target_is_directory=True)  # not walked twice
    _, result = check_json("in", cwd=tmp_path)
    files = files_of(result)
    assert files["in/b.txt"]["error"] is None and files["in/b.txt"]["findings"] == files["in/a.txt"]["findings"]
    assert not any(p.startswith("in/again") for p in files)


def test_a_link_loop_under_follow_symlinks_ends(reports, tmp_path):
    (reports / "sub" / "loop").symlink_to("..", target_is_directory=True)
    _, result = check_json("--follow-symlinks", "in", cwd=tmp_path, timeout=60)
    assert sorted(files_of(result)) == ["in/a.txt", "in/r.docx", "in/sub/r.docx"]


def test_fifos_sockets_and_devices_in_a_folder_are_listed_and_never_opened(reports, tmp_path):
    os.mkfifo(reports / "pipe.txt")  # opening it to read would wait for a writer forever
    os.mkfifo(reports / "pipe.csv")
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(reports / "sock.docx"))
    if IS_ROOT:
        os.mknod(reports / "zero.txt", 0o666 | stat.S_IFCHR, os.makedev(1, 5))  # /dev/zero: endless
    try:
        for jobs in ("1", "2"):
            status, result = check_json("-j", jobs, "in", cwd=tmp_path, timeout=60)
            files = files_of(result)
            assert status == 2
            for name in ("pipe.txt", "pipe.csv", "sock.docx", *(["zero.txt"] if IS_ROOT else [])):
                assert files[f"in/{name}"]["error"]["kind"] == "not-regular-file", name
            assert files["in/a.txt"]["error"] is None
    finally:
        sock.close()


def test_a_named_fifo_is_never_opened(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    for args in (["check", "pipe.txt"], ["check", "--no-cache", "pipe.txt"], ["tree", "pipe.txt"],
                 ["map", "pipe.txt"], ["fix", "pipe.txt", "-o", "x.txt"], ["profile", "init", "pipe.txt", "-o", "p.toml"]):
        proc = rl(*args, cwd=tmp_path, timeout=30)
        assert proc.returncode == 2, args
        assert READ_ERROR_KINDS["not-regular-file"] in err(proc) or "not a regular file" in err(proc), (args, err(proc))


@pytest.mark.parametrize("cache", [[], ["--no-cache"]])
def test_stdin_filename_is_a_name_and_is_never_read(tmp_path, cache):
    """`--stdin-filename X` names standard input; X itself is never opened, on a cache miss or hit
    (X is a FIFO here: opening it would hang)."""
    os.mkfifo(tmp_path / "X.txt")
    for _ in range(2):  # a miss, then a hit
        proc = rl("check", "--format", "json", *cache, "--stdin-filename", "X.txt", "-", cwd=tmp_path,
                  stdin=DEFECTS.encode(), timeout=30)
        [file] = json.loads(proc.stdout)["files"]
        assert file["path"] == "X.txt" and file["error"] is None and file["findings"]


def test_stdin_under_a_docx_name_is_never_replaced_by_the_file_of_that_name(tmp_path):
    """check --annotate with `--stdin-filename r.docx -`: the copy is of the bytes checked, never
    of the file r.docx on disk (which holds another report)."""
    (tmp_path / "r.docx").write_bytes(docx_from_text(CLEAN))
    proc = rl("check", "--annotate", "ann", "--stdin-filename", "r.docx", "-", cwd=tmp_path,
              stdin=docx_from_text(DEFECTS))
    assert proc.returncode == 1, err(proc)
    assert not (tmp_path / "ann" / "r.docx").exists()


def test_check_fix_on_a_folder_never_turns_a_symlink_into_a_copy(tmp_path, secret):
    folder = tmp_path / "in"
    folder.mkdir()
    secret.write_text(FIXABLE, encoding="utf-8")
    (folder / "real.txt").write_text(FIXABLE, encoding="utf-8")
    (folder / "inner.txt").symlink_to("real.txt")
    (folder / "outer.txt").symlink_to(secret)
    proc = rl("check", "--fix", "in", cwd=tmp_path)
    assert proc.returncode == 2, err(proc)  # outer.txt is listed as not checked
    assert (folder / "inner.txt").is_symlink() and os.readlink(folder / "inner.txt") == "real.txt"
    assert (folder / "outer.txt").is_symlink() and os.readlink(folder / "outer.txt") == str(secret)
    assert (folder / "real.txt").read_text(encoding="utf-8") == FIXED  # fixed through the link
    assert secret.read_text(encoding="utf-8") == FIXABLE  # outside the folder: never touched


# --- reading with a size limit ------------------------------------------------------------------

LIMIT = {"REPORTLINT_MAX_INPUT_MB": "1"}


def _big_report() -> str:
    return FIXABLE + ("一是学习不够。\n" * 60_000)  # 1.2 MB of report text


def test_fix_reads_with_a_size_limit(tmp_path):
    (tmp_path / "big.txt").write_text(_big_report(), encoding="utf-8")
    for args in (["fix", "big.txt", "-o", "fixed.txt"], ["check", "--fix", "big.txt"]):
        proc = rl(*args, cwd=tmp_path, env=LIMIT)
        assert proc.returncode == 2, (args, err(proc))
        assert "REPORTLINT_MAX_INPUT_MB" in err(proc) and READ_ERROR_KINDS["too-large"] in err(proc), err(proc)
    assert not (tmp_path / "fixed.txt").exists()
    assert (tmp_path / "big.txt").read_text(encoding="utf-8") == _big_report()


def test_a_huge_sparse_file_is_refused_without_reading_it(tmp_path):
    big = tmp_path / "huge.txt"
    with big.open("wb") as fh:
        fh.truncate(3 * 1024 ** 3)  # 3 GiB of nothing, no disk used
    for args in (["fix", "huge.txt", "-o", "fixed.txt"], ["check", "huge.txt"], ["tree", "huge.txt"]):
        proc = rl(*args, cwd=tmp_path, timeout=30)
        assert proc.returncode == 2 and "REPORTLINT_MAX_INPUT_MB" in err(proc), (args, err(proc))


@pytest.mark.parametrize("args", [["check", "-"], ["check", "--stdin-filename", "x.txt", "-"], ["tree", "-"],
                                  ["map", "-"], ["profile", "init", "-", "-o", "p.toml"]])
def test_standard_input_is_read_with_a_size_limit(tmp_path, args):
    proc = rl(*args, cwd=tmp_path, stdin=_big_report().encode(), env=LIMIT)
    assert proc.returncode == 2, err(proc)
    assert "REPORTLINT_MAX_INPUT_MB" in err(proc) and READ_ERROR_KINDS["too-large"] in err(proc), err(proc)


# --- names cannot forge output lines; markdown and profiles are safe to use -------------------

NAMES = ["a\nb.txt", "evil\n::error file=x.txt,line=1::forged.txt", "\x1b[31mred.txt", "tab\there.txt",
         "cr\rline.txt", "sep\u2028line.txt"]


@pytest.fixture
def odd_names(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in NAMES:
        (folder / name).write_text(DEFECTS, encoding="utf-8")
    (folder / "empty\n::error::forged-too.txt").write_bytes(b"")
    return folder


def _no_raw_controls(text: str) -> None:
    assert not any(ch in text for ch in "\x1b\r\t\u2028\x00"), repr(text[:300])


def test_control_characters_in_file_names_are_escaped_in_text_and_github(odd_names, tmp_path):
    for fmt in ("text", "github"):
        proc = rl("check", "--format", fmt, "in", cwd=tmp_path)
        assert proc.returncode == 2
        stdout, stderr = out(proc), err(proc)
        _no_raw_controls(stdout)
        _no_raw_controls(stderr)
        lines = stdout.splitlines()
        assert not any(line.startswith(("b.txt", "::error file=x.txt", "::error::forged", "line.txt"))
                       for line in lines), fmt
        if fmt == "github":
            assert all(line.startswith("::") for line in lines)
        else:
            assert all(line.startswith(("in/", "共 ")) for line in lines), lines
        assert "in/a\\nb.txt" in stdout.replace("%5C", "\\")
        assert [ln for ln in stderr.splitlines() if ln] == ["reportlint: in/empty\\n::error::forged-too.txt: 文件为空"]


def test_control_characters_in_file_names_are_escaped_in_junit_and_html(odd_names, tmp_path):
    proc = rl("check", "--format", "junit", "in", cwd=tmp_path)
    suite = ET.fromstring(proc.stdout)
    names = sorted(case.get("name") for case in suite.iter("testcase"))
    for name in names:
        _no_raw_controls(name)
        assert "\n" not in name
    assert "in/a\\nb.txt" in names
    html = out(rl("check", "--format", "html", "in", cwd=tmp_path))
    _no_raw_controls(html.replace("\n", ""))
    assert "in/a\\nb.txt" in html and "in/a\nb.txt" not in html


def test_map_markdown_escapes_html(tmp_path):
    report = DEFECTS.replace("一是", "一是<script>alert(1)</script>", 1)
    assert report != DEFECTS
    (tmp_path / "r<img src=x onerror=alert(2)>.txt").write_text(report, encoding="utf-8")
    proc = rl("map", "--format", "markdown", "r<img src=x onerror=alert(2)>.txt", cwd=tmp_path)
    assert proc.returncode == 0, err(proc)
    md = out(proc)
    assert "<script>" not in md and "<img" not in md
    assert "&lt;script&gt;" in md and "&lt;img" in md
    assert "<br>" in md  # the table's own line breaks are kept


@pytest.mark.parametrize(("heading", "name"), [("在理论学习\x7f方面", None), ("在作风\u0085建设方面", None),
                                             ("在\"担当\"\\作为方面", None), ("在理论学习方面", "bad\x7fname")])
def test_profile_init_writes_only_a_profile_reportlint_accepts(tmp_path, heading, name):
    report = CLEAN.replace("在理论学习方面", heading)
    (tmp_path / "template.txt").write_text(report, encoding="utf-8")
    proc = rl("profile", "init", "template.txt", "-o", "ours.toml", *(["--name", name] if name else []), cwd=tmp_path)
    if proc.returncode == 0:
        shown = rl("profile", "show", "ours.toml", cwd=tmp_path)
        assert shown.returncode == 0, err(shown)
        checked = rl("check", "--profile", "ours.toml", "template.txt", cwd=tmp_path)
        assert checked.returncode in (0, 1), err(checked)
    else:  # refused with a reason, nothing written
        assert proc.returncode == 2 and err(proc).startswith("reportlint: ")
        assert not (tmp_path / "ours.toml").exists()


# --- every file in a folder is checked or listed with its reason (issue 13) --------------------

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(16) + b"\x3e\x00\x03\x00\xfe\xff\x09\x00" + bytes(486)


def _ole(*streams: str) -> bytes:
    return _OLE + b"".join(s.encode("utf-16-le") + b"\0\0" for s in streams)


@pytest.fixture
def submissions(tmp_path: Path) -> Path:
    """A folder as a reviewer receives it: reports in every format, files that are not reports, and
    the litter that editors and operating systems leave beside them."""
    folder = tmp_path / "交来的材料"
    (folder / "二支部").mkdir(parents=True)
    (folder / "一支部.docx").write_bytes(docx_from_text(CLEAN))
    (folder / "二支部" / "张三.txt").write_text(DEFECTS, encoding="utf-8")
    (folder / "二支部" / "李四.md").write_text(CLEAN, encoding="utf-8")
    (folder / "旧版.doc").write_bytes(_ole("Root Entry", "WordDocument", "1Table"))
    (folder / "金山.wps").write_bytes(_ole("Root Entry", "WordDocument", "WpsCustomData"))
    (folder / "扫描件.pdf").write_bytes(b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
    (folder / "开放.odt").write_bytes(b"PK\x03\x04" + bytes(26) + b"mimetypeapplication/vnd.oasis.opendocument.text")
    (folder / "富文本.rtf").write_bytes(rb"{\rtf1\ansi report}")
    (folder / "空白.txt").write_bytes(b"")
    (folder / "名单.xlsx").write_bytes(b"PK\x03\x04" + bytes(40))
    (folder / "照片.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(40))
    (folder / "打包.zip").write_bytes(b"PK\x05\x06" + bytes(18))
    (folder / "统计.csv").write_text("姓名,支部\n张三,二支部\n", encoding="utf-8")
    (folder / "没有扩展名").write_text(DEFECTS, encoding="utf-8")
    # skipped without a word: not submissions
    (folder / "~$一支部.docx").write_bytes(b"\x00" * 162)
    (folder / "._一支部.docx").write_bytes(b"\x00\x05\x16\x07" + bytes(60))
    (folder / ".DS_Store").write_bytes(bytes(64))
    (folder / ".git").mkdir()
    (folder / ".git" / "config.txt").write_text("x", encoding="utf-8")
    (folder / "README.md").write_text("# 说明\n", encoding="utf-8")
    (folder / "LICENSE").write_text("license\n", encoding="utf-8")
    (folder / "Thumbs.db").write_bytes(bytes(64))
    (folder / "desktop.ini").write_text("[.ShellClassInfo]\n", encoding="utf-8")
    return folder


NOT_REPORTS = {"名单.xlsx": "Excel", "照片.jpg": "图片", "打包.zip": "压缩", "统计.csv": "CSV", "没有扩展名": "扩展名"}
REPORTS = ["一支部.docx", "二支部/张三.txt", "二支部/李四.md"]
UNREADABLE = {"旧版.doc": "legacy-doc", "金山.wps": "wps", "扫描件.pdf": None, "开放.odt": "odt", "富文本.rtf": "rtf",
              "空白.txt": "empty"}
NO_SOFFICE = {"REPORTLINT_SOFFICE": "off"}


def test_every_file_in_a_folder_is_checked_or_listed_with_its_reason(submissions):
    status, result = check_json("交来的材料", cwd=submissions.parent, env=NO_SOFFICE)
    assert status == 2
    files = {f["path"].removeprefix("交来的材料/"): f for f in result["files"]}
    assert sorted(files) == sorted([*REPORTS, *UNREADABLE, *NOT_REPORTS])
    for name in REPORTS:
        assert files[name]["error"] is None, files[name]
    for name, kind in UNREADABLE.items():
        assert files[name]["error"] is not None, name
        if kind:
            assert files[name]["error"]["kind"] == kind, files[name]
    for name, words in NOT_REPORTS.items():
        error = files[name]["error"]
        assert error["kind"] == "unsupported", error
        assert error["message"].startswith(f"交来的材料/{name}: {READ_ERROR_KINDS['unsupported']}"), error
        assert words in error["message"] and ".docx" in error["message"], error  # what it is, what to send
    assert result["summary"]["files"] == len(files)
    assert result["summary"]["failed_files"] >= len(UNREADABLE) + len(NOT_REPORTS)


@pytest.mark.parametrize("fmt", ["text", "sarif", "junit", "github", "html"])
def test_every_file_appears_in_every_output_format(submissions, fmt):
    proc = rl("check", "--format", fmt, "交来的材料", cwd=submissions.parent, env=NO_SOFFICE)
    assert proc.returncode == 2
    shown = out(proc)
    if fmt == "sarif":
        from urllib.parse import unquote

        shown = unquote(shown)
    for name in [*UNREADABLE, *NOT_REPORTS]:
        assert name in shown, (fmt, name)
    for name in ("~$一支部", "._一支部", "DS_Store", ".git", "README", "LICENSE", "Thumbs.db", "desktop.ini"):
        assert name not in shown, (fmt, name)
    if fmt == "text":
        assert "其中 11 个未检查" in shown.splitlines()[-1], shown.splitlines()[-1]
    if fmt == "html":
        assert "未检查" in shown


def test_obvious_non_submissions_are_skipped_without_a_word(submissions):
    for name in [*UNREADABLE, *NOT_REPORTS]:
        (submissions / name).unlink()
    status, result = check_json("交来的材料", cwd=submissions.parent)
    assert status == 1, result
    assert sorted(f["path"] for f in result["files"]) == sorted(f"交来的材料/{n}" for n in REPORTS)


def test_a_file_named_on_the_command_line_is_read_by_its_content(tmp_path):
    (tmp_path / "report.csv").write_text(DEFECTS, encoding="utf-8")
    (tmp_path / "~$lock.docx").write_bytes(docx_from_text(DEFECTS))
    status, result = check_json("report.csv", "~$lock.docx", cwd=tmp_path)
    assert status == 1
    assert all(f["error"] is None and f["findings"] for f in result["files"])


def test_the_runs_own_outputs_are_not_checked(reports, tmp_path):
    """A report, annotated copies and a cache kept inside the checked folder are this run's
    outputs, not submissions: the next run does not list them (and exits as before)."""
    args = ["--format", "json", "-o", "in/report.json", "--annotate", "in/reviewed", "--cache-dir", "in/cache", "in"]
    for _ in range(2):
        proc = rl("check", *args, cwd=tmp_path)
        assert proc.returncode == 1, err(proc)
        paths = sorted(f["path"] for f in json.loads((reports / "report.json").read_text(encoding="utf-8"))["files"])
        assert paths == ["in/a.txt", "in/r.docx", "in/sub/r.docx"]
    assert (reports / "reviewed" / "r.docx").is_file() and list((reports / "cache").glob("??/*.json"))


def test_an_output_named_like_a_report_inside_the_folder_is_refused_the_second_time(reports, tmp_path):
    """A `-o` file with a report's extension inside the checked folder cannot be told from a
    submission: the first run writes it, the next refuses to write over what it then checks."""
    assert rl("check", "-o", "in/findings.txt", "in", cwd=tmp_path).returncode == 1
    proc = rl("check", "-o", "in/findings.txt", "in", cwd=tmp_path)
    assert proc.returncode == 2 and "input" in err(proc)


@pytest.mark.skipif(IS_ROOT, reason="root reads every folder")
def test_a_folder_that_cannot_be_read_is_listed(reports, tmp_path):
    locked = reports / "locked"
    locked.mkdir()
    (locked / "x.txt").write_text(DEFECTS, encoding="utf-8")
    locked.chmod(0)
    try:
        status, result = check_json("in", cwd=tmp_path)
    finally:
        locked.chmod(0o755)
    assert status == 2
    assert files_of(result)["in/locked"]["error"]["kind"] == "permission-denied"
