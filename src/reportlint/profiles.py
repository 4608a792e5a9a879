"""`profile init`: a profile derived from a reference report, so a unit can lint every submission
against the template it sent out (its parts and comparison headings become required)."""

from __future__ import annotations

import json
import re

from .config import Profile
from .model import Document


def derive_profile(doc: Document, name: str) -> str:
    """TOML text of a profile requiring what the reference report has; only a profile reportlint
    reads back as it was written (ConfigError otherwise, and nothing is written)."""
    lines = [
        "[profile]",
        f"name = {_s(name)}",
        'extends = "default"',
        f"description = {_s('Derived by `reportlint profile init` from ' + doc.path)}",
        f"provenance = {_s('The parts and comparison headings of the reference report ' + doc.path)}",
    ]
    from .checks.content import report_meeting  # the meeting-type rule's own reading of a report

    meeting, _ = report_meeting(doc, None)
    if meeting:
        lines.append(f"meeting = {_s(meeting)}")
    for section in doc.sections:
        if section.role in ("problems", "causes", "measures", "previous", "case"):
            lines += ["", "[[profile.parts]]", f"role = {_s(section.role)}", f"name = {_s(section.name)}"]
    for part in doc.part("problems"):
        for child in (part.name_line or part).children:
            lines += ["", "[[profile.comparisons]]", f"name = {_s(child.heading)}"]
    text = "\n".join(lines) + "\n"
    _reads_back(text)
    return text


def _s(text: str) -> str:
    """A TOML basic string (JSON string escapes are valid TOML escapes; DEL, which JSON leaves as
    it is and TOML does not allow, is escaped too). A file name that is not UTF-8 holds surrogate
    escapes, which TOML cannot carry: they become U+FFFD."""
    return json.dumps(re.sub("[\ud800-\udfff]", "\ufffd", text), ensure_ascii=False).replace("\x7f", "\\u007f")


def _reads_back(text: str) -> None:
    """Load the derived profile as `--profile` would, so a profile reportlint would then reject is
    refused here with the loader's reason instead of being written."""
    import tempfile
    from pathlib import Path

    from .config import load_profile
    from .errors import ConfigError

    with tempfile.TemporaryDirectory(prefix="reportlint-profile-") as tmp:
        path = Path(tmp) / "derived.toml"
        path.write_text(text, encoding="utf-8")
        try:
            load_profile(path)
        except ConfigError as exc:
            raise ConfigError(f"the derived profile would not load: {exc.message}") from None


def describe(profile: Profile) -> str:
    out = [f"{profile.name}: {profile.description}".rstrip(": ")]
    if profile.source:
        out.append(f"  source: {profile.source}")
    for label, value in (("meeting", profile.meeting), ("year", profile.year), ("author", profile.author)):
        if value:
            out.append(f"  {label}: {value}")
    if profile.provenance:
        out.append(f"  provenance: {profile.provenance}")
    if profile.parts:
        out.append("  parts" + (" (in this order)" if profile.part_order else "") + ":")
        out += [f"    - {p.role}: {p.name}" + ("" if p.required else " (optional)") for p in profile.parts]
    if profile.comparisons:
        out.append("  comparison headings:")
        out += [f"    - {c.name}" + ("" if c.confirmed else "  [unconfirmed]") for c in profile.comparisons]
    if profile.rules:
        out.append("  rules:")
        for name, s in sorted(profile.rules.items()):
            sev = "off" if not s.enabled else (str(s.severity) if s.severity else "default")
            opts = ", ".join(f"{k}={v!r}" for k, v in s.options.items())
            out.append(f"    - {name}: {sev}" + (f" ({opts})" if opts else ""))
    return "\n".join(out)
