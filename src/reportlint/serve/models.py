"""The shapes of the HTTP API for its OpenAPI description (/openapi.json): the JSON of SPEC §3, the
upload and the errors. Only described here: the answers are built by the library's own to_dict()
in the workers, not validated again."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

DESCRIPTION = """reportlint 检查对照检查材料、检视剖析材料、发言提纲等报告的结构和常见问题。

上传：multipart 字段 `file`，或整个请求体（加 `?filename=`）。出错时返回
`{"error": {"kind": …, "message": …}}`：`kind` 供程序判断（见 README 的错误类型表），`message` 给人看。
400 参数有误，401 缺少令牌，413 超过上传上限，422 文件无法读取，503 繁忙（见 Retry-After），504 超时。"""

TAGS = [{"name": "files", "description": "上传一份报告"}, {"name": "listings", "description": "规则、配置和运行状态"}]


class Finding(BaseModel):
    code: str = Field(examples=["RL201"])
    rule: str = Field(examples=["problem-without-cause"])
    severity: Literal["error", "warning", "info"]
    message: str
    line: int | None
    column: int | None
    end_line: int | None
    end_column: int | None
    section: str | None = Field(examples=["一/（四）/七是"])
    excerpt: str | None


class FileError(BaseModel):
    kind: str = Field(examples=["damaged"])
    message: str


class FileResult(BaseModel):
    path: str
    format: str | None = Field(examples=["docx"])
    converted_from: str | None = Field(default=None, examples=["pdf"])
    profile: str | None
    error: FileError | None
    findings: list[Finding]


class Summary(BaseModel):
    files: int
    failed_files: int
    error: int
    warning: int
    info: int


class CheckResponse(BaseModel):
    version: int = 1
    files: list[FileResult]
    summary: Summary
    passed: bool = Field(description="无 fail_on 及以上级别的问题")
    outline: dict[str, Any] | None = Field(default=None, description="`outline=true` 时：报告的提纲")


class MapLink(BaseModel):
    id: str
    score: float
    evidence: list[str]


class MapProblem(BaseModel):
    id: str
    section: str
    line: int | None
    column: int | None
    text: str
    causes: list[MapLink]
    measures: list[MapLink]


class MapUnit(BaseModel):
    id: str
    section: str
    line: int | None
    column: int | None
    text: str
    problems: list[str]


class MapResponse(BaseModel):
    path: str
    problems: list[MapProblem]
    causes: list[MapUnit]
    measures: list[MapUnit]


class Rule(BaseModel):
    code: str
    name: str
    title: str = Field(description="中文名称", examples=["问题缺少原因"])
    severity: Literal["error", "warning", "info"]
    summary: str


class RulesResponse(BaseModel):
    rules: list[Rule]


class Profile(BaseModel):
    name: str
    title: str = Field(description="中文名称（也可作 profile 参数）", examples=["2024年度民主生活会"])
    aliases: list[str] = Field(description="profile 参数也接受的其他名称")
    description: str


class ProfilesResponse(BaseModel):
    profiles: list[Profile]


class Health(BaseModel):
    status: Literal["ok"]
    version: str
    workers: int
    busy: int
    waiting: int
    replaced: int = Field(description="因超时或退出而重启的工作进程数")


class ErrorResponse(BaseModel):
    error: FileError


UPLOAD: dict[str, Any] = {"requestBody": {"required": True, "content": {
    "multipart/form-data": {"schema": {"type": "object", "required": ["file"],
                                       "properties": {"file": {"type": "string", "format": "binary"}}}},
    "application/octet-stream": {"schema": {"type": "string", "format": "binary"}},
}}}

_ERRORS = {
    400: "参数有误（kind: bad-option, unknown-profile, unknown-rule, no-file, bad-request）",
    401: "缺少或错误的访问令牌（kind: unauthorized）",
    413: "超过上传上限（kind: too-large）",
    422: "文件无法读取（kind: empty, damaged, unsafe, legacy-doc, html, encrypted, too-large, crashed…）",
    503: "繁忙，稍后按 Retry-After 重试（kind: busy）",
    504: "检查超时（kind: timeout）",
}
FILE_ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorResponse, "description": text} for status, text in _ERRORS.items()}
ANNOTATE_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "批注版 .docx（X-Reportlint-Passed、X-Reportlint-Findings 头）",
          "content": {"application/vnd.openxmlformats-officedocument.wordprocessingml.document":
                      {"schema": {"type": "string", "format": "binary"}}}},
    **FILE_ERRORS,
}
