"""The HTML pages (the review page of `check --format html`, the map page of `map --format html`,
and the page of the future `serve`) are rendered from the Jinja2 templates in templates/, which share
one layout (templates/base.html). Autoescaping is on for every template: report text and file names
are shown, never interpreted. Jinja2 is imported only when a page is rendered."""

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
    return str(_environment().get_template(template).render(**context))
