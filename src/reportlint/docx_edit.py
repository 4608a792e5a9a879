"""Opening a .docx with python-docx to write an edited copy (`annotate`, `fix`): the two things
python-docx does not do safely on its own, in one place."""

from __future__ import annotations

import io
import warnings
from typing import Any

from .errors import ReportlintError


def open_docx(data: bytes, error: type[ReportlintError], doing: str) -> Any:
    """python-docx's Document for `data`. It cannot open some packages the reader accepts: then
    `error` says the file could not be used to `doing` (a one-line message, not a traceback)."""
    import docx

    try:
        return docx.Document(io.BytesIO(data))
    except Exception as exc:
        raise error(f"cannot {doing} this .docx ({type(exc).__name__}: {str(exc)[:100]})") from None


def save_docx(document: Any, error: type[ReportlintError], what: str) -> bytes:
    """The package python-docx writes. A relationship to [Content_Types].xml or a .rels makes it
    write that entry twice, which zipfile only warns about (on stderr): that copy would be a damaged
    package, so it is refused with `error` ("cannot write the `what` .docx")."""
    out = io.BytesIO()
    with warnings.catch_warnings():
        warnings.filterwarnings("error", "Duplicate name", UserWarning)
        try:
            document.save(out)
        except UserWarning as exc:
            raise error(f"cannot write the {what} .docx ({exc})") from None
    return out.getvalue()
