"""Every rule's documentation (`reportlint rule NAME`) shows its examples in one shape, and they are
true: the rule fires on every Bad example, says what a `→` line says, and is silent on every Good one.

The shape, in a rule function's docstring:

    Bad (what is wrong, in a few words):
        the report, line by line (its first line is the title)
        → a message reportlint gives (optional; one line per message shown)
    Good:
        the report, line by line

A rule may show several Bad and Good examples. The words in parentheses may name a profile
(`--profile 2021-org-four-contrasts`) or set the rule's options (`min_report_chars = 0`); the example
runs with them. A DOCX-only rule's example says in words how its DOCX is set: the test lays the text
out as GB/T 9704 asks (docx_builders.gbt_docx) and changes what DOCX_EXAMPLES says, and every value it
sets must be named in those words, so the words and the build cannot drift apart.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field

import pytest

import reportlint
from reportlint.config import RuleSetting, load_profile
from reportlint.registry import builtin_rules

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

RULES = builtin_rules()

# How the DOCX of a DOCX-only rule's example is set, beyond GB/T 9704: (rule, "Bad" or "Good") →
# changes of paragraphs (by line of the example, 1 = the title) and of the page (gbt_docx's keywords).
DOCX_EXAMPLES: dict[tuple[str, str], dict] = {
    ("title-font", "Bad"): {"lines": {1: {"east_asia": "宋体", "size": 18}}},
    ("title-font", "Good"): {},
    ("heading-font", "Bad"): {"lines": {2: {"east_asia": "宋体"}}},
    ("heading-font", "Good"): {},
    ("body-font", "Bad"): {"lines": {2: {"east_asia": "宋体", "size": 12}, 4: {"east_asia": "宋体", "size": 12}}},
    ("body-font", "Good"): {},
    ("line-spacing", "Bad"): {"lines": {2: {"line_multiple": 1.5}, 4: {"line_multiple": 1.5}}},
    ("line-spacing", "Good"): {},
    ("first-line-indent", "Bad"): {"lines": {2: {"first_line_chars": 0}, 4: {"first_line_chars": 0}}},
    ("first-line-indent", "Good"): {},
    ("page-setup", "Bad"): {"page": {"margins_mm": (25.4, 25.4, 31.8, 31.8)}},
    ("page-setup", "Good"): {},
    ("page-numbers", "Bad"): {"page": {"page_numbers": False}},
    ("page-numbers", "Good"): {},
}


@dataclass
class Example:
    kind: str  # "Bad" or "Good"
    words: str  # what the parentheses say
    lines: list[str] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)  # the → lines

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


_HEADER = re.compile(r"(Bad|Good)(?: \((.*)\))?:$")


def examples(doc: str) -> list[Example]:
    """The Bad and Good examples of a rule's documentation (Rule.doc, dedented)."""
    found: list[Example] = []
    current = None
    for line in doc.splitlines():
        header = _HEADER.fullmatch(line.rstrip())
        if header:
            current = Example(header.group(1), header.group(2) or "")
            found.append(current)
        elif current is not None and line.startswith("    "):
            if line.strip().startswith("→ "):
                current.messages.append(line.strip()[2:])
            else:
                current.lines.append(line[4:])
        elif line.strip():
            current = None
    return found


def _profile(r, words: str):
    name = re.search(r"--profile ([\w-]+)", words)
    prof = load_profile(name.group(1) if name else "default")
    options = {k: tomllib.loads(f"v = {v}")["v"] for k, v in re.findall(r"(\w+) = ([^,;)]+)", words)}
    return prof.with_rules({r.name: RuleSetting(options=options)}) if options else prof


def _document(r, example: Example):
    if r.formats != ("docx",):
        return reportlint.parse_text(example.text, name=f"{r.name}.txt")
    from docx_builders import gbt_docx

    how = DOCX_EXAMPLES[(r.name, example.kind)]
    paragraphs: list = list(example.lines)
    for n, change in how.get("lines", {}).items():
        paragraphs[n - 1] = {"text": paragraphs[n - 1], **change}
    return reportlint.parse(gbt_docx(paragraphs, **how.get("page", {})), name=f"{r.name}.docx")


def _named(value) -> list[str]:
    if isinstance(value, dict):
        return [s for v in value.values() for s in _named(v)]
    if isinstance(value, (list, tuple)):
        return [s for v in value for s in _named(v)]
    if isinstance(value, bool):
        return []
    if isinstance(value, (int, float)):
        return [f"{value:g}"]
    return [value.replace("#", "1")]


@pytest.mark.parametrize("r", RULES, ids=lambda r: r.name)
def test_examples_have_the_shape(r) -> None:
    assert r.summary, r.name  # the first line, which `reportlint rules` lists
    found = examples(r.doc)
    kinds = [e.kind for e in found]
    assert "Bad" in kinds and "Good" in kinds, r.name
    assert all(e.lines for e in found), r.name
    assert all(f"`{key}`" in r.doc for key in r.options), r.name  # every option is documented
    if r.formats == ("docx",):
        assert sorted(kinds) == ["Bad", "Good"], r.name
        for e in found:
            how = DOCX_EXAMPLES[(r.name, e.kind)]
            assert e.words.startswith("DOCX"), (r.name, e.words)
            assert [v for v in _named(how) if v not in e.words] == [], (r.name, e.kind, e.words)


