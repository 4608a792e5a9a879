"""Problem ↔ cause ↔ measure correspondence (问题准、原因清、措施明).

`correspond(doc)` links every problem unit to the cause units that explain it and the measure units
that answer it. Each link has a score in [0, 1] and the evidence a reader can check. These signals
are combined (`signals`, one function each; `scoring`, the one scorer):

- **themes** — vocabularies in rules/vocab/themes.toml (学习, 作风, 廉洁 …). A problem and a measure
  that share a theme are linked; when the problem's headline names themes, the measure must show one
  of them (a theme the body mentions in passing does not make a measure the answer). A problem links
  to a cause through the theme's cause categories: a 学习 problem is explained by a 思想建设/理论学习
  cause, which need not repeat the same words.
- **words** — character bigrams (the usual unit for Chinese text without a segmenter), weighted by
  IDF over the report's own units, with boilerplate bigrams (不够, 加强, 进一步 …) dropped. The
  first sentence of a unit (its headline; in a DOCX, a bold lead before it) counts double. Shared
  runs of bigrams become the evidence terms (服务群众, 工作方法).
- **terms** — specific character trigrams shared by the two units (属地网站, 网民留言, 分级诊疗): IDF
  over the report's units, trigrams with a particle or a boilerplate bigram dropped, a trigram that
  is not part of a longer shared run counting half (it is often the seam of two words), and a
  problem's body counting less than its headline. This carries a report's own domain words, which
  no vocabulary lists; a word of four characters or more of a problem's headline that few units
  hold (人居环境, 首诊负责制) is the writer's own name for what both units are about and counts at
  least `specific_weight`.
- **frame** — the comparison heading a problem is listed under (检视党性修养提高情况,
  对照人民群众新期待) naming the root a cause gives (党性锻炼, 宗旨意识): it backs a cause link with
  other evidence; alone it points to the cause to check, as a reviewer reads 燃气管道老化更新推进迟缓
  under 在担当作为方面 as explained by 担当精神有所减弱, but the side stays uncertain.
- **bridge** — problem → its own measure → the cause that measure answers (措施 grouped under the
  same words as a cause: 改进服务流程 … ↔ 没有从…出发改进服务流程): the 问题-原因-措施 chain a reviewer
  follows when a cause is phrased abstractly. Evidence `经措施三/（三）/2`.
- **structure** — the heading a cause or measure sits under (三/（一）突出“三个结合”，抓实学习整改
  colours all three of its items), `针对…问题` / `关于…的问题` references back to a problem — or to
  the comparison heading it is listed under (针对带头干事创业方面的问题: not a link alone, an item
  added under the heading need not be answered) — and parallel numbering across parts (problem
  （二） ↔ cause （二）) when the parts have the same number of sections.
- **leftovers** — after linking, a problem left without a cause (or measure) whose nearest one is
  left without a problem is paired with it (evidence `余项对应`), as a reviewer reads by elimination;
  only when at most a third of the problems are left, from half of min_score up.
- **mirrors** — a part that answers the problems one to one in their order, confirmed by the sure
  links, links a problem to the unit in its place (`逐条对应(三)`) and shows a place left empty.
- **report-local weighting** — a vocabulary word in much of this report (the sector's core activity,
  the people it serves) counts less, a theme most problems' headlines name is the pattern of the
  comparison headings (纪律 in 政治纪律…生活纪律方面), a topic a cause names as one of a list
  (研究安全生产、产品质量多) is mentioned, not what the cause is about, and a theme link counts by how
  much of what the problem is mostly about the other unit shows.

Each problem side ends in one of three outcomes (`outcomes`): linked, uncertain (RL201/RL202 at
warning level, naming the closest unit) or missing (at error level, only on strong evidence of
absence).

The package, one concern per module: `options` (the typed options and what a profile may set),
`vocab` and `text` (the vocabulary; text cut into grams), `features` (what is known of each unit),
`signals`, `candidates` (which pairs are scored at all: inverted indexes, and in a huge report each
problem's likeliest targets and each target's likeliest problems, so the cost per KB stays flat),
`scoring` (the one scorer), `selection` (which pairs become links), `mirrors`, `outcomes`,
`evidence` (the words shown), `result` (the map) and `build` (`correspond`, in that order).
"""

from __future__ import annotations

from .build import correspond
from .options import DEFAULTS, RULE_OPTIONS, Options
from .result import Correspondence, Entry, Link

__all__ = ["DEFAULTS", "RULE_OPTIONS", "Correspondence", "Entry", "Link", "Options", "correspond"]
