"""What the matcher knows of each unit: its headline, body and the heading it sits under, its
themes and cause categories, its weighted bigram vector and its specific trigrams."""

from __future__ import annotations

import math
import operator
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from .. import deadline
from ..chars import CLAUSE_END
from ..model import UNIT_ROLES, Document, Item, Section, Unit
from .options import Options
from .text import grams, headline, prep, split_headline
from .vocab import Theme, Vocab


@dataclass
class Feat:
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
    heads: list[str] = field(default_factory=list)  # the headline's bigrams
    head_themes: frozenset[str] = frozenset()  # problems: the themes its headline names (what it is about)


class Index:
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
        """The section holding an item unit, or a headline paragraph (`一/（一）/¶2`)."""
        found = self.item_section.get((unit.line, unit.column))
        if found is None and "/¶" in unit.path:
            found = self.by_path.get(unit.path.rsplit("/¶", 1)[0])
        return found


def names_role(section: Section | None) -> bool:
    """A subsection of a comparison section named for its role (1．问题表现 / 2．原因分析, the
    parser's `_name_roles_within`): a name, neither the unit's headline nor the heading it sits under."""
    return (section is not None and section.role in UNIT_ROLES and section.parent is not None
            and section.parent.parent is not None)


def _second_level_number(unit: Unit, index: Index) -> int | None:
    node: Section | Item | None = index.container(unit) or index.section_of(unit)
    chain = []
    while isinstance(node, Section):
        chain.append(node)
        node = node.parent
    chain.reverse()  # part, level-2, ...
    return chain[1].number if len(chain) > 1 else None


_OPENING = "。：:，, \u3000"  # what may stand between a run-in heading and its body


def features(units: list[Unit], index: Index, v: Vocab, role: str) -> list[tuple[str, Feat]]:
    """(headline, features) of each unit of one role. A cause or measure reads the heading it sits
    under as its context; a problem reads the comparison heading it is listed under as its frame."""
    use_context = role != "problems"
    out = []
    frames: dict[str, tuple[str, dict[str, float], dict[str, float]]] = {}
    contexts: dict[str, str] = {"": ""}  # heading → prep(heading): the items under a heading share it
    for n, unit in enumerate(units):
        deadline.check()
        section = index.section_of(unit)
        title = headline(unit, section)
        comparison = section is not None and section.role == "comparison"
        if names_role(section):  # 1．问题表现：… — the unit is what follows the name
            assert section is not None
            said = unit.text[len(section.heading) :].lstrip(_OPENING)
            head, body = split_headline(said, clause=True)
            title = head.rstrip(CLAUSE_END) or said[:30]
            holder = section.parent
        elif section is not None:
            head, body = section.heading, unit.text[len(section.heading) :] if unit.text.startswith(
                section.heading) else unit.text
            holder = section.parent
            if comparison and body.strip(_OPENING):  # （一）政治纪律方面。学习…：the body states the problem
                first, body = split_headline(body.strip(_OPENING), clause=True)
                head = f"{head}。{first}" if first else head
        else:
            head, body = split_headline(unit.text, unit.bold_lead)
            holder = index.container(unit)
            if names_role(holder):  # 1．问题表现：一是…二是…: listed under the comparison heading
                assert holder is not None
                holder = holder.parent
        context = frame = ""
        if use_context and holder is not None and holder.parent is not None:  # not a part heading
            context = holder.heading
        if not use_context:  # a problem: the heading that frames it (检视党性修养…, 对照人民群众新期待)
            if section is not None and section.role == "comparison":
                frame = section.heading
            elif holder is not None and holder.parent is not None:
                frame = holder.heading
        if context not in contexts:
            contexts[context] = prep(context, v)
        feat = Feat(prep(head, v), prep(body, v), contexts[context], _second_level_number(unit, index), n,
                    frame=comparison and not body, problem=not use_context)
        feat.vocab = v.words_in(feat.head + feat.body + feat.context)
        if frame:
            if frame not in frames:  # items under one heading share it
                framed = Feat(prep(frame, v), "", "", None, n)
                framed.vocab = v.words_in(framed.head)
                frames[frame] = (framed.head, theme_weights(framed, v, "causes"), category_weights(framed, v))
            feat.frame_text, feat.frame_themes, feat.frame_categories = frames[frame]
        out.append((title, feat))
    return out


def _occurrences(text: str, word: str) -> Iterable[int]:
    start = text.find(word)
    while start >= 0:
        yield start
        start = text.find(word, start + 1)