@pytest.mark.parametrize("r", RULES, ids=lambda r: r.name)
def test_bad_examples_fire_and_good_ones_do_not(r) -> None:
    for example in examples(r.doc):
        found = reportlint.lint(_document(r, example), _profile(r, example.words), select=[r.name])
        messages = [f.message for f in found]
        if example.kind == "Good":
            assert messages == [], (r.name, example.text, messages)
        else:
            assert messages, (r.name, example.text)
            assert [m for m in example.messages if m not in messages] == [], (r.name, messages)


_OPTIONS_PARAGRAPH = re.compile(r"^Options?:(.*?)(?:\n\s*\n|\Z)", re.S | re.M)


def documented_options(doc: str) -> list[str]:
    """The option names a rule's documentation gives in its `Options:` paragraph (`name` in backticks)."""
    found = _OPTIONS_PARAGRAPH.search(doc)
    return re.findall(r"`([a-z][a-z0-9_]*)`", found.group(1)) if found else []


def _toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return "{" + ", ".join(f"{k} = {_toml_value(v)}" for k, v in value.items()) + "}"


@pytest.mark.parametrize("r", [r for r in RULES if documented_options(r.doc)], ids=lambda r: r.name)
def test_every_documented_option_is_accepted_by_a_profile(r, tmp_path) -> None:
    """What `reportlint rule NAME` lists under Options is what a profile may set: a profile file
    setting each documented option to its default loads, and the rule runs with it."""
    names = documented_options(r.doc)
    assert [n for n in names if n not in r.options] == [], r.name
    body = "\n".join(f"{n} = {_toml_value(r.options[n])}" for n in dict.fromkeys(names))
    path = tmp_path / "p.toml"
    path.write_text(f'[profile]\nname = "p"\nextends = "default"\n\n[profile.rules.{r.name}]\n{body}\n',
                    encoding="utf-8")
    setting = load_profile(path).setting(r.name)
    assert {n: setting.options[n] for n in names} == {n: r.options[n] for n in names}


def test_a_profile_theme_links_a_problem_to_the_measure_only_that_theme_connects(tmp_path) -> None:
    """`themes` on RL202 (documented there) reaches the matcher: a unit's own work words that no
    shipped theme knows (无人机, 航拍) link once a profile names them as one theme."""
    report = "\n".join([
        "某局党支部2025年度组织生活会对照检查材料",
        "一、存在的主要问题",
        "一是理论学习不够深入，学懂弄通做实不够。二是无人机巡检覆盖不全，偏远林区仍有盲区。",
        "二、问题产生的原因",
        "（一）理论学习抓得不紧，思想建设有所弱化。",
        "三、整改措施",
        "（一）抓实理论学习。每月集中学习一次，学懂弄通做实。",
        "（二）补齐航拍短板。年内新购设备三台，培训飞手六名，偏远区域每月至少飞行一次。",
    ])
    doc = reportlint.parse_text(report, name="t.txt")
    without = [f.section for f in reportlint.lint(doc, select=["problem-without-measure"])]
    assert without == ["一/二是"]
    path = tmp_path / "p.toml"
    path.write_text('[profile]\nname = "p"\nextends = "default"\n\n[profile.rules.problem-without-measure]\n'
                    'themes = [{name = "低空巡检", keywords = ["无人机", "航拍", "飞手"]}]\n', encoding="utf-8")
    assert [f.section for f in reportlint.lint(doc, load_profile(path), select=["problem-without-measure"])] == []


@pytest.mark.parametrize(("table", "says"), [
    ('themes = [{keywords = ["无人机"]}]', "rules.problem-without-cause: themes[0] needs a 'name'"),
    ('themes = [{name = "低空", keywords = "无人机"}]', "themes[0].keywords must be a list of strings"),
    ('categories = [{id = "C9", pattern = ["航拍"]}]', "categories[0]: unknown key 'pattern'"),
])
def test_a_malformed_theme_table_is_refused_when_the_profile_loads(tmp_path, table, says) -> None:
    path = tmp_path / "p.toml"
    path.write_text(f'[profile]\nname = "p"\n\n[profile.rules.problem-without-cause]\n{table}\n', encoding="utf-8")
    with pytest.raises(reportlint.ConfigError, match=re.escape(says)):
        load_profile(path)


def test_every_built_in_rule_has_a_chinese_title() -> None:
    """Comments in Word, the review page and the service show the rule by its Chinese title."""
    from reportlint.i18n import RULE_TITLES

    assert [r.code for r in builtin_rules() if r.code not in RULE_TITLES] == []
