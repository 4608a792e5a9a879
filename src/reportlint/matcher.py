"""Problem ↔ cause ↔ measure correspondence (问题准、原因清、措施明).

`correspond(doc)` links every problem unit to the cause units that explain it and the measure units
that answer it. Each link has a score in [0, 1] and the evidence a reader can check. These signals
are combined:

- **themes** — vocabularies in rules/vocab/themes.toml (学习, 作风, 廉洁 …). A problem and a measure
  that share a theme are linked; when the problem's headline names themes, the measure must show one
  of them (a theme the body mentions in passing does not make a measure the answer). A problem links
  to a cause through the theme's cause categories: a 学习 problem is explained by a 思想建设/理论学习
  cause, which need not repeat the same words.
- **words** — character bigrams (the usual unit for Chinese text without a segmenter), weighted by
  IDF over the report's own units, with boilerplate bigrams (不够, 加强, 进一步 …) dropped. The
  first sentence of a unit (its headline; in a DOCX, a bold lead before it) counts double. Shared runs of bigrams become the evidence
  terms (服务群众, 工作方法).
- **terms** — specific character trigrams shared by the two units (属地网站, 网民留言, 分级诊疗): IDF
  over the report's units, trigrams with a particle or a boilerplate bigram dropped, a trigram that
  is not part of a longer shared run counting half (it is often the seam of two words), and a
  problem's body counting less than its headline. This carries a report's own domain words, which
  no vocabulary lists.
- **frame** — the comparison heading a problem is listed under (检视党性修养提高情况,
  对照人民群众新期待) naming the root a cause gives (党性锻炼, 宗旨意识): a hint that backs a cause
  link with other evidence, or carries it alone for a problem that names no theme of its own, as a
  reviewer reads 燃气管道老化更新推进迟缓 under 在担当作为方面 as explained by 担当精神有所减弱.
- **bridge** — problem → its own measure → the cause that measure answers (措施 grouped under the
  same words as a cause: 改进服务流程 … ↔ 没有从…出发改进服务流程): the 问题-原因-措施 chain a reviewer
  follows when a cause is phrased abstractly. Evidence `经措施三/（三）/2`.
- **structure** — the heading a cause or measure sits under (三/（一）突出“三个结合”，抓实学习整改
  colours all three of its items), `针对…问题` references back to a problem, and parallel numbering
  across parts (problem （二） ↔ cause （二）) when the parts have the same number of sections.
- **leftovers** — after linking, a problem left without a cause (or measure) whose nearest one is
  left without a problem is paired with it (evidence `余项对应`), as a reviewer reads by elimination;
  only when at most a third of the problems are left, from half of min_score up.

The signals are combined by a noisy-or (each one closes part of the distance to 1), so a link backed
by a theme and shared words scores higher than either alone. All work is linear in the size of the
units plus the number of candidate pairs (inverted indexes; in a huge report each problem scores a
bounded number of its likeliest targets, and each target is scored against its own likeliest problems,
so that none is left unscored), so the cost per KB stays flat as a report grows. Per pair, the work
is a few lookups: the theme and frame signals depend only on the two units' theme weights, so they
are computed once per pair of distinct weight profiles; grams are tested through a per-bigram memo;
and a scored pair stays a plain tuple unless it is kept (or is a problem's
nearest), when it becomes a `Link`.
"""

from __future__ import annotations

import itertools
import math
import operator
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from . import deadline
from .chars import CLAUSE_END, HAN, QUOTES, SENTENCE_END, is_han
from .errors import ReadError
from .limits import LIMITS
from .model import Document, Item, Section, Unit
from .normalize import simplify
from .resources import vocab

DEFAULTS: dict[str, Any] = {
    "min_score": 0.3,  # a link below this does not count
    "relative": 0.85,  # keep a problem's links at least this fraction of its best link
    "max_links": 3,  # per problem and kind (causes, measures); a target also keeps its best problem
    "theme_weight": 0.7,  # the most the theme signal alone can give
    "lexical_scale": 3.0,  # cosine × scale, capped at lexical_cap
    "lexical_cap": 0.75,
    "context_weight": 0.6,  # weight of the heading a cause/measure sits under
    "headline_weight": 2.0,  # weight of a unit's first sentence
    "structure": True,  # use numbering and 针对… references
    "parallel_weight": 0.15,  # same number when both parts have the same number of sections (a weak hint)
    "reference_weight": 0.8,  # a 针对…问题 phrase naming the problem
    "hint_floor": None,  # parallel numbering only adds to links already this strong (None: min_score)
    "max_df": 0.5,  # bigrams in more than this share of units are boilerplate
    "term_weight": 0.2,  # a shared specific trigram (a rare word of 3+ characters) in both units
    "term_cap": 0.6,
    "term_body_weight": 0.5,  # a problem's trigrams outside its headline
    "term_single": 0.5,  # a shared trigram not part of a longer shared run (often across two words)
    "frame_weight": 0.3,  # the problem's comparison heading naming a cause's category (a hint)
    "frame_floor": 0.25,  # … that backs a link with at least this much other evidence (any, for a problem without themes)
    "bridge_weight": 0.3,  # problem → its measure → the cause that measure answers (问题-原因-措施 chain)
    "max_candidates": 30,  # in a huge report, a problem's likeliest targets scored, and each target's likeliest problems
    "leftover_ratio": 0.5,  # a problem and a target both left unlinked pair up from this × min_score (0: never)
    "themes": [],  # extra [[theme]] tables (same shape as themes.toml)
    "categories": [],  # extra [[category]] tables
    "stop_grams": [],  # extra stop bigrams
}

_CJK = re.compile(f"[{HAN}]+")
_STRIP = re.compile(f"[\\s{QUOTES}]+")
_REFERENCE = re.compile(r"针对([^。；;，,]{2,40}?)(?:的|等)?(?:问题|不足|短板|差距|现象)")
_SECONDARY = (1.0, 0.35, 0.25)  # a theme's own cause category, then generic roots (never enough alone)
_BUDGET = 6  # × max_candidates: index entries a problem visits in a huge report
# × max_candidates: the targets up to which every pair with any signal is scored (a huge report above
# it scores each problem's likeliest candidates). Scoring every pair is the faster of the two up to
# about this many targets (measured on the benchmark reports of bench/run.py, 100–300 KB).
_EXACT_UP_TO = 6
_BRIDGE_TOP = 3  # causes kept per measure for the problem → measure → cause bridge


# --------------------------------------------------------------------------------------------------
# results


@dataclass
class Link:
    """One link from a problem to a cause or measure."""

    id: str
    score: float
    evidence: list[str]
    signals: dict[str, float] = field(default_factory=dict)  # theme / words / structure parts

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "score": round(self.score, 2), "evidence": list(self.evidence)}


@dataclass
class Entry:
    """A unit in the map: the unit, its headline, its themes, and its links."""

    unit: Unit
    headline: str
    themes: dict[str, float] = field(default_factory=dict)
    categories: dict[str, float] = field(default_factory=dict)
    causes: list[Link] = field(default_factory=list)  # problems only
    measures: list[Link] = field(default_factory=list)  # problems only
    problems: list[str] = field(default_factory=list)  # causes and measures: problems linked to it
    nearest: dict[str, Link | None] = field(default_factory=dict)  # problems: best candidate per kind

    @property
    def id(self) -> str:
        return self.unit.id

    @property
    def links(self) -> list[Link]:
        """All links of a problem, best first."""
        return sorted([*self.causes, *self.measures], key=lambda link: -link.score)

    @property
    def orphan(self) -> bool:
        if self.unit.role == "problems":
            return not self.causes and not self.measures
        return not self.problems

    def base_dict(self) -> dict[str, Any]:
        u = self.unit
        return {"id": u.id, "section": u.path, "line": u.line, "column": u.column, "text": u.text}


@dataclass
class Correspondence:
    path: str
    problems: list[Entry]
    causes: list[Entry]
    measures: list[Entry]
    has_causes_part: bool
    has_measures_part: bool
    options: dict[str, Any]

    def entry(self, unit_id: str) -> Entry:
        return self._by_id()[unit_id]

    def _by_id(self) -> dict[str, Entry]:
        cache = self.__dict__.get("_index")
        if cache is None:
            cache = {e.id: e for e in (*self.problems, *self.causes, *self.measures)}
            self.__dict__["_index"] = cache
        return cache

    def to_dict(self) -> dict[str, Any]:
        """The `map --format json` shape (SPEC §3)."""
        return {
            "path": self.path,
            "problems": [
                {**e.base_dict(), "causes": [lk.to_dict() for lk in e.causes],
                 "measures": [lk.to_dict() for lk in e.measures]}
                for e in self.problems
            ],
            "causes": [{**e.base_dict(), "problems": list(e.problems)} for e in self.causes],
            "measures": [{**e.base_dict(), "problems": list(e.problems)} for e in self.measures],
        }


