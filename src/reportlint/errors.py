"""The exceptions reportlint raises. Each carries a one-line message a user can act on."""

from __future__ import annotations

# Why an input could not be read: the kind is for programs (stable, in JSON as `error.kind`), the
# reason is for people and opens the message. SPEC §3 and the README list these kinds; a new kind is
# added here first.
READ_ERROR_KINDS: dict[str, str] = {
    "not-found": "文件不存在",
    "is-directory": "这是文件夹，不是文件",
    "not-regular-file": "不是普通文件（设备、管道或套接字）",
    "outside-folder": "符号链接指向所检查的文件夹之外，未读取",
    "permission-denied": "没有读取这个文件的权限",
    "empty": "文件为空",
    "legacy-doc": "旧版 Word 97-2003 文档（.doc）",
    "wps": "WPS 文字旧格式文档（.wps）",
    "odt": "OpenDocument 文本文档（.odt）",
    "rtf": "RTF 文档",
    "html": "网页文件（HTML），不是 Word 文档",
    "mhtml": "网页存档（MHTML），不是 Word 文档",
    "word-xml": "Word XML 文档（2003 XML 或 Flat OPC），不是 .docx",
    "pdf-no-text": "PDF 中没有可读取的文字（扫描件、图片，或字体无法提取文字）",
    "encrypted": "文件设有密码",
    "damaged": "文件已损坏",
    "too-large": "超出读取限制",
    "unsafe": "文件含有不安全的结构，拒绝读取",
    "binary": "二进制文件，不是文本报告",
    "encoding": "无法识别文本编码",
    "unsupported": "不支持的文件格式",
    "timeout": "超时",
    "conversion-failed": "转换失败",
    "crashed": "检查这个文件的进程意外终止",
}


class ReportlintError(Exception):
    """Base class: anything reportlint reports to a user as one line, never as a traceback."""

    kind = "error"

    def __init__(self, message: str, path: str | None = None):
        super().__init__(message)
        self.message = message
        self.path = path

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class ReadError(ReportlintError):
    """An input that cannot be read: `kind` is one of READ_ERROR_KINDS, the message is its reason,
    then what was found or what to do (`文件为空`, `旧版 Word 97-2003 文档（.doc）：请另存为 .docx…`)."""

    def __init__(self, kind: str, detail: str = "", path: str | None = None):
        if kind not in READ_ERROR_KINDS:
            raise ValueError(f"unknown read error kind {kind!r}")
        reason = READ_ERROR_KINDS[kind]
        super().__init__(f"{reason}：{detail}" if detail else reason, path)
        self.kind = kind
        self.detail = detail

    def at(self, path: str) -> ReadError:
        """The same error, naming the file (readers of bytes learn the name from their caller)."""
        return type(self)(self.kind, self.detail, path)


class ConfigError(ReportlintError):
    """A profile or configuration file that is wrong: unknown rule, bad option, bad TOML."""

    kind = "config-error"


class RuleError(ReportlintError):
    """A rule or rule plugin that failed to load or crashed."""

    kind = "rule-error"
