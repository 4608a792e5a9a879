"""`reportlint annotate` and `check --annotate`: findings as Word comments on the exact text."""

from __future__ import annotations

import hashlib
import io
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx_builders import build_docx, docx_from_text

from reportlint.cli import main
from reportlint.docx_comments import annotate_docx, comment_text, read_comments
from reportlint.findings import Finding, Severity

SEED = Path(__file__).resolve().parents[2] / "shared" / "examples" / "seed-report.txt"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def seed_docx(tmp_path: Path) -> Path:
    if not SEED.exists():
        pytest.skip("seed report not available")
    path = tmp_path / "seed.docx"
    path.write_bytes(docx_from_text(SEED.read_text(encoding="utf-8")))
    return path


def _json_findings(path: Path, *args: str) -> list[dict]:
    import json

    return json.loads(run("check", "--format", "json", *args, str(path)).output)["files"][0]["findings"]


def test_seed_comments_sit_on_the_placeholder_pinyin_and_meeting_type(seed_docx, tmp_path):
    before = hashlib.sha256(seed_docx.read_bytes()).hexdigest()
    out = tmp_path / "out.docx"
    r = run("annotate", str(seed_docx), "-o", str(out))
    assert r.exit_code == 0, r.output
    assert hashlib.sha256(seed_docx.read_bytes()).hexdigest() == before  # input untouched
    comments = read_comments(out.read_bytes())
    findings = _json_findings(seed_docx)
    assert len(comments) == len(findings)
    assert all(c["author"] == "reportlint" and c["initials"] == "RL" for c in comments)
    for code, anchor in (("RL301", "XX"), ("RL302", "zuzhi"), ("RL303", "民主生活会")):
        mine = [c for c in comments if f"（{code}）：" in c["text"]]
        assert mine, code
        assert anchor in {c["anchor"] for c in mine}, (code, [c["anchor"] for c in mine])
    # each located finding is anchored on exactly its excerpt
    by_text = {c["text"]: c["anchor"] for c in comments}
    for f in findings:
        if f["line"] is not None and f["end_line"] == f["line"] and f["excerpt"] and f["code"] in ("RL301", "RL302", "RL303"):
            text = comment_text(Finding.from_dict(f))
            assert by_text[text] == f["excerpt"]
    # the document text is unchanged by the run splits
    src = [p.text for p in docx.Document(str(seed_docx)).paragraphs]
    dst = [p.text for p in docx.Document(str(out)).paragraphs]
    assert src == dst


def test_split_runs_keep_their_formatting_and_unlocated_findings_go_on_the_title():
    data = build_docx(["标题", {"runs": [{"text": "会前，XX党支部", "east_asia": "仿宋_GB2312", "size": 16, "bold": True}]}])
    findings = [
        Finding("RL301", "placeholder", Severity.ERROR, "占位符", 2, 4, 2, 5, None, "XX"),
        Finding("RL101", "missing-part", Severity.ERROR, "缺少整改措施"),
    ]
    out, n = annotate_docx(data, findings, title_line=1)
    assert n == 2
    comments = read_comments(out)
    assert [c["anchor"] for c in comments] == ["XX", "标题"]
    assert [c["text"] for c in comments] == ["错误 · 模板占位符未替换（RL301）：占位符", "错误 · 缺少必备部分（RL101）：缺少整改措施"]
    english = read_comments(annotate_docx(data, findings, title_line=1, lang="en")[0])  # for tooling
    assert [c["text"] for c in english] == ["RL301 placeholder（error）：占位符", "RL101 missing-part（error）：缺少整改措施"]
    p = docx.Document(io.BytesIO(out)).paragraphs[1]
    texts = [r.text for r in p.runs]
    assert "".join(texts) == "会前，XX党支部" and "XX" in texts
    assert all(r.bold and r.font.size.pt == 16 for r in p.runs if r.text)


def test_refuses_to_overwrite_the_input_and_non_docx(seed_docx, tmp_path):
    before = seed_docx.read_bytes()
    r = run("annotate", str(seed_docx), "-o", str(seed_docx))
    assert r.exit_code == 2 and "refusing to overwrite" in r.output
    assert seed_docx.read_bytes() == before
    txt = tmp_path / "a.txt"
    txt.write_text("标题\n一、问题", encoding="utf-8")
    r = run("annotate", str(txt), "-o", str(tmp_path / "x.docx"))
    assert r.exit_code == 2 and "needs a .docx" in r.output and "Traceback" not in r.output
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip")
    r = run("annotate", str(bad), "-o", str(tmp_path / "y.docx"))
    assert r.exit_code == 2 and len(r.output.strip().splitlines()) == 1