# --------------------------------------------------------------------------------------------------
# vocabulary


@dataclass
class _Theme:
    name: str
    strong: tuple[str, ...]
    keywords: tuple[str, ...]
    measure: tuple[str, ...]
    causes: tuple[str, ...]


@dataclass
class _Vocab:
    themes: list[_Theme]
    categories: dict[str, tuple[str, tuple[str, ...]]]  # id → (name, patterns)
    stop: frozenset[str]
    drop_chars: frozenset[str]
    pinyin: list[tuple[str, str]]
    words: frozenset[str] = frozenset()  # every theme keyword and category pattern

    @property
    def by_name(self) -> dict[str, _Theme]:
        cache = self.__dict__.get("_by_name")
        if cache is None:
            cache = self.__dict__["_by_name"] = {t.name: t for t in self.themes}
        return cache

    def words_in(self, text: str) -> frozenset[str]:
        """The vocabulary words (two characters or more) that occur in `text`. Words are indexed by
        their first two characters, so only the words starting with a pair the text contains are
        tested, not the whole vocabulary for every unit. The pairs are found by a regular expression
        that stops only at a character some word starts with."""
        index = self.__dict__.get("_by_pair")
        if index is None:
            index = {}
            for w in self.words:
                if len(w) >= 2:
                    index.setdefault(w[:2], []).append(w)
            firsts = "".join(sorted({p[0] for p in index}))
            self.__dict__["_by_pair"] = index
            self.__dict__["_pairs"] = frozenset(index)
            self.__dict__["_pair_at"] = re.compile(f"(?s)(?=([{re.escape(firsts)}].))" if firsts else "(?!)")
        found: set[str] = set()
        for pair in self.__dict__["_pairs"].intersection(self.__dict__["_pair_at"].findall(text)):
            found.update(w for w in index[pair] if w in text)
        return frozenset(found)


def _norm_words(words: Iterable[str]) -> tuple[str, ...]:
    out = []
    for w in words:
        k = _STRIP.sub("", simplify(w)).lower()
        if k and k not in out:
            out.append(k)
    return tuple(out)


_VOCAB_CACHE: dict[tuple, _Vocab] = {}


def _load_vocab(options: Mapping[str, Any]) -> _Vocab:
    extra_key = (repr(options.get("themes")), repr(options.get("categories")), repr(options.get("stop_grams")))
    if extra_key in _VOCAB_CACHE:
        return _VOCAB_CACHE[extra_key]
    data = vocab("themes")
    lexical = data.get("lexical", {})
    themes: dict[str, _Theme] = {}
    for table in [*data.get("theme", []), *(options.get("themes") or [])]:
        name = table["name"]
        keywords = _norm_words(table.get("keywords", []))
        old = themes.get(name)
        if old is not None:  # a user's table with the same name extends the shipped one
            keywords = _norm_words([*old.keywords, *keywords])
            measure = _norm_words([*old.measure, *table.get("measure", [])])
            causes = tuple(dict.fromkeys([*old.causes, *table.get("causes", [])]))
            themes[name] = _Theme(name, old.strong, keywords, measure, causes)
        else:
            themes[name] = _Theme(name, keywords[:4], keywords, _norm_words(table.get("measure", [])),
                                  tuple(table.get("causes", [])))
    categories: dict[str, tuple[str, tuple[str, ...]]] = {}
    for table in [*data.get("category", []), *(options.get("categories") or [])]:
        cid = table["id"]
        old_name, old_patterns = categories.get(cid, (table.get("name", cid), ()))
        categories[cid] = (table.get("name", old_name), _norm_words([*old_patterns, *table.get("patterns", [])]))
    stop = frozenset(_norm_words([*lexical.get("stop_grams", []), *(options.get("stop_grams") or [])]))
    pinyin = sorted(lexical.get("pinyin", {}).items(), key=lambda kv: -len(kv[0]))
    words = frozenset(w for t in themes.values() for w in (*t.keywords, *t.measure)) | frozenset(
        p for _n, ps in categories.values() for p in ps)
    result = _Vocab(list(themes.values()), categories, stop, frozenset(lexical.get("drop_chars", "")), pinyin,
                    words)
    _VOCAB_CACHE[extra_key] = result
    return result


# --------------------------------------------------------------------------------------------------
# unit features


@dataclass
class _Feat:
    head: str  # normalised headline
    body: str  # normalised rest of the text
    context: str  # normalised heading the unit sits under ("" for problems)
    number: int | None  # its second-level section number within the part (for parallel numbering)
    ordinal: int  # position within its role
    frame: bool = False  # the headline is a comparison heading (在…方面): a frame, not the problem itself
    problem: bool = False  # a problem unit (its body's words count less than its headline's)
    frame_text: str = ""  # problems: the comparison heading they are listed under (对照人民群众新期待)
    frame_themes: dict[str, float] = field(default_factory=dict)  # … its themes and cause categories
    frame_categories: dict[str, float] = field(default_factory=dict)
    vocab: frozenset[str] = frozenset()  # the vocabulary words (themes, categories) the unit contains
    grams: dict[str, float] = field(default_factory=dict)  # weighted bigram vector (L2-normalised)
    terms: dict[str, float] = field(default_factory=dict)  # specific trigrams → specificity in (0, 1]
    heads: list[str] = field(default_factory=list)  # the headline's bigrams (`_bigrams`)
    head_themes: frozenset[str] = frozenset()  # problems: the themes its headline names (what it is about)


def _prep(text: str, v: _Vocab) -> str:
    t = _STRIP.sub("", unicodedata.normalize("NFKC", simplify(text))).lower()
    for latin, chinese in v.pinyin:
        if latin in t:
            t = t.replace(latin, chinese)
    return t


_HEADLINE_END = re.compile(f"[{re.escape(SENTENCE_END)}]")


def _split_headline(text: str, bold_lead: int = 0) -> tuple[str, str]:
    """The first sentence (if it ends within 60 characters) and the rest; but a DOCX headline set
    in bold (4 to 60 characters) that ends before the first full stop is the headline, as the writer
    marked it (**涉密资料保管不严**今年3月…。)."""
    end = _HEADLINE_END.search(text, 0, 60)
    if 4 <= bold_lead <= 60 and (end is None or bold_lead < end.start()):
        return text[:bold_lead], text[bold_lead:]
    return (text[: end.end()], text[end.end() :]) if end else ("", text)


def _headline(unit: Unit, section: Section | None) -> str:
    """What a reader calls the unit: a section's heading, else its first sentence (short)."""
    if section is not None and section.heading and unit.text.startswith(section.heading):
        return section.heading
    head, _ = _split_headline(unit.text, unit.bold_lead)
    head = head.rstrip(CLAUSE_END) if head else unit.text[:30]
    return head


_TRI_SKIP = frozenset("的了着是在对有不得会把被将与和及或等也都就还又很于之其这那个些")


_WORD, _INNER = 1, 2  # a word bigram; a bigram that can be inside a content trigram


class _PairKinds(dict):
    """Bigram → which of _WORD and _INNER it is (bits), memoised: a report has a few thousand
    distinct bigrams but tens of thousands of occurrences. A word bigram: two Chinese characters, not boilerplate, no dropped character (了, 吗 …);
    inside a content trigram: two Chinese characters, not boilerplate, no particle. A pair with a
    character that is not Chinese is neither: it spans two runs."""

    def __init__(self, v: _Vocab) -> None:
        super().__init__()
        self.stop, self.drop = v.stop, v.drop_chars

    def __missing__(self, pair: str) -> int:
        a, b = pair[0], pair[1]
        kinds = 0
        if is_han(a) and is_han(b) and pair not in self.stop:
            if a not in self.drop and b not in self.drop:
                kinds |= _WORD
            if a not in _TRI_SKIP and b not in _TRI_SKIP:
                kinds |= _INNER
        self[pair] = kinds
        return kinds


_PAIR_MEMO_MAX = 200_000  # distinct pairs remembered (~20 MB), then forgotten


def _pair_kinds(v: _Vocab) -> _PairKinds:
    """The bigram memo of the vocabulary (bounded for a long-lived process)."""
    kinds = v.__dict__.get("_pair_kinds")
    if kinds is None or len(kinds) > _PAIR_MEMO_MAX:
        kinds = v.__dict__["_pair_kinds"] = _PairKinds(v)
    return kinds


