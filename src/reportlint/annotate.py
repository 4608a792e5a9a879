"""A copy of a DOCX report with every finding as a Word comment on the exact text it is about.

Paragraphs are found the way the reader numbers them (SPEC §2: `line` = index of the `w:p` in
body order, tables included) and columns map to runs through the same run walk that builds the
paragraph text (`readers.docx.text_runs`), so a comment covers exactly the finding's characters.
Where a finding covers part of a run, the run is split in two (same formatting). Findings without
a location (a missing part, page setup) go on the title, else on the first paragraph with text.

The input is never modified: the package is read from bytes and the result is written to a new
path atomically (`output.write_atomic`), refusing to overwrite the input.
"""

from __future__ import annotations

import copy
import io
import warnings
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from .errors import ReportlintError
from .findings import Finding
from .readers.docx import W, iter_body_paragraphs, run_text, sym_text, text_runs

AUTHOR = "reportlint"
INITIALS = "RL"


class AnnotateError(ReportlintError):
    kind = "annotate-error"


def comment_text(f: Finding) -> str:
    return f"{f.code} {f.rule}（{f.severity}）：{f.message}"


def annotate_docx(data: bytes, findings: Iterable[Finding], *, title_line: int | None = None) -> tuple[bytes, int]:
    """(annotated package bytes, number of comments added)."""
    import docx
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx cannot open some packages the reader accepts
        raise AnnotateError(f"cannot add comments to this .docx ({type(exc).__name__}: {str(exc)[:100]})") from None
    body = document.element.body
    paragraphs = [p for p, _ in iter_body_paragraphs(body)]
    fallback = _fallback_line(paragraphs, title_line)
    added = 0
    for f in findings:
        line = f.line if f.line is not None and 1 <= f.line <= len(paragraphs) else fallback
        if line is None:
            continue
        p = paragraphs[line - 1]
        start, end = 0, None
        if f.line is not None and f.column is not None:
            start = f.column - 1
            end = f.end_column if f.end_line in (None, f.line) and f.end_column is not None else None
        runs = _runs_for(p, start, end)
        if not runs and line != fallback and fallback is not None:
            p = paragraphs[fallback - 1]
            runs = _runs_for(p, 0, None)
        if not runs:
            continue
        parent = Paragraph(p, document._body)
        document.add_comment([Run(runs[0], parent), Run(runs[-1], parent)], text=comment_text(f),
                             author=AUTHOR, initials=INITIALS)
        added += 1
    out = io.BytesIO()
    with warnings.catch_warnings():
        # a relationship to [Content_Types].xml or a .rels makes python-docx write that entry twice:
        # zipfile only warns (on stderr), and the copy would be a damaged package
        warnings.filterwarnings("error", "Duplicate name", UserWarning)
        try:
            document.save(out)
        except UserWarning as exc:
            raise AnnotateError(f"cannot write the annotated .docx ({exc})") from None
    return out.getvalue(), added


def _fallback_line(paragraphs: Sequence[Any], title_line: int | None) -> int | None:
    if title_line is not None and 1 <= title_line <= len(paragraphs) and text_runs(paragraphs[title_line - 1]):
        return title_line
    for n, p in enumerate(paragraphs, 1):
        if any(t.strip() for _, _, t in text_runs(p)):
            return n
    return None


def _runs_for(p: Any, start: int, end: int | None) -> list[Any]:
    """The w:r elements covering p's text[start:end], splitting runs at the two boundaries."""
    total = sum(len(t) for _, _, t in text_runs(p))
    if total == 0:
        return []
    end = total if end is None else min(max(end, start + 1), total)
    start = min(max(start, 0), total - 1)
    for cut in (start, end):
        for r, offset, text in text_runs(p):
            if offset < cut < offset + len(text):
                _split_run(r, cut - offset)
                break
    return [r for r, offset, text in text_runs(p) if offset < end and offset + len(text) > start]


