"""Pre-flight for untrusted .docx bytes (DOCX-NOTES §3.2) and a small, safe OPC package reader.

Everything is decided from the zip's central directory before anything is inflated, and XML is
parsed with a parser that resolves no entities, loads no DTD and never touches the network.
Strict OOXML is read by mapping its namespaces to the transitional ones; relationships whose
target is missing are ignored (and reported) instead of failing the whole document.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from urllib.parse import unquote

from lxml import etree

from ..errors import ReadError
from ..limits import LIMITS

MAX_ENTRIES = LIMITS.zip_entries
MAX_XML_PART = LIMITS.part_bytes
MAX_TOTAL = LIMITS.total_bytes
BOMB_MIN_SIZE = LIMITS.ratio_min_bytes
BOMB_RATIO = LIMITS.ratio
MAX_XML_TAGS = LIMITS.xml_tags
MAX_RELATIONSHIPS = LIMITS.relationships
DTD_SCAN_BYTES = 4096

CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
PR_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
RT_BASE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
RT_OFFICE_DOCUMENT = RT_BASE + "officeDocument"
CT_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"

# Strict OOXML namespaces → their transitional equivalents (same local names).
STRICT_NAMESPACES = (
    (b"http://purl.oclc.org/ooxml/wordprocessingml/main",
     b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"),
    (b"http://purl.oclc.org/ooxml/officeDocument/relationships",
     b"http://schemas.openxmlformats.org/officeDocument/2006/relationships"),
    (b"http://purl.oclc.org/ooxml/drawingml/main",
     b"http://schemas.openxmlformats.org/drawingml/2006/main"),
    (b"http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing",
     b"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"),
    (b"http://purl.oclc.org/ooxml/officeDocument/math",
     b"http://schemas.openxmlformats.org/officeDocument/2006/math"),
)

_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False, dtd_validation=False
)

_MAIN_TYPES = {
    "application/vnd.ms-word.document.macroEnabled.main+xml":
        "启用宏的文档（.docm）：请另存为不含宏的 .docx（Word 文档）",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml":
        "Word 模板（.dotx）：请另存为 .docx（Word 文档）",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml":
        "启用宏的 Word 模板（.dotm）：请另存为 .docx（Word 文档）",
}


class MalformedPart(ReadError):
    """A part that is not well-formed XML (callers may skip optional parts)."""


class Relationship:
    __slots__ = ("external", "id", "target", "type")

    def __init__(self, id: str, type: str, target: str, external: bool) -> None:
        self.id = id
        self.type = type
        self.target = target  # a part name ("word/styles.xml") for internal targets, the raw URL otherwise
        self.external = external


class Package:
    """An opened, checked OPC package: parts are inflated and parsed only when asked for."""

    def __init__(self, zip: zipfile.ZipFile, path: str, names: set[str],
                 content_types: dict[str, str], main: str) -> None:
        self.zip = zip
        self.path = path
        self.names = names
        self.content_types = content_types  # part name in lower case → content type
        self.main = main
        self.strict = False
        self.repaired: list[str] = []
        self.tags = 0  # XML tags in the parts parsed so far (REPORTLINT_MAX_XML_TAGS)
        self._rels: dict[str, list[Relationship]] = {}

    def has(self, part: str) -> bool:
        return part in self.names or part.lower() in self._names_ci

    def read(self, part: str) -> bytes:
        return self.zip.read(part if part in self.names else self._names_ci.get(part.lower(), part))

    def head(self, part: str, size: int) -> bytes:
        """The first `size` bytes of a part, inflating no more of it than that."""
        with self.zip.open(part if part in self.names else self._names_ci.get(part.lower(), part)) as fh:
            return fh.read(size)

    def xml(self, part: str) -> etree._Element:
        """The part parsed safely (strict namespaces mapped to transitional). Its tags are counted
        before it is parsed, against a budget for the whole package: a tree costs some 140 bytes per
        element, so a flood of tiny elements (or one part read again through thousands of
        relationships) is refused before it is built."""
        data = self.read(part)
        self.tags += data.count(b"<")  # every element has one; a bound, not an exact count
        if self.tags > MAX_XML_TAGS:
            raise ReadError("unsafe", f"XML 标记超过 {MAX_XML_TAGS:,} 个的上限（读到 {shown(part)} 时；"
                            "REPORTLINT_MAX_XML_TAGS）", self.path)
        return parse_xml(data, part, self.path)

    def rels(self, part: str) -> list[Relationship]:
        """Relationships of `part`; internal ones whose target part is absent are dropped."""
        if part in self._rels:
            return self._rels[part]
        folder, name = posixpath.split(part)
        rels_name = posixpath.join(folder, "_rels", name + ".rels")
        out: list[Relationship] = []
        if self.has(rels_name):
            root = self.xml(rels_name)
            for n, rel in enumerate(root.iter(PR_NS + "Relationship")):
                if n == MAX_RELATIONSHIPS:
                    raise ReadError("unsafe", f"{shown(part)} 的关系超过 {MAX_RELATIONSHIPS:,} 个的上限"
                                    "（REPORTLINT_MAX_RELATIONSHIPS）", self.path)
                rtype = strict_to_transitional(rel.get("Type") or "")
                target = rel.get("Target") or ""
                external = (rel.get("TargetMode") or "").lower() == "external"
                if not external:
                    target = resolve_target(folder, target)
                    if not self.has(target):
                        self.repaired.append(f"ignored a relationship of {shown(part)} to missing part {shown(target)!r}")
                        continue
                out.append(Relationship(rel.get("Id") or "", rtype, target, external))
        self._rels[part] = out
        return out

    def related(self, part: str, kind: str) -> list[str]:
        """Internal targets of `part` whose relationship type ends with `/kind`."""
        return [r.target for r in self.rels(part) if not r.external and r.type.rsplit("/", 1)[-1] == kind]

    @property
    def _names_ci(self) -> dict[str, str]:
        cache = self.__dict__.get("_ci")
        if cache is None:
            cache = {n.lower(): n for n in self.names}
            self.__dict__["_ci"] = cache
        return cache


def strict_to_transitional(value: str) -> str:
    for strict, transitional in STRICT_NAMESPACES:
        s = strict.decode()
        if value.startswith(s):
            return transitional.decode() + value[len(s):]
    return value


def resolve_target(folder: str, target: str) -> str:
    """A relationship target relative to the source part's folder, as a zip entry name."""
    target = unquote(target.split("#", 1)[0])
    path = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
    return posixpath.normpath(path).lstrip("/") if path else ""