def _pairs(run: str) -> list[str]:
    """The character pairs of a string in order (run[i] + run[i + 1])."""
    return list(map(operator.add, run, run[1:]))


def _grams(text: str, v: _Vocab) -> tuple[list[str], dict[str, None]]:
    """The word bigrams of a text (`_bigrams`) and its trigrams that can be part of a content word:
    no particle or function character, no boilerplate bigram inside (属地网站 → 属地网, 地网站; not
    不及时, 满足于). A trigram passes when both its bigrams do, which covers its three characters.
    The trigrams are in text order (a dict, not a set: the sums over them must not depend on hashing).
    Every pair of the text is tested (through the memo `_pair_kinds`): a pair that leaves a
    run of Chinese characters fails, so the grams are those of the runs, without a loop over runs."""
    pairs = _pairs(text)
    kinds = list(map(_pair_kinds(v).__getitem__, pairs))
    inner = list(map(operator.and_, kinds, itertools.repeat(_INNER)))
    trigrams = itertools.compress(map(operator.add, pairs, text[2:]), map(operator.and_, inner, inner[1:]))
    words = itertools.compress(pairs, map(operator.and_, kinds, itertools.repeat(_WORD)))
    return list(words), dict.fromkeys(trigrams)


def _bigrams(text: str, v: _Vocab) -> list[str]:
    """Character bigrams in text order, without boilerplate bigrams or a dropped character (了, 吗 …)."""
    pairs = _pairs(text)
    kinds = map(_pair_kinds(v).__getitem__, pairs)
    return list(itertools.compress(pairs, map(operator.and_, kinds, itertools.repeat(_WORD))))


class _Index:
    """Sections by path, and which section a unit is (if it is not an item)."""

    def __init__(self, doc: Document) -> None:
        self.by_path: dict[str, Section] = {s.path: s for s in doc.walk()}
        self.item_section: dict[tuple[int, int], Section] = {}
        for s in doc.walk():
            for it in s.items:
                self.item_section[(it.line, it.column)] = s

    def section_of(self, unit: Unit) -> Section | None:
        """The section a unit *is* (for section units), else None."""
        if (unit.line, unit.column) in self.item_section:
            return None
        s = self.by_path.get(unit.path)
        return s if s is not None and s.line == unit.line else None

    def container(self, unit: Unit) -> Section | None:
        """The section holding an item unit."""
        return self.item_section.get((unit.line, unit.column))


def _second_level_number(unit: Unit, index: _Index) -> int | None:
    node: Section | Item | None = index.container(unit) or index.section_of(unit)
    chain = []
    while isinstance(node, Section):
        chain.append(node)
        node = node.parent
    chain.reverse()  # part, level-2, ...
    return chain[1].number if len(chain) > 1 else None


def _features(units: list[Unit], index: _Index, v: _Vocab, use_context: bool) -> list[tuple[str, _Feat]]:
    out = []
    frames: dict[str, tuple[str, dict[str, float], dict[str, float]]] = {}
    contexts: dict[str, str] = {"": ""}  # heading → _prep(heading): the items under a heading share it
    for n, unit in enumerate(units):
        deadline.check()
        section = index.section_of(unit)
        headline = _headline(unit, section)
        if section is not None:
            head, body = section.heading, unit.text[len(section.heading) :] if unit.text.startswith(
                section.heading) else unit.text
            holder = section.parent
        else:
            head, body = _split_headline(unit.text, unit.bold_lead)
            holder = index.container(unit)
        context = frame = ""
        if use_context and holder is not None and holder.parent is not None:  # not a part heading
            context = holder.heading
        if not use_context:  # a problem: the heading that frames it (检视党性修养…, 对照人民群众新期待)
            if section is not None and section.role == "comparison":
                frame = section.heading
            elif holder is not None and holder.parent is not None:
                frame = holder.heading
        if context not in contexts:
            contexts[context] = _prep(context, v)
        feat = _Feat(_prep(head, v), _prep(body, v), contexts[context], _second_level_number(unit, index), n,
                     frame=section is not None and section.role == "comparison", problem=not use_context)
        text = feat.head + feat.body + feat.context
        feat.vocab = v.words_in(text)
        if frame:
            if frame not in frames:  # items under one heading share it
                framed = _Feat(_prep(frame, v), "", "", None, n)
                framed.vocab = v.words_in(framed.head)
                frames[frame] = (framed.head, _theme_weights(framed, v, "causes"), _category_weights(framed, v))
            feat.frame_text, feat.frame_themes, feat.frame_categories = frames[frame]
        out.append((headline, feat))
    return out


def _occurrences(text: str, word: str) -> Iterable[int]:
    start = text.find(word)
    while start >= 0:
        yield start
        start = text.find(word, start + 1)


def _keyword_order(v: _Vocab, measures: bool
                   ) -> tuple[list[tuple[_Theme, str, bool]], dict[str, list[int]], list[int]]:
    """The (theme, keyword, strong) a unit is searched for, in vocabulary order; where each word of
    two characters or more is in that list; and where the shorter ones are (cached on the vocabulary)."""
    cache = v.__dict__.setdefault("_keyword_order", {})
    if measures not in cache:
        order: list[tuple[_Theme, str, bool]] = []
        at: dict[str, list[int]] = {}
        short: list[int] = []
        for theme in v.themes:
            for w in (theme.keywords if not measures else theme.keywords + theme.measure):
                if len(w) >= 2:
                    at.setdefault(w, []).append(len(order))
                else:
                    short.append(len(order))
                order.append((theme, w, w in theme.strong or w in theme.measure))
        cache[measures] = (order, at, short)
    return cache[measures]


_SEGMENT_WEIGHTS = {True: {"head": 0.85, "body": 0.45, "context": 0.4},  # a strong keyword
                    False: {"head": 0.6, "body": 0.3, "context": 0.4}}


def _theme_weights(f: _Feat, v: _Vocab, role: str) -> dict[str, float]:
    """How strongly each theme shows in a unit, in [0, 1].

    A keyword inside a longer keyword of another theme does not count (保密纪律 is 保密, not 纪律).
    In a problem whose headline names a theme, themes seen only in the body count 0.4: the
    headline says what the problem is about, the body's incidental words (群众, 企业) do not. Such
    a problem's headline themes are kept in `f.head_themes` (a measure must show one of them)."""
    segments = (("head", f.head), ("body", f.body), ("context", f.context))
    matches: list[tuple[str, int, int, str, str, float]] = []  # segment, start, end, theme, word, weight
    # every (theme, keyword) in vocabulary order, but only those a unit can contain: single
    # characters, and the words of two or more in f.vocab (the vocabulary words the unit contains)
    order, at, short = _keyword_order(v, role == "measures")
    wanted = sorted([*short, *(k for w in f.vocab for k in at.get(w, ()))])
    for k in wanted:
        theme, w, strong = order[k]
        for seg, text in segments:
            if not text or w not in text:
                continue
            weight = _SEGMENT_WEIGHTS[strong][seg]
            matches.extend((seg, i, i + len(w), theme.name, w, weight) for i in _occurrences(text, w))
    # (segment, start) → [(end, theme)]: a longer keyword containing a match starts at most
    # `longest` characters before it, so the containment test looks at a few starts, not at every
    # match (a long paragraph repeating a keyword would otherwise cost matches²)
    by_start: dict[tuple[str, int], list[tuple[int, str]]] = defaultdict(list)
    longest = 0
    seg_longest: dict[str, int] = defaultdict(int)  # no match is longer than this one: nothing to test
    for seg, start, end, name, _w, _wt in matches:
        by_start[(seg, start)].append((end, name))
        longest = max(longest, end - start)
        seg_longest[seg] = max(seg_longest[seg], end - start)
    best: dict[tuple[str, str], float] = {}  # (theme, word) → best weight
    head_themes: set[str] = set()
    for seg, start, end, name, word, weight in matches:
        if end - start < seg_longest[seg] and any(
                e - s > end - start and end <= e and n != name
                for s in range(max(0, end - longest), start + 1)
                for e, n in by_start.get((seg, s), ())):
            continue
        key = (name, word)
        if weight > best.get(key, 0.0):
            best[key] = weight
        if seg == "head":
            head_themes.add(name)
    miss: dict[str, float] = defaultdict(lambda: 1.0)
    for (name, _word), weight in best.items():
        miss[name] *= 1.0 - weight
    out = {name: round(1.0 - m, 4) for name, m in miss.items()}
    if role == "problems" and head_themes and not f.frame:
        out = {name: (w if name in head_themes else round(w * 0.4, 4)) for name, w in out.items()}
        f.head_themes = frozenset(head_themes)
    return out