def _keyword_order(v: Vocab, measures: bool) -> tuple[list[tuple[Theme, str, bool]], dict[str, list[int]], list[int]]:
    """The (theme, keyword, strong) a unit is searched for, in vocabulary order; where each word of
    two characters or more is in that list; and where the shorter ones are (cached on the vocabulary)."""
    cache = v.__dict__.setdefault("_keyword_order", {})
    if measures not in cache:
        order: list[tuple[Theme, str, bool]] = []
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


def common_words(feats: list[Feat], start: float = 0.2, floor: float = 0.3) -> dict[str, float]:
    """Report-local weighting: vocabulary word → the factor its evidence keeps in this report. A word
    in more than `start` of the report's units (the sector's core activity, the people it serves:
    执法 in an enforcement report, 群众 in a service one) says little about which unit answers
    which, falling to `floor` at twice that share. Short reports (under ten units) are left alone."""
    n = len(feats)
    if n < 10:
        return {}
    df: Counter[str] = Counter()
    for f in feats:
        df.update(f.vocab)
    out = {}
    for w, d in df.items():
        share = d / n
        if share > start:
            out[w] = max(floor, 1.0 - (share - start) / start * (1.0 - floor))
    return out


def damp_frame_pattern(themes: list[dict[str, float]], feats: list[Feat], share: float = 2 / 3,
                       factor: float = 0.3) -> None:
    """Report-local weighting of the problems' headlines: a theme that most problems' headlines name
    is the pattern of the comparison headings (政治纪律方面、组织纪律方面…廉洁纪律方面: 纪律 in all six),
    not what one problem is about. It counts `factor` of its weight in those problems and is no
    longer a headline theme a measure must show (a problem under 群众纪律方面 about home visits is
    answered by the home-visit measure). Three problems or more only."""
    named: Counter[str] = Counter(t for f in feats for t in f.head_themes)
    pattern = {t for t, n in named.items() if n >= 3 and n >= share * len(feats)}
    if not pattern:
        return
    for weights, f in zip(themes, feats, strict=True):
        for t in pattern & weights.keys():
            weights[t] = round(weights[t] * factor, 4)
        f.head_themes = f.head_themes - pattern


_IN_A_LIST = 0.5  # a topic named in a cause's body as one of a list (研究安全生产、产品质量多)


def _listed(text: str, start: int, end: int) -> bool:
    """The word at text[start:end] is one of a list (…、安全生产、…): mentioned, not the subject."""
    return text[start - 1 : start] == "、" or text[end : end + 1] == "、"


def theme_weights(f: Feat, v: Vocab, role: str, common: dict[str, float] | None = None) -> dict[str, float]:
    """How strongly each theme shows in a unit, in [0, 1] (a word common in the report counts less,
    `common_words`).

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
            weight = _SEGMENT_WEIGHTS[strong][seg] * (common.get(w, 1.0) if common else 1.0)
            in_passing = role == "causes" and seg == "body" and not theme.causes
            matches.extend((seg, i, i + len(w), theme.name, w,
                            weight * _IN_A_LIST if in_passing and _listed(text, i, i + len(w)) else weight)
                           for i in _occurrences(text, w))
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


def category_weights(f: Feat, v: Vocab) -> dict[str, float]:
    """How strongly each cause category shows in a unit: 1 in its headline, 0.8 in the heading it
    sits under, 0.35 in its body."""
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


def vectors(feats: list[Feat], v: Vocab, opts: Options) -> None:
    """Each unit's bigram vector (`grams`) and specific trigrams (`terms`), weighted over the
    report's units. The idf and specificity of a gram depend only on its document frequency: they
    are computed once per distinct gram, then looked up for every unit."""
    hw, cw = float(opts.headline_weight), float(opts.context_weight)
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
            found = context_grams.get(text) if k == 2 else None
            if found is None:
                found = grams(text, v)
                if k == 2:
                    context_grams[text] = found
            for g in found[0]:  # repeated additions, not count × weight: the same floats as ever
                tf[g] += weight
            if k == 0:
                f.heads = found[0]
                heads.append(found[1])
            # the trigrams of head, then body, then context, each first occurrence in that order
            ts.update(found[1])
        raw.append(tf)
        tris.append(ts)
        df.update(tf.keys())
        tdf.update(ts.keys())
    n = len(feats)
    limit = max(3, float(opts.max_df) * n)
    top = math.log((n + 1) / 2.5)  # a trigram in two units is fully specific
    specs: dict[int, float] = {}  # document frequency → specificity (the same few values again and again)
    spec_of: dict[str, float] = {}
    for g, d in tdf.items():
        if 2 <= d <= limit:
            spec = specs.get(d)
            if spec is None:
                spec = specs[d] = min(1.0, math.log((n + 1) / (d + 0.5)) / top) if top > 0 else 1.0
            spec_of[g] = spec
    bw = float(opts.term_body_weight)
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