def parse_xml(data: bytes, part: str, path: str) -> etree._Element:
    """Parse one XML part; DTDs are refused (OPC M1.18), strict namespaces are mapped."""
    head = data[:DTD_SCAN_BYTES]
    head = _ascii_markup(head)
    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
        raise ReadError("unsafe", f"{shown(part)} 含有 DTD，DOCX 文件不应含有", path)
    if b"purl.oclc.org/ooxml" in data:
        for strict, transitional in STRICT_NAMESPACES:
            data = data.replace(strict, transitional)
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        if "Excessive depth" in str(exc):  # libxml2's own limit against hostile nesting
            raise MalformedPart("unsafe", f"{shown(part)} 的元素嵌套超过 256 层", path) from None
        raise MalformedPart("damaged", f"{shown(part)} 不是格式正确的 XML（{_first_line(exc)}）", path) from None
    if root is None:
        raise ReadError("damaged", f"{shown(part)} 是空的", path)
    if root.getroottree().docinfo.internalDTD is not None:
        raise ReadError("unsafe", f"{shown(part)} 含有 DTD，DOCX 文件不应含有", path)
    return root


def shown(name: str, limit: int = 80) -> str:
    """A part name, zip entry name or relationship target as an error message shows it: the
    package chooses it, so it may hold a line break or be 100 000 characters long."""
    text = name if name.isprintable() else repr(name)[1:-1]
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _ascii_markup(head: bytes) -> bytes:
    """The start of a part with NUL bytes dropped, so that `<!DOCTYPE` is found in UTF-16 and UTF-32
    too, with or without a BOM (looking for a UTF-16 BOM only missed the others, leaving a billion
    laughs to libxml2's amplification limit)."""
    return head.replace(b"\x00", b"")


def _first_line(exc: BaseException) -> str:
    return (str(exc).splitlines() or ["error"])[0][:160]