def _category_weights(f: _Feat, v: _Vocab) -> dict[str, float]:
    out: dict[str, float] = {}
    for cid, (_name, patterns) in v.categories.items():
        best = 0.0
        for p in patterns:
            if p in f.head:
                best = 1.0
                break
            if f.context and p in f.context:
                best = max(best, 0.8)
            elif p in f.body:
                best = max(best, 0.35)
        if best:
            out[cid] = best
    return out


class _Damped(dict):
    """Term weight → damped term weight (1 + log w), memoised: the same few weights recur."""

    def __missing__(self, w: float) -> float:
        damped = self[w] = 1.0 + math.log(w) if w >= 1 else w
        return damped


def _vectors(feats: list[_Feat], v: _Vocab, opts: Mapping[str, Any]) -> None:
    """Each unit's bigram vector (`grams`) and specific trigrams (`terms`), weighted over the
    report's units. The idf and specificity of a gram depend only on its document frequency: they
    are computed once per distinct gram, then looked up for every unit."""
    hw, cw = float(opts["headline_weight"]), float(opts["context_weight"])
    context_grams: dict[str, tuple[list[str], dict[str, None]]] = {}  # many units share a heading
    raw: list[dict[str, float]] = []
    tris: list[dict[str, None]] = []
    heads: list[dict[str, None]] = []
    df: Counter[str] = Counter()
    tdf: Counter[str] = Counter()
    for f in feats:
        segments = [(f.head, hw), (f.body, 1.0)] + ([(f.context, cw)] if f.context else [])
        tf: dict[str, float] = defaultdict(float)
        ts: dict[str, None] = {}
        for k, (text, weight) in enumerate(segments):
            grams = context_grams.get(text) if k == 2 else None
            if grams is None:
                grams = _grams(text, v)
                if k == 2:
                    context_grams[text] = grams
            for g in grams[0]:  # repeated additions, not count × weight: the same floats as ever
                tf[g] += weight
            if k == 0:
                f.heads = grams[0]
                heads.append(grams[1])
            # the trigrams of head, then body, then context, each first occurrence in that order
            ts.update(grams[1])
        raw.append(tf)
        tris.append(ts)
        df.update(tf.keys())
        tdf.update(ts.keys())
    n = len(feats)
    limit = max(3, float(opts["max_df"]) * n)
    top = math.log((n + 1) / 2.5)  # a trigram in two units is fully specific
    specs: dict[int, float] = {}  # document frequency → specificity (the same few values again and again)
    spec_of: dict[str, float] = {}
    for g, d in tdf.items():
        if 2 <= d <= limit:
            spec = specs.get(d)
            if spec is None:
                spec = specs[d] = min(1.0, math.log((n + 1) / (d + 0.5)) / top) if top > 0 else 1.0
            spec_of[g] = spec
    bw = float(opts["term_body_weight"])
    for f, ts, hs in zip(feats, tris, heads, strict=True):
        if f.problem:
            f.terms = {g: spec_of[g] if g in hs else spec_of[g] * bw for g in ts if g in spec_of}
        else:
            f.terms = {g: spec_of[g] for g in ts if g in spec_of}
    idfs: dict[int, float] = {}  # document frequency → idf
    idf_of: dict[str, float] = {}
    for g, d in df.items():
        if d <= limit:
            idf = idfs.get(d)
            if idf is None:
                idf = idfs[d] = math.log((n + 1) / (d + 0.5))
            if idf > 0:
                idf_of[g] = idf
    damped = _Damped()
    for f, tf in zip(feats, raw, strict=True):
        vec = {g: damped[w] * idf_of[g] for g, w in tf.items() if g in idf_of}
        values = list(vec.values())
        norm = math.sqrt(sum(map(operator.mul, values, values))) or 1.0
        f.grams = {g: x / norm for g, x in vec.items()}


def _cosines(sources: list[_Feat], targets: list[_Feat], longest: int,
             budget: int | None = None) -> list[dict[int, float]]:
    """Cosine of every source with the targets it shares a bigram with (an inverted index).

    Bigrams shared by more than `longest` targets only refine the scores of pairs found through
    rarer ones (`_dot`): in a huge report they would make the index quadratic, and they carry the
    least weight anyway. With a `budget` (a huge report), a source visits its rarest bigrams' postings
    first and stops after `budget` entries: the work per source is bounded, whatever the report's
    length, and the scores are partial (`_dot` makes them exact for the candidates kept)."""
    postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for j, t in enumerate(targets):
        for g, w in t.grams.items():
            postings[g].append((j, w))
    # the bigrams a source visits: those some target has, in at most `longest` targets (the
    # bigrams it drops would add nothing or be skipped)
    usable = {g for g, p in postings.items() if len(p) <= longest}
    size = {g: len(postings[g]) for g in usable}  # to visit a source's rarest bigrams first
    out = []
    for s in sources:
        deadline.check()
        acc: dict[int, float] = defaultdict(float)
        grams = s.grams
        order: Iterable[str] = filter(usable.__contains__, grams)
        if budget is not None:  # rarest first (a stable sort: deterministic)
            order = sorted(order, key=size.__getitem__)
        visits = 0
        for g in order:
            posting = postings[g]
            w = grams[g]
            for j, tw in posting:
                acc[j] += w * tw
            if budget is not None:
                visits += len(posting)
                if visits >= budget:
                    break
        out.append(acc)
    return out


def _overlaps(terms: Iterable[str]) -> dict[str, frozenset[str]]:
    """Trigram → the trigrams of `terms` it overlaps by two characters (属地网 → 地网站), computed
    once per source rather than once per target it shares several trigrams with."""
    by_head: dict[str, list[str]] = defaultdict(list)
    by_tail: dict[str, list[str]] = defaultdict(list)
    for h in terms:
        by_head[h[:2]].append(h)
        by_tail[h[1:]].append(h)
    return {g: frozenset(by_head.get(g[1:], []) + by_tail.get(g[:2], [])) for g in terms}


def _shared_trigrams(sources: list[_Feat], targets: list[_Feat], longest: int,
                     single: float) -> list[dict[int, float]]:
    """For each source, the targets it shares specific trigrams with and the sum of their weights
    (inverted index; trigrams in more than `longest` targets are not specific and are skipped).
    A trigram that does not overlap another shared one (属地网 + 地网站 = 属地网站) counts `single`:
    alone it is often the seam of two words (公众号|管理 ~ 销号|管理)."""
    postings: dict[str, list[int]] = defaultdict(list)
    for j, t in enumerate(targets):
        for g in t.terms:
            postings[g].append(j)
    usable = {g for g, p in postings.items() if len(p) <= longest}
    out = []
    for s in sources:
        deadline.check()
        shared: dict[int, list[str]] = defaultdict(list)
        live = list(filter(usable.__contains__, s.terms))  # the source's trigrams shared with some target
        for g in live:
            for j in postings[g]:
                shared[j].append(g)
        acc: dict[int, float] = {}
        overlaps: dict[str, frozenset[str]] | None = None
        for j, gs in shared.items():
            if len(gs) == 1:
                acc[j] = s.terms[gs[0]] * single
                continue
            if overlaps is None:
                overlaps = _overlaps(live)
            acc[j] = sum(s.terms[g] * (single if overlaps[g].isdisjoint(gs) else 1.0) for g in gs)
        out.append(acc)
    return out


def _dot(a: dict[str, float], b: dict[str, float], a_items: list[tuple[str, float]] | None = None,
         b_items: list[tuple[str, float]] | None = None) -> float:
    """The dot product of two bigram vectors, summed in the insertion order of the shorter one
    (deterministic). `a_items`, `b_items`: the items of a and b worth visiting, in order (the
    bigrams the other side of the comparison can hold at all): the others add nothing."""
    if len(a) > len(b):
        a, b, a_items = b, a, b_items
    return sum(w * b[g] for g, w in (a.items() if a_items is None else a_items) if g in b)


_EDGE = set("的了着是在对有不得会一把被将与和及或等也都就还又很作化")
_LEAD = _EDGE | set("够")  # 不够深刻 → 深刻
_TRAIL = _EDGE | set("中上下")  # 理论中 → 理论 (not at the start: 中国特色, 上级)


def _trim(term: str) -> str:
    start, end = 0, len(term)
    while start < end and term[start] in _LEAD:
        start += 1
    while end > start and term[end - 1] in _TRAIL:
        end -= 1
    return term[start:end]