def _content_length(child: Any) -> int:
    tag = child.tag
    if tag == W + "t":
        return len(child.text or "")
    if tag in (W + "tab", W + "ptab", W + "br", W + "cr", W + "noBreakHyphen"):
        return 1
    if tag == W + "sym":
        return len(sym_text(child))
    if tag == W + "ruby":
        return sum(len(run_text(b)) for b in child.iterfind(f"{W}rubyBase/{W}r"))
    return 0


def _split_run(r: Any, k: int) -> None:
    """Split run `r` after k characters of its text into two runs with the same properties.
    A split point inside an indivisible piece (a ruby) moves to the piece's end."""
    left = copy.deepcopy(r)
    right = copy.deepcopy(r)
    content_left = [c for c in left if c.tag != W + "rPr"]
    content_right = [c for c in right if c.tag != W + "rPr"]
    pos = 0
    for cl, cr in zip(content_left, content_right, strict=True):
        n = _content_length(cl)
        if pos + n <= k:  # entirely left
            right.remove(cr)
        elif pos >= k:  # entirely right
            left.remove(cl)
        elif cl.tag == W + "t":
            cut = k - pos
            cl.text, cr.text = cl.text[:cut], cl.text[cut:]
            for el in (cl, cr):
                el.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        else:
            right.remove(cr)
        pos += n
    r.addprevious(left)
    r.addprevious(right)
    r.getparent().remove(r)


def read_comments(data: bytes) -> list[dict[str, str]]:
    """The comments of a .docx with the text each is anchored on (for tests and `--annotate` users)."""
    import docx

    document = docx.Document(io.BytesIO(data))
    anchored: dict[str, list[str]] = {}
    open_ids: set[str] = set()
    for el in document.element.body.iter():
        tag = el.tag
        if tag == W + "commentRangeStart":
            open_ids.add(el.get(W + "id"))
            anchored.setdefault(el.get(W + "id"), [])
        elif tag == W + "commentRangeEnd":
            open_ids.discard(el.get(W + "id"))
        elif tag == W + "r" and open_ids and el.find(W + "commentReference") is None:
            if el.getparent() is not None and el.getparent().tag in (W + "del", W + "moveFrom"):
                continue
            text = run_text(el)
            for cid in open_ids:
                anchored[cid].append(text)
    out = []
    for c in document.comments:
        out.append({"id": str(c.comment_id), "author": c.author, "initials": c.initials or "",
                    "text": c.text, "anchor": "".join(anchored.get(str(c.comment_id), []))})
    return out


def annotate_file(path: str, output: str, findings: Iterable[Finding], *, title_line: int | None = None) -> int:
    """Write an annotated copy of `path` to `output`; the number of comments."""
    from .output import write_atomic

    if not path.lower().endswith(".docx"):
        raise AnnotateError(f"{path}: annotate needs a .docx file")
    src, dst = Path(path), Path(output)
    try:
        same = dst.exists() and src.exists() and src.resolve() == dst.resolve()
    except OSError:
        same = False
    if same:
        raise AnnotateError(f"refusing to overwrite the input file {path}; give another -o path")
    try:
        data = src.read_bytes()
    except OSError as exc:
        raise AnnotateError(f"{path}: cannot read ({exc.strerror or exc})") from None
    try:
        out, n = annotate_docx(data, findings, title_line=title_line)
    except AnnotateError as exc:  # the one line a user sees names the file
        raise AnnotateError(exc.message, exc.path or path) from None
    try:
        write_atomic(dst, out, inputs=(path,))
    except OSError as exc:
        raise AnnotateError(f"{output}: cannot write ({exc.strerror or exc})") from None
    return n


def title_line_of(document: Any) -> int | None:
    """The paragraph of a parsed Document's title, where findings without a line go."""
    if document is not None and getattr(document, "title_lines", None):
        return document.title_lines[0].line
    return None
