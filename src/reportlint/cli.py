"""The command line: a thin printer over the library. Exit codes (SPEC §3): 0 clean, 1 findings at
or above the fail level, 2 an unreadable input or wrong usage. No traceback ever reaches a user."""

from __future__ import annotations

import json
import sys

import click

from . import parse
from .errors import ReportlintError


def _fail(message: str) -> None:
    click.echo(f"reportlint: {message}", err=True)


def _load(path: str, encoding: str | None):
    if path == "-":
        return parse(sys.stdin.buffer.read(), name="<stdin>", encoding=encoding)
    return parse(path, encoding=encoding)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="reportlint")
def main() -> None:
    """Lint Chinese self-inspection reports (对照检查材料, 检视剖析材料, 发言提纲)."""


@main.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--encoding", default=None, help="Force the text encoding (utf-8, gb18030, utf-16…).")
@click.argument("path")
def tree(fmt: str, encoding: str | None, path: str) -> None:
    """Show the section tree of a report: parts, roles, sections, items."""
    from .outline import tree_dict, tree_text

    try:
        doc = _load(path, encoding)
    except ReportlintError as exc:
        _fail(str(exc))
        sys.exit(2)
    if fmt == "json":
        click.echo(json.dumps(tree_dict(doc), ensure_ascii=False, indent=2))
    else:
        click.echo(tree_text(doc))


if __name__ == "__main__":  # pragma: no cover
    main()