def _term_runs(p: _Feat) -> list[tuple[str, list[str]]]:
    """The runs of Chinese characters of a problem's headline and body, with their bigrams (once per
    problem for `_shared_terms`, not once per link)."""
    return [(run, _pairs(run)) for text in (p.head, p.body) for run in _CJK.findall(text)]


def _shared_terms(p: _Feat, t: _Feat, words: frozenset[str], limit: int = 3,
                  runs: list[tuple[str, list[str]]] | None = None) -> list[str]:
    """Words a reader sees in both units: vocabulary words first, then runs of shared bigrams
    (at least three characters after trimming particles at their edges)."""
    t_text = t.head + t.body + t.context
    scored: dict[str, float] = {}
    pg, tg = p.grams, t.grams
    both = pg.keys() & tg.keys()
    for run, grams in (runs if runs is not None else _term_runs(p)) if both else ():
        if both.isdisjoint(grams):  # most runs of the problem share nothing with this target
            continue
        n = len(grams)
        i = 0  # a term starts at a shared bigram at or after i
        for start in itertools.compress(range(n), map(both.__contains__, grams)):
            if start < i:
                continue
            j = start
            weight = 0.0
            while j < n and grams[j] in both:
                weight += pg[grams[j]] * tg[grams[j]]
                j += 1
            while j < n and grams[j] in t_text:  # a boilerplate bigram ends a word
                j += 1
            term = run[start : j + 1]
            term = term if term in words else _trim(term)
            if len(term) >= 3 or term in words:
                scored[term] = max(scored.get(term, 0.0), weight)
            i = j + 1
    for w in sorted(p.vocab & t.vocab):
        if w not in scored:
            scored[w] = 0.5 / (1 + len(scored))  # after the weighted runs, before nothing
    ranked = sorted(scored.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))
    out: list[str] = []
    for term, _w in ranked:
        if any(term in o or o in term for o in out):
            continue
        out.append(term)
        if len(out) == limit:
            break
    return out


# --------------------------------------------------------------------------------------------------
# scoring


def _theme_signal_measure(pt: dict[str, float], mt: dict[str, float],
                          head: frozenset[str] = frozenset()) -> tuple[float, list[str]]:
    """The themes a problem and a measure share (the best two by noisy-or). A problem whose headline
    names themes (`head`) is about them: a measure showing none of them does not answer it through
    a theme its body mentions in passing (涉税信息保管不严 … 窗口 is not a 窗口服务 problem)."""
    if head and head.isdisjoint(mt):
        return 0.0, []
    shared = sorted(((min(w, mt[t]), t) for t, w in pt.items() if t in mt), reverse=True)
    miss = 1.0
    for w, _t in shared[:2]:
        miss *= 1.0 - w
    return 1.0 - miss, [t for w, t in shared if w >= 0.3][:2]


def _cause_prep(pt: dict[str, float], v: _Vocab, by_name: dict[str, _Theme]
                ) -> list[tuple[str, float, list[tuple[str, float, str]]]]:
    """A problem's themes ready for `_theme_signal_prepared` against many causes (computed once per
    problem, not once per pair): (theme, weight, [(category id, secondary factor, label)])."""
    out = []
    for name, wp in pt.items():
        theme = by_name[name]
        secs = [(cid, _SECONDARY[rank],
                 f"{theme.name}→{v.categories[cid][0].split('/')[-1]}" if cid in v.categories else "")
                for rank, cid in enumerate(theme.causes[: len(_SECONDARY)])]
        out.append((theme.name, wp, secs))
    return out


def _theme_signal_prepared(prep: list[tuple[str, float, list[tuple[str, float, str]]]], ct: dict[str, float],
                           cc: dict[str, float]) -> tuple[float, list[str]]:
    """How well a cause (its themes `ct`, categories `cc`) speaks to a problem's prepared themes: the
    same theme, or the theme's cause category (学习 → 思想建设); the best two combine by noisy-or."""
    contributions: list[tuple[float, str]] = []
    for name, wp, secs in prep:
        best, why = 0.0, ""
        if name in ct:  # the cause speaks of the same theme
            best, why = min(wp, ct[name]) * 0.85, name
        for cid, factor, label in secs:
            wc = cc.get(cid)
            if wc:
                s = wp * wc * factor
                if s > best:
                    best, why = s, label
        if best:
            contributions.append((best, why))
    if not contributions:
        return 0.0, []
    contributions.sort(reverse=True)
    miss = 1.0
    for w, _ in contributions[:2]:
        miss *= 1.0 - w
    return 1.0 - miss, [why for w, why in contributions if w >= 0.25][:2]


def _frame_signal(pf: _Feat, te: Entry, v: _Vocab, by_name: dict[str, _Theme],
                  frame_prep: list[tuple[str, float, list[tuple[str, float, str]]]] | None = None
                  ) -> tuple[float, list[str]]:
    """How well the heading a problem is listed under (检视党性修养提高情况) names the cause's root
    (党性锻炼有所放松): the same category, or a theme of the heading whose root the cause is."""
    best, why = 0.0, []
    for cid, w in pf.frame_categories.items():
        s = w * te.categories.get(cid, 0.0)
        if s > best:
            best, why = s, [f"对照→{v.categories[cid][0].split('/')[-1]}"]
    if frame_prep is None:
        frame_prep = _cause_prep(pf.frame_themes, v, by_name)
    s, _ = _theme_signal_prepared(frame_prep, te.themes, te.categories)
    if s > best:
        names = [t for t, _w in sorted(pf.frame_themes.items(), key=lambda kv: -kv[1])[:1]]
        best, why = s, [f"对照→{n}" for n in names]
    return best, why


def _references(text: str, v: _Vocab) -> list[tuple[str, frozenset[str]]]:
    """The 针对…问题 phrases of a cause or measure, with their bigrams."""
    if "针对" not in text:
        return []
    return [(m.group(1), frozenset(_bigrams(m.group(1), v))) for m in _REFERENCE.finditer(text)]


def _structure_signal(p: _Feat, t: _Feat, refs: list[tuple[str, frozenset[str]]], parallel: str | None,
                      opts: Mapping[str, Any], p_grams_head: set[str]) -> tuple[float, list[str]]:
    s, why = 0.0, []
    if parallel == "section" and p.number is not None and p.number == t.number:
        s, why = float(opts["parallel_weight"]), [f"同序号({_cn(p.number)})"]
    elif parallel == "ordinal" and p.ordinal == t.ordinal:
        s, why = float(opts["parallel_weight"]), [f"同序号({_cn(p.ordinal + 1)})"]
    if refs and p_grams_head:
        for phrase, ref in refs:
            if ref and len(ref & p_grams_head) / len(ref) >= 0.5:
                s = 1.0 - (1.0 - s) * (1.0 - float(opts["reference_weight"]))
                why.append(f"针对{phrase}")
                break
    return s, why


_CN_DIGITS = "零一二三四五六七八九十"


