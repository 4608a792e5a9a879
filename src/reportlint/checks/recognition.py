"""Is this document a report at all? A repository or a shared folder also holds READMEs, changelogs,
notices and work summaries: RL100 gives such a file one info finding saying what it looks like,
and the engine then checks it for nothing else (three missing-part errors on a README help nobody).

The decision reads the title first (what the document calls itself), then the parts; the words are
data in rules/vocab/genres.toml.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..model import Document
from ..normalize import key, simplify
from ..patterns import LazyPattern, compile_patterns
from ..resources import load_data
from . import Context, Hit, rule

_CJK = LazyPattern(r"[\u3400-\u9fff]")
_CODE_FENCE = re.compile(r"\s*(```|~~~)")
_TRAILING_NOTE = re.compile(r"\s*[（(【\[〔][^（()）【】\[\]〔〕]*[）)】\]〕]\s*$")


@dataclass(frozen=True)
class Genres:
    report: re.Pattern[str]
    other: tuple[tuple[str, re.Pattern[str]], ...]
    roles: frozenset[str]
    body: re.Pattern[str]
    problems: re.Pattern[str]


@functools.cache
def _genres() -> Genres:
    data = load_data("vocab", "genres.toml")
    return Genres(
        compile_patterns(data["report"]),
        tuple((o["kind"], compile_patterns(o["patterns"])) for o in data["other"]),
        frozenset(data["roles"]),
        compile_patterns(data["body"]),
        compile_patterns(data["problems"]),
    )


def title_key(title: str) -> str:
    """The title as the genre patterns read it: without trailing notes such as （讨论稿）, （2024年12月）."""
    title = simplify(title).strip()
    while (shorter := _TRAILING_NOTE.sub("", title)) != title:
        title = shorter
    return key(title).lower()


def not_a_report(doc: Document) -> str | None:
    """Why this document is not read as a report, or None when it is one (or may be one)."""
    genres = _genres()
    title = key(doc.title or "")
    genre = _title_genre(doc, genres)
    if genre:
        kind, line = genre
        return None if kind == "report" else f"标题“{_shown(line)}”表明这是{kind}"
    if doc.source and any(_CODE_FENCE.match(p.text) for p in doc.source.paragraphs):
        return "文件含 Markdown 代码块（```），是技术文档"
    roles = {s.role for s in doc.walk()} & genres.roles
    if len(roles) >= 2 or any(s.role == "problems" and genres.problems.search(key(s.heading)) for s in doc.sections):
        return None
    if roles and genres.body.search(title + key(" ".join(span.text for span in doc.preamble))):
        return None
    if not title:
        what = "没有标题"
    elif not _CJK.search(title):
        what = f"标题“{_shown_title(doc)}”不含汉字"
    else:
        what = f"标题“{_shown_title(doc)}”不是对照检查材料、检视剖析材料或发言提纲的标题"
    return f"{what}，也没有找到问题、原因、整改措施等部分"


def _title_genre(doc: Document, genres: Genres) -> tuple[str, str] | None:
    """("report" or the kind of another document, the title line that says so), or None. The title
    block may have taken in a salutation (各党支部：) or an author line, so its lines are read from
    the last, and the last one that names a kind decides."""
    lines = [span.text for span in doc.title_lines] or ([doc.title] if doc.title else [])
    for line in reversed(lines):
        text = title_key(line)
        for kind, pattern in genres.other:
            if pattern.search(text):
                return kind, line
        if genres.report.search(text):
            return "report", line
    return None


def _shown_title(doc: Document) -> str:
    return _shown(doc.title_lines[0].text if doc.title_lines else doc.title or "")


def _shown(line: str) -> str:
    """A title line short enough for a one-line message."""
    text = " ".join(line.split())
    return text if len(text) <= 30 else text[:29] + "…"


@rule("RL100", "not-a-report", severity="info")
def not_a_report_rule(ctx: Context) -> Iterator[Hit]:
    """A file that is not a report (a project's own documentation, a notice, a work summary) is
    checked for nothing else.

    A report is recognised by its title (…对照检查材料, …检视剖析材料, …发言提纲, …生活会…, 党性分析,
    自查报告, 整改报告) or, without such a title, by its parts: two of problems, causes, measures,
    case, previous and a 对照 heading, or a part named as a report names its problems (一、存在的问题;
    a bare 常见问题 is not enough). A title that names another kind of document wins even when it
    names a meeting or the document has a 存在的问题 part: 通知, 方案, 工作总结, 述职报告, 情况报告,
    讲话, 心得体会, 模板 and the like (rules/vocab/genres.toml). Such a file gets this one finding and
    no other, so a hook over a whole repository does not fail on the project's own documentation.
    To check a file as a report whatever it looks like, turn this rule off (`--ignore
    not-a-report`, or `not-a-report = "off"` under `[rules]`); `--select` without it does the same.

    Bad (a meeting notice):
        关于召开2024年度民主生活会的通知
        各党支部：
        经研究，定于12月20日召开2024年度民主生活会，请做好准备。
        → 未按对照检查材料检查：标题“关于召开2024年度民主生活会的通知”表明这是通知、函、纪要等公文
    Good (a report that opens with its preamble: its parts say what it is):
        根据支部通知要求，我对照党员标准认真查摆了自身不足。
        一、存在的问题
        一是学习不够深入，全年只读完2本理论书籍。
        二、产生问题的原因
        理论武装抓得不紧，满足于参加集中学习。
        三、整改措施
        每月精读一本理论书籍，年底前写出3篇心得。
    """
    reason = not_a_report(ctx.doc)
    if reason is None:
        return
    message = f"未按对照检查材料检查：{reason}"
    if ctx.doc.title_lines:
        first = ctx.doc.title_lines[0]
        yield ctx.hit(first, 0, len(first.text), message)
    else:
        yield ctx.hit_document(message)