def open_package(data: bytes, path: str) -> Package:
    """Check the zip and find the main document part, or raise ReadError with one clear line."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError) as exc:
        raise ReadError("damaged", f"zip 数据损坏（{_first_line(exc)}）", path) from None
    if len(infos) > MAX_ENTRIES:
        raise ReadError("unsafe", f"zip 有 {len(infos)} 个条目，超过 {MAX_ENTRIES} 个的上限（REPORTLINT_MAX_ZIP_ENTRIES）",
                        path)
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise ReadError("encrypted", "请在 Word 或 WPS 中取消密码后重新保存", path)
        total += info.file_size
        lower = info.filename.lower()
        if lower.endswith((".xml", ".rels")) and info.file_size > MAX_XML_PART:
            raise ReadError("unsafe", f"{shown(info.filename)} 解压后 {info.file_size // 2**20} MiB，超过单个 XML 部件 "
                            f"{MAX_XML_PART // 2**20} MiB 的上限（REPORTLINT_MAX_PART_MB）", path)
        if info.file_size > BOMB_MIN_SIZE and info.file_size > BOMB_RATIO * max(info.compress_size, 1):
            raise ReadError("unsafe", f"{shown(info.filename)} 解压后膨胀 {info.file_size // max(info.compress_size, 1)}"
                            " 倍，疑似 zip 炸弹（REPORTLINT_MAX_RATIO）", path)
    if total > MAX_TOTAL:
        raise ReadError("unsafe", f"解压后共 {total // 2**20} MiB，超过 {MAX_TOTAL // 2**20} MiB 的上限（REPORTLINT_MAX_TOTAL_MB）",
                        path)
    names = {i.filename for i in infos}
    pkg = Package(zf, path, names, {}, "")
    if not pkg.has("[Content_Types].xml"):
        if pkg.has("mimetype") and b"opendocument" in pkg.read("mimetype")[:100]:
            raise ReadError("odt", "请另存为 .docx", path)
        raise ReadError("damaged", "不是有效的 .docx：缺少 [Content_Types].xml", path)
    _check_dtds(zf, infos, path)
    pkg.content_types = _content_types(pkg)
    _find_main(pkg, path)
    return pkg


def _check_dtds(zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo], path: str) -> None:
    for info in infos:
        if not info.filename.lower().endswith((".xml", ".rels")) or info.is_dir():
            continue
        with zf.open(info) as fh:
            head = fh.read(DTD_SCAN_BYTES)
        head = _ascii_markup(head)
        if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
            raise ReadError("unsafe", f"{shown(info.filename)} 含有 DTD，DOCX 文件不应含有", path)


def _content_types(pkg: Package) -> dict[str, str]:
    root = pkg.xml("[Content_Types].xml")
    defaults = {(d.get("Extension") or "").lower(): d.get("ContentType") or "" for d in root.iter(CT_NS + "Default")}
    out = {}
    for name in pkg.names:
        ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        if ext in defaults:
            out[name.lower()] = defaults[ext]
    for o in root.iter(CT_NS + "Override"):  # part names compare case-insensitively (OPC)
        out[unquote(o.get("PartName") or "").lstrip("/").lower()] = o.get("ContentType") or ""
    return out


def _find_main(pkg: Package, path: str) -> None:
    if not pkg.has("_rels/.rels"):
        raise ReadError("damaged", "不是有效的 .docx：缺少 _rels/.rels", path)
    root = pkg.xml("_rels/.rels")
    main = None
    for rel in root.iter(PR_NS + "Relationship"):
        rtype = rel.get("Type") or ""
        if rtype.endswith("/officeDocument") and "relationships" in rtype:
            main = resolve_target("", rel.get("Target") or "")
            break
    if main is None:
        raise ReadError("unsupported", "不是 Word 文档：包中没有主文档部件", path)
    if not pkg.has(main):
        raise ReadError("damaged", f"不是有效的 .docx：缺少主文档部件 {shown(main)}", path)
    ctype = pkg.content_types.get(main.lower(), "")
    if ctype != CT_MAIN:
        reason = _MAIN_TYPES.get(ctype)
        if reason:
            raise ReadError("unsupported", reason, path)
        raise ReadError("unsupported", f"不是 Word 文档（主文档部件的类型为“{shown(ctype) or '空'}”）", path)
    pkg.main = main
    pkg.strict = b"purl.oclc.org/ooxml" in pkg.read("_rels/.rels") or (
        b"http://purl.oclc.org/ooxml/wordprocessingml/main" in pkg.head(main, 4096))