def _cn(n: int) -> str:
    if 0 <= n <= 10:
        return _CN_DIGITS[n]
    if n < 20:
        return "十" + _CN_DIGITS[n - 10]
    if n < 100:
        return _CN_DIGITS[n // 10] + "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    return str(n)


def _parallel_mode(pf: list[_Feat], tf: list[_Feat]) -> str | None:
    pn = {f.number for f in pf if f.number is not None}
    tn = {f.number for f in tf if f.number is not None}
    if len(pn) >= 2 and pn == tn:
        return "section"
    if len(pf) >= 2 and len(pf) == len(tf):
        return "ordinal"
    return None


def _measure_cause_similarity(m_ents: list[Entry], m_feats: list[_Feat], c_ents: list[Entry], c_feats: list[_Feat],
                              v: _Vocab, opts: Mapping[str, Any]) -> list[dict[int, float]]:
    """How well each measure answers each cause (shared words, specific trigrams, a theme whose root
    the cause is), for the causes a measure shares a word or a theme root with (inverted indexes)."""
    limit = int(opts["max_candidates"])
    exact = len(c_feats) <= _EXACT_UP_TO * limit
    longest = max(len(c_feats), 1) if exact else limit
    cos = _cosines(m_feats, c_feats, longest, None if exact else _BUDGET * limit)
    terms = _shared_trigrams(m_feats, c_feats, longest, float(opts["term_single"]))
    by_category: dict[str, list[int]] = defaultdict(list)
    for j, e in enumerate(c_ents):
        for c in e.categories:
            if len(by_category[c]) < limit:
                by_category[c].append(j)
    by_name = v.by_name
    tw, scale, cap = float(opts["theme_weight"]), float(opts["lexical_scale"]), float(opts["lexical_cap"])
    term_w, term_cap = float(opts["term_weight"]), float(opts["term_cap"])
    # theme signals by (measure profile, cause profile), computed on first use
    m_prof, n_m = _profiles((e.themes,) for e in m_ents)
    c_prof, _ = _profiles((e.themes, e.categories) for e in c_ents)
    theme_memo: dict[int, dict[int, float]] = defaultdict(dict)  # dicts: distinct units must not cost n_m × n_c
    preps: list[Any] = [None] * n_m
    no_term = min(term_cap, 1.0 - math.exp(-term_w * 0.0 * 1.1))  # the term signal of no shared trigram
    out = []
    for i, me in enumerate(m_ents):
        if exact:
            cands = set(cos[i]) | set(terms[i])
        else:  # a huge report: the causes with the best shared words only
            rough: dict[int, float] = defaultdict(float, cos[i])
            for j, acc in terms[i].items():
                rough[j] += acc * term_w
            cands = set(sorted(rough, key=rough.__getitem__, reverse=True)[:limit])  # the `limit` best
        for t in me.themes:
            for cid in by_name[t].causes[:1]:
                cands.update(by_category.get(cid, ()))
        sims: list[tuple[float, int]] = []  # (similarity, -cause)
        mk = m_prof[i]
        memo = theme_memo[mk]
        if preps[mk] is None:
            preps[mk] = _cause_prep(me.themes, v, by_name)
        prep = preps[mk]
        cos_i = cos[i]
        term_signal = {j: min(term_cap, 1.0 - math.exp(-term_w * shared * 1.1))
                       for j, shared in terms[i].items() if shared}
        for j in cands:
            ck = c_prof[j]
            theme_miss = memo.get(ck)  # 1 - theme_weight × the theme signal
            if theme_miss is None:
                ce = c_ents[j]
                theme_miss = memo[ck] = 1.0 - tw * _theme_signal_prepared(prep, ce.themes, ce.categories)[0]
            lexical = cos_i.get(j, 0.0) * scale
            if lexical >= cap:  # min(cap, lexical)
                lexical = cap
            s = 1.0 - theme_miss * (1.0 - lexical) * (1.0 - term_signal.get(j, no_term))
            if s > 0:
                sims.append((s, -j))
        # a measure answers one or two causes: keep its best few (bounds the bridges per problem);
        # best first, the lower index on a tie
        out.append({-neg_j: s for s, neg_j in sorted(sims, reverse=True)[:_BRIDGE_TOP]})
    return out


def _profiles(dicts: Iterable[tuple[Mapping[str, float], ...]]) -> tuple[list[int], int]:
    """An id per distinct tuple of weight dicts (equal themes and categories get the same id), and
    the number of ids: the theme signals of a pair depend only on the two ids, so a report's few
    theme profiles are compared once each, not once per pair."""
    ids: dict[tuple, int] = {}
    out = [ids.setdefault(tuple(tuple(d.items()) for d in ds), len(ids)) for ds in dicts]
    return out, len(ids)


# A scored (problem, target) pair before it becomes a Link: (-score, target number, target index,
# score, theme, words, terms, structure, evidence parts). Sorted, a problem's pairs are best first,
# then by target number (the order `_select` keeps); only the pairs kept (and a problem's nearest)
# become `Link`s, and only then is their evidence put together.
_Evidence = tuple[list[str], Iterable[str], str | None, list[str]]  # theme, frame, bridge (measure path), structure
_Pair = tuple[float, int, int, float, float, float, float, float, _Evidence]


def _to_link(pair: _Pair, targets: list[Entry]) -> Link:
    _neg, _number, j, score, theme, words, terms, struct, (why_t, why_f, via, why_s) = pair
    evidence = [*why_t, *(w for w in why_f if w not in why_t)]  # a new list: why_t is shared
    if via is not None:
        evidence.append(f"经措施{via}")
    evidence.extend(why_s)  # shared words are added to the kept links only
    return Link(targets[j].id, score, evidence, {"theme": theme, "words": words, "terms": terms, "structure": struct})


def _link_all(p_ents: list[Entry], p_feats: list[_Feat], t_ents: list[Entry], t_feats: list[_Feat],
              kind: str, v: _Vocab, opts: Mapping[str, Any], work: _Work,
              bridges: list[dict[int, tuple[float, str]]] | None = None
              ) -> tuple[list[list[_Pair]], list[_Pair | None]]:
    """Per problem, its pairs of at least min_score (only those can be kept) and its best pair
    (`nearest`, whatever its score). Every candidate (problem, target) pair is scored (and counted
    in `work`); pairs with no signal are never built.
    `bridges` (causes only): per problem, cause → (strength, measure path) through the problem's
    own measures."""
    limit = int(opts["max_candidates"])
    exact = len(t_feats) <= _EXACT_UP_TO * limit  # every bigram indexed: the index's cosines are exact
    # in a huge report only the words in at most `limit` targets find candidates (the others refine
    # their scores in `_dot`): the work per problem stays constant however long the report grows
    cos = _cosines(p_feats, t_feats, len(t_feats) if exact else limit, None if exact else _BUDGET * limit)
    term_w, term_cap = float(opts["term_weight"]), float(opts["term_cap"])
    shared_terms = _shared_trigrams(p_feats, t_feats, len(t_feats) if exact else limit, float(opts["term_single"]))
    if not exact:  # `_dot` visits only the bigrams the other side has at all (a third of them in a big report)
        t_all = set().union(*(f.grams for f in t_feats))
        p_all = set().union(*(f.grams for f in p_feats))
        p_live = [[(g, w) for g, w in f.grams.items() if g in t_all] for f in p_feats]
        t_live = [[(g, w) for g, w in f.grams.items() if g in p_all] for f in t_feats]
        # ... and a third of the candidates of a huge report share no bigram at all
        t_sets = [frozenset(g for g, _w in items) for items in t_live]
    # candidates per theme / category: the targets showing it most strongly (all of them in a report
    # of ordinary size; in a huge one the scoring stays linear in the number of problems)
    by_theme_all: dict[str, list[tuple[float, int]]] = defaultdict(list)
    by_category_all: dict[str, list[tuple[float, int]]] = defaultdict(list)
    for j, e in enumerate(t_ents):
        for t, w in e.themes.items():
            by_theme_all[t].append((-w, j))
        for c, w in e.categories.items():
            by_category_all[c].append((-w, j))
    by_theme = {t: [j for _w, j in sorted(js)] for t, js in by_theme_all.items()}
    by_category = {c: [j for _w, j in sorted(js)] for c, js in by_category_all.items()}
    by_theme_w = {t: [(j, -w) for w, j in sorted(js)[:limit]] for t, js in by_theme_all.items()}
    by_category_w = {c: [(j, -w) for w, j in sorted(js)[:limit]] for c, js in by_category_all.items()}
    same_number: dict[int | None, list[int]] = defaultdict(list)  # candidates: at most `limit` per number
    for j, f in enumerate(t_feats):
        if len(same_number[f.number]) < limit:
            same_number[f.number].append(j)
    theme_causes = {t.name: t.causes for t in v.themes}
    likeliest = [] if exact else _likeliest(p_ents, cos, shared_terms, by_theme_w, by_category_w,
                                            theme_causes if kind == "causes" else {}, limit, term_w)
    themes_by_name = v.by_name
    parallel = _parallel_mode(p_feats, t_feats) if opts["structure"] else None
    refs = [_references(e.unit.text, v) for e in t_ents]
    ref_targets = [j for j, r in enumerate(refs) if r] if opts["structure"] else []
    # the targets with a 针对… phrase, and with each number: those with a structure signal to test
    ref_set = frozenset(ref_targets)
    ref_grams = {j: frozenset().union(*(ref for _phrase, ref in refs[j])) for j in ref_targets}
    numbered: dict[int | None, set[int]] = defaultdict(set)
    for j, f in enumerate(t_feats):
        numbered[f.number].add(j)
    by_number = {number: frozenset(js) for number, js in numbered.items()}
    tw, scale, cap = float(opts["theme_weight"]), float(opts["lexical_scale"]), float(opts["lexical_cap"])
    frame_w, frame_floor = float(opts["frame_weight"]), float(opts["frame_floor"])
    bridge_w = float(opts["bridge_weight"])
    min_score = float(opts["min_score"])
    floor = float(opts["min_score"] if opts["hint_floor"] is None else opts["hint_floor"])
    structure = opts["structure"]
    terms_none = min(term_cap, 1.0 - math.exp(-term_w * 0.0 * 1.1))  # the terms signal of no shared trigram
    causes = kind == "causes"
    # theme signals by (problem profile, target profile), computed on first use
    p_prof, n_p = _profiles((e.themes, dict.fromkeys(sorted(f.head_themes), 1.0))
                            for e, f in zip(p_ents, p_feats, strict=True))
    t_prof, _ = _profiles((e.themes, e.categories) for e in t_ents)
    # (dicts: a report whose units all differ must not cost n_p × n_t memory)
    theme_memo: dict[int, dict[int, tuple[float, list[str], float]]] = defaultdict(dict)
    preps: list[Any] = [None] * n_p
    # frame text → (its themes prepared for _frame_signal, the frame signal per target profile)
    frame_memo: dict[str, tuple[Any, dict[int, tuple[float, list[str]]]]] = {}
    t_nums = [int(e.id[1:]) for e in t_ents]
    out: list[list[_Pair]] = []
    nearest: list[_Pair | None] = []
    for i, (pe, pf) in enumerate(zip(p_ents, p_feats, strict=True)):
        deadline.check()
        if exact:  # an ordinary report: every target with any signal is scored
            cands: set[int] = set(cos[i]) | set(shared_terms[i])
            for t in pe.themes:
                cands.update(by_theme.get(t, ()))
                if causes:
                    for cid in theme_causes.get(t, ())[: len(_SECONDARY)]:
                        cands.update(by_category.get(cid, ()))
        else:  # a huge one: its likeliest targets, and the targets it is among the likeliest problems of
            cands = set(likeliest[i])
        if parallel == "section":
            cands.update(same_number.get(pf.number, ()))
        elif parallel == "ordinal" and pf.ordinal < len(t_feats):
            cands.add(pf.ordinal)
        cands.update(ref_targets[:limit])
        bridge = bridges[i] if bridges else {}
        cands.update(bridge)
        head_grams = set(pf.heads) or set(list(pf.grams)[:12])
        # the candidates with a number or a 针对… phrase to test (for the others _structure_signal gives
        # (0.0, [])): the targets whose 针对… phrases share a bigram with the problem's headline (the
        # others cannot match), and the targets with the same number
        ref_js: set[int] = set()
        number_js: set[int] | frozenset[int] = frozenset()
        if structure:
            if head_grams:
                ref_js = {j for j in cands & ref_set if not ref_grams[j].isdisjoint(head_grams)}
            if parallel == "section" and pf.number is not None:
                number_js = cands & by_number.get(pf.number, frozenset())
            elif parallel == "ordinal":
                number_js = {pf.ordinal}  # a unit's ordinal is its index in its role
        # what _structure_signal gives a target with the same number and no 针对… phrase
        number = pf.number if parallel == "section" else pf.ordinal + 1 if parallel == "ordinal" else None
        same_number_signal = (float(opts["parallel_weight"]), [f"同序号({_cn(number)})"] if number is not None else [])
        pk = p_prof[i]
        memo = theme_memo[pk]
        if causes and preps[pk] is None:
            preps[pk] = _cause_prep(pe.themes, v, themes_by_name)
        prep = preps[pk]
        framing = causes and bool(pf.frame_themes or pf.frame_categories)
        if framing:
            if pf.frame_text not in frame_memo:
                frame_memo[pf.frame_text] = (_cause_prep(pf.frame_themes, v, themes_by_name), {})
            frame_prep, frames = frame_memo[pf.frame_text]
        pairs: list[_Pair] = []
        best: _Pair | None = None
        best_score = 0.0
        cos_i = cos[i]
        p_set = frozenset(g for g, _w in p_live[i]) if not exact else frozenset()
        # the terms signal of the targets sharing a trigram (the others have terms_none)
        term_signal = {j: min(term_cap, 1.0 - math.exp(-term_w * shared * 1.1))
                       for j, shared in shared_terms[i].items() if shared}
        work.score(len(cands))
        for j in cands:
            tk = t_prof[j]
            signal = memo.get(tk)
            if signal is None:
                te = t_ents[j]
                theme, why_t = (_theme_signal_prepared(prep, te.themes, te.categories) if causes
                                else _theme_signal_measure(pe.themes, te.themes, pf.head_themes))
                signal = memo[tk] = (theme, why_t, 1.0 - tw * theme)
            theme, why_t, theme_miss = signal
            if exact:
                lexical = cos_i.get(j, 0.0) * scale
            elif p_set.isdisjoint(t_sets[j]):
                lexical = 0.0
            else:
                lexical = _dot(pf.grams, t_feats[j].grams, p_live[i], t_live[j]) * scale
            if lexical >= cap:  # min(cap, lexical)
                lexical = cap
            terms = term_signal.get(j, terms_none)
            base = 1.0 - theme_miss * (1.0 - lexical) * (1.0 - terms)
            framing_why: Sequence[str] = ()
            bridge_why = None  # evidence of the frame and bridge signals, if they count
            if framing and (base >= frame_floor or not pe.themes):  # a problem without themes takes its frame's
                framed_why = frames.get(tk)
                if framed_why is None:
                    framed_why = frames[tk] = _frame_signal(pf, t_ents[j], v, themes_by_name, frame_prep)
                framed, why_f = framed_why
                if framed > 0:
                    base = 1.0 - (1.0 - base) * (1.0 - frame_w * framed)
                    framing_why = why_f
            if j in bridge:
                b, via = bridge[j]
                base = 1.0 - (1.0 - base) * (1.0 - bridge_w * b)
                if bridge_w * b >= 0.1:
                    bridge_why = via
            struct, why_s = 0.0, _NO_EVIDENCE
            if j in ref_js:  # a 针对… phrase to test (and perhaps the same number)
                struct, why_s = _structure_signal(pf, t_feats[j], refs[j], parallel, opts, head_grams)
                if base < floor and not any(w.startswith("针对") for w in why_s):
                    struct, why_s = 0.0, _NO_EVIDENCE  # numbering alone links nothing
            elif j in number_js and base >= floor:  # the same number alone: it only backs other evidence
                struct, why_s = same_number_signal
            score = 1.0 - (1.0 - base) * (1.0 - struct)
            if score <= 0.0:
                continue
            if score >= min_score or score > best_score:
                pair = (-score, t_nums[j], j, score, theme, lexical, terms, struct,
                        (why_t, framing_why, bridge_why, why_s))
                if score >= min_score:
                    pairs.append(pair)
                if score > best_score:
                    best_score, best = score, pair
        out.append(pairs)
        nearest.append(best)
    return out, nearest


class _Work:
    """The pairs one `correspond` scores, against REPORTLINT_MAX_PAIRS: the matcher's work grows
    with problems × candidates, and a report of thousands of units must stop before it has spent
    seconds and hundreds of megabytes on pairs."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.pairs = 0

    def score(self, pairs: int) -> None:
        self.pairs += pairs
        if self.pairs > LIMITS.pairs:
            raise ReadError("too-large", f"问题与原因、措施的配对超过 {LIMITS.pairs:,} 对的上限（REPORTLINT_MAX_PAIRS）",
                            self.path)


def _likeliest(p_ents: list[Entry], cos: list[dict[int, float]], shared_terms: list[dict[int, float]],
               by_theme_w: dict[str, list[tuple[int, float]]], by_category_w: dict[str, list[tuple[int, float]]],
               theme_causes: Mapping[str, tuple[str, ...]], limit: int, term_w: float) -> list[set[int]]:
    """The candidates of each problem in a huge report, where scoring every pair would be quadratic:
    the `limit` targets with the best rough score (words + themes + a theme's cause categories), and
    the targets that rank the problem among their own `limit` best by the same rough score. The second
    half matters: a target that is no problem's likeliest (one of many near-copies of a measure, say)
    would otherwise never be scored and would look as if it answered nothing."""
    out: list[set[int]] = []
    by_target: dict[int, list[tuple[float, int]]] = defaultdict(list)  # target → [(-rough, problem)]
    for i, pe in enumerate(p_ents):
        deadline.check()
        rough: dict[int, float] = defaultdict(float, cos[i])
        for j, acc in shared_terms[i].items():
            rough[j] += acc * term_w
        for t, wp in pe.themes.items():
            for j, wt in by_theme_w.get(t, ()):
                rough[j] += wp * wt
            for rank, cid in enumerate(theme_causes.get(t, ())[: len(_SECONDARY)]):
                for j, wc in by_category_w.get(cid, ()):
                    rough[j] += wp * wc * _SECONDARY[rank]
        out.append(set(sorted(rough, key=rough.__getitem__, reverse=True)[:limit]))  # the `limit` best
        for j, r in rough.items():
            by_target[j].append((-r, i))
    for j, ranked in by_target.items():
        for _r, i in sorted(ranked)[:limit]:  # best first, then the earlier problem
            out[i].add(j)
    return out


_NO_TARGET = (0.0, -1, None)
_NO_EVIDENCE: list[str] = []  # shared: never changed (a Link's evidence is a new list)


def _select(all_pairs: list[list[_Pair]], targets: list[Entry], opts: Mapping[str, Any]) -> list[list[Link]]:
    """Keep a problem's links above min_score that are close to its best (at most max_links), and
    for every target its best problem (so a cause that is everyone's second choice is not an orphan).
    `all_pairs`: per problem, its pairs of at least min_score (`_link_all`)."""
    rel, cap = float(opts["relative"]), int(opts["max_links"])
    best_target: dict[int, tuple[float, int, _Pair]] = {}  # target → (score, problem, pair)
    for i, pairs in enumerate(all_pairs):
        for pair in pairs:
            score, j = pair[3], pair[2]
            if score > best_target.get(j, _NO_TARGET)[0] + 1e-9:
                best_target[j] = (score, i, pair)
    best_of: list[list[_Pair]] = [[] for _ in all_pairs]  # per problem, the pairs it is the best problem of
    for _score, i, pair in best_target.values():
        best_of[i].append(pair)
    kept_all: list[list[Link]] = []
    for i, pairs in enumerate(all_pairs):
        good = sorted(pairs)  # best first, then by target number
        if not good:
            kept_all.append([])
            continue
        best = good[0][3]
        # the first max_links close to the best, and the targets this problem is the best of, in order
        mine = [pair for pair in good[:cap] if pair[3] >= rel * best]
        kept = sorted([*mine, *(pair for pair in best_of[i] if not any(pair is m for m in mine))])
        kept_all.append([_to_link(pair, targets) for pair in kept])
    return kept_all


# --------------------------------------------------------------------------------------------------
# entry point


def _bridges(entries: dict[str, list[Entry]], feats: dict[str, list[_Feat]], kept: list[list[Link]],
             v: _Vocab, opts: Mapping[str, Any]) -> list[dict[int, tuple[float, str]]]:
    """Per problem, the causes its own measures answer: cause → (link × similarity, measure path)."""
    m_pos = {e.id: j for j, e in enumerate(entries["measures"])}
    used = sorted({m_pos[lk.id] for links in kept for lk in links})
    sims_used = _measure_cause_similarity([entries["measures"][j] for j in used], [feats["measures"][j] for j in used],
                                          entries["causes"], feats["causes"], v, opts)
    sims = dict(zip(used, sims_used, strict=True))
    out = []
    for links in kept:
        b: dict[int, tuple[float, str]] = {}
        for lk in links:
            m = m_pos[lk.id]
            for j, s in sims[m].items():
                val = lk.score * s
                if val > b.get(j, (0.0, ""))[0]:
                    b[j] = (val, entries["measures"][m].unit.path)
        out.append(b)
    return out


def _pair_leftovers(problems: list[Entry], targets: list[Entry], kind: str, floor: float) -> list[tuple[int, Link]]:
    """A problem left without a cause (or measure) whose nearest one is left without a problem: the
    writer wrote them for each other in words the signals do not connect (a cause phrased as a
    judgment, 担当精神 for 治理超限超载不够坚决), as a reviewer reads a report by elimination. Each
    leftover target goes to the leftover problem nearest to it, from `floor` up. Elimination needs
    most of the report accounted for: with more than a third of the problems left, nothing pairs."""
    by_id = {e.id: e for e in targets}
    left = [(i, pe) for i, pe in enumerate(problems) if not getattr(pe, kind)]
    if 3 * len(left) > len(problems):
        return []
    claims: dict[str, tuple[int, Entry, Link]] = {}
    for i, pe in left:
        near = pe.nearest.get(kind)
        if near is None or near.score < floor or by_id[near.id].problems:
            continue
        if near.id not in claims or near.score > claims[near.id][2].score:
            claims[near.id] = (i, pe, near)
    paired = []
    for tid, (i, pe, near) in claims.items():
        link = Link(near.id, near.score, [*near.evidence, "余项对应"], dict(near.signals))
        setattr(pe, kind, [link])
        by_id[tid].problems.append(pe.id)
        paired.append((i, link))
    return paired


def _add_shared_words(kind: str, links: Iterable[tuple[int, Link]], entries: dict[str, list[Entry]],
                      feats: dict[str, list[_Feat]], v: _Vocab, runs: dict[int, list[tuple[str, list[str]]]]) -> None:
    """Add to each (problem index, link) the words a reader sees in both units (`map` shows them;
    the rules do not need them): after the themes, before the 同序号/针对 hints."""
    t_pos = {e.id: j for j, e in enumerate(entries[kind])}
    for i, lk in links:
        if lk.signals["words"] >= 0.05 or lk.signals["terms"] > 0:
            if i not in runs:
                runs[i] = _term_runs(feats["problems"][i])
            terms = [t for t in _shared_terms(feats["problems"][i], feats[kind][t_pos[lk.id]], v.words, runs=runs[i])
                     if t not in lk.evidence]
            hints = [ev for ev in lk.evidence if ev.startswith(("同序号", "针对"))]
            lk.evidence = [ev for ev in lk.evidence if ev not in hints] + terms + hints


def correspond(doc: Document, options: Mapping[str, Any] | None = None, *,
               shared_words: bool = True) -> Correspondence:
    """Link each problem of `doc` to the causes and measures that answer it (see module doc).

    `shared_words=False` leaves out the shared words from each link's evidence (the themes and
    structure hints stay): the rules only ask which links exist, so they skip finding the words a
    reader sees in both units. Links and scores are the same."""
    opts = {**DEFAULTS, **(options or {})}
    v = _load_vocab(opts)
    index = _Index(doc)
    units = {role: doc.units(role) for role in ("problems", "causes", "measures")}
    feats: dict[str, list[_Feat]] = {}
    entries: dict[str, list[Entry]] = {}
    for role, us in units.items():
        pairs = _features(us, index, v, use_context=role != "problems")
        feats[role] = [f for _h, f in pairs]
        entries[role] = []
        for unit, (headline, f) in zip(us, pairs, strict=True):
            e = Entry(unit, headline, _theme_weights(f, v, role))
            if role == "causes":
                e.categories = _category_weights(f, v)
            entries[role].append(e)
    if entries["problems"] and (entries["causes"] or entries["measures"]):  # else nothing to link
        _vectors([*feats["problems"], *feats["causes"], *feats["measures"]], v, opts)
    bridges: list[dict[int, tuple[float, str]]] | None = None
    work = _Work(doc.path)
    runs: dict[int, list[tuple[str, list[str]]]] = {}  # problem → its runs, for both kinds (`_term_runs`)
    for kind in ("measures", "causes"):
        if not entries[kind] or not entries["problems"]:
            continue
        scored, nearest = _link_all(entries["problems"], feats["problems"], entries[kind], feats[kind], kind, v,
                                    opts, work, bridges if kind == "causes" else None)
        kept = _select(scored, entries[kind], opts)
        if shared_words:
            _add_shared_words(kind, ((i, lk) for i, links in enumerate(kept) for lk in links), entries, feats, v, runs)
        by_id = {e.id: e for e in entries[kind]}
        for pe, links, near in zip(entries["problems"], kept, nearest, strict=True):
            # the nearest pair is the kept link to the same target, if it was kept
            near_id = entries[kind][near[2]].id if near is not None else None
            pe.nearest[kind] = next((lk for lk in links if lk.id == near_id), None) or (
                _to_link(near, entries[kind]) if near is not None else None)
            setattr(pe, kind, links)
            for lk in links:
                by_id[lk.id].problems.append(pe.id)
        if kind == "measures" and entries["causes"] and float(opts["bridge_weight"]) > 0:
            bridges = _bridges(entries, feats, kept, v, opts)
    if float(opts["leftover_ratio"]) > 0:
        floor = float(opts["leftover_ratio"]) * float(opts["min_score"])
        for kind in ("causes", "measures"):
            paired = _pair_leftovers(entries["problems"], entries[kind], kind, floor)
            if shared_words:
                _add_shared_words(kind, paired, entries, feats, v, runs)
    for kind in ("causes", "measures"):
        for e in entries[kind]:
            e.problems.sort(key=lambda pid: int(pid[1:]))
    return Correspondence(
        doc.path, entries["problems"], entries["causes"], entries["measures"],
        bool(doc.part("causes")), bool(doc.part("measures")), opts,
    )


__all__ = ["DEFAULTS", "Correspondence", "Entry", "Link", "correspond"]