def test_check_annotate_writes_one_copy_per_docx(seed_docx, tmp_path):
    txt = tmp_path / "a.txt"
    txt.write_text("标题\n一、存在的主要问题\n二、原因\n三、整改措施", encoding="utf-8")
    folder = tmp_path / "annotated"
    r = run("check", "--annotate", str(folder), str(seed_docx), str(txt))
    assert r.exit_code == 1, r.output
    assert sorted(p.name for p in folder.iterdir()) == ["seed.docx"]
    assert read_comments((folder / "seed.docx").read_bytes())


EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture
def docx_folder(tmp_path: Path) -> Path:
    """Three DOCX reports; in one a web page's breadcrumb stands above the title, so the title is
    the second paragraph, where comments for findings without a location belong."""
    leader = (EXAMPLES / "leader-2024-defects.txt").read_text(encoding="utf-8")
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "web-leader.docx").write_bytes(docx_from_text("首页 > 新闻中心 > 党建工作\n" + leader))
    (folder / "leader.docx").write_bytes(docx_from_text(leader, auto_numbering=True))
    clean = (EXAMPLES / "branch-2025-clean.txt").read_text(encoding="utf-8")
    (folder / "clean.docx").write_bytes(docx_from_text(clean))
    return folder


def _annotated(folder: Path, *args: str) -> dict[str, list[dict[str, str]]]:
    """The comments of every copy `check --annotate` writes with these options."""
    out = folder.parent / f"annotated-{len(list(folder.parent.iterdir()))}"
    r = run("check", *args, "--annotate", str(out), str(folder))
    assert r.exit_code == 1, r.output
    return {p.name: read_comments(p.read_bytes()) for p in sorted(out.iterdir())}


def test_check_annotate_is_the_same_with_jobs(docx_folder):
    gbt = ("--profile", "gbt9704")  # a Word draft gets page margins and numbers checked only when asked
    serial = _annotated(docx_folder, "--no-cache", "-j", "1", *gbt)
    assert _annotated(docx_folder, "--no-cache", "-j", "2", *gbt) == serial
    # findings without a location (page margins, page numbers) are on the title, not the breadcrumb
    unlocated = {comment_text(Finding.from_dict(f))
                 for f in _json_findings(docx_folder / "web-leader.docx", *gbt) if f["line"] is None}
    anchors = {c["anchor"] for c in serial["web-leader.docx"] if c["text"] in unlocated}
    assert unlocated and anchors == {"2024年度民主生活会个人对照检查材料"}


def test_check_annotate_is_the_same_from_the_cache(docx_folder, tmp_path):
    cache = ["--cache-dir", str(tmp_path / "cache")]
    fresh = _annotated(docx_folder, *cache, "-j", "1")
    assert list((tmp_path / "cache").glob("??/*.json"))
    assert _annotated(docx_folder, *cache, "-j", "1") == fresh
    assert _annotated(docx_folder, *cache, "-j", "2") == fresh


# Writer's PDF export with comments kept (as PDF text annotations at their anchors)
PDF_WITH_NOTES = 'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}'


def _pdf_notes(pdf: bytes) -> list[str]:
    out = []
    for hexstr in re.findall(rb"/Contents\s*<FEFF([0-9A-Fa-f]+)>", pdf):
        out.append(bytes.fromhex(hexstr.decode()).decode("utf-16-be"))
    return out


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_libreoffice_renders_the_annotated_seed_with_its_comments(seed_docx, tmp_path):
    out = tmp_path / "annotated.docx"
    assert run("annotate", str(seed_docx), "-o", str(out)).exit_code == 0
    proc = subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", PDF_WITH_NOTES,
         "--outdir", str(tmp_path), str(out)],
        capture_output=True, text=True, timeout=180,
    )
    pdf = tmp_path / "annotated.pdf"
    assert proc.returncode == 0 and pdf.exists(), proc.stderr
    notes = _pdf_notes(pdf.read_bytes())
    assert len(notes) == len(read_comments(out.read_bytes()))
    for code in ("RL301", "RL302", "RL303"):
        assert any(f"（{code}）：" in n for n in notes), code


def test_a_thousand_findings_in_one_paragraph_each_get_their_comment():
    """A thousand placeholders in one paragraph (each once re-split the runs: 26 s for this file):
    every comment covers exactly its finding's text and the paragraph's text is unchanged."""
    import reportlint

    data = docx_from_text("一、存在的问题\n（一）学习方面\n" + "××同志，" * 1000 + "\n二、原因\n三、措施")
    findings = reportlint.lint(reportlint.parse(data, name="many.docx"))
    placeholders = [f for f in findings if f.code == "RL301" and f.line == 3]
    assert len(placeholders) >= 999
    out, n = annotate_docx(data, findings)
    assert n == len(findings)
    anchors = [c["anchor"] for c in read_comments(out) if "（RL301）：" in c["text"]]
    assert anchors[:len(placeholders)] == ["××"] * len(placeholders)
    paragraph = docx.Document(io.BytesIO(out)).paragraphs[2]
    assert paragraph.text == "××同志，" * 1000
