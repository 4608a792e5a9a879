"""The HTML pages (the review page of `check --format html`, the map page of `map --format html`,
and the page of the future `serve`) are rendered from the Jinja2 templates in templates/, which share
one layout. Autoescaping is on for every template: report text and file names are shown, never
interpreted. Jinja2 is imported only when a page is rendered.

A new page extends templates/base.html and fills its blocks:
  title        the window title (text)
  style        CSS after the shared rules (tables, 错误/警告/提示 badges, .status, section.box, .flag)
  body_attrs   attributes of <body> (e.g. ` data-page="serve"`)
  body         the page
  script       inline <script> at the end; pass data with `|tojson`, never by pasting into code
and may import the problem → cause → measure table: `{% from "maptable.html" import map_table %}`,
then `{{ map_table(outline_map) }}` for a findings.OutlineMap. Pages work offline: no external assets.
"""

from __future__ import annotations

import functools
from typing import Any


@functools.cache
def _environment() -> Any:
    import jinja2

    return jinja2.Environment(loader=jinja2.PackageLoader("reportlint", "templates"),
                              autoescape=True, trim_blocks=True, lstrip_blocks=True,
                              undefined=jinja2.StrictUndefined)


def render(template: str, **context: Any) -> str:
    """The page `template` (a file name in templates/) rendered with `context`, escaped."""
    return str(_environment().get_template(template).render(**context))
