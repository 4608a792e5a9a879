"""The HTTP API of `reportlint serve` (SPEC §3) on FastAPI: routes, uploads, the bearer token, JSON
errors with a machine-readable kind, the access log. The work itself is done by the worker pool
(pool.py, jobs.py); this process reads uploads and passes bytes.

Every error is `{"error": {"kind": …, "message": …}}`: 400 a wrong option or a request without a
file, 401 without the token, 413 over the upload limit, 422 a file that cannot be read, 503 with
Retry-After when every worker is busy and the queue is full, 504 past the time limit.
"""

from __future__ import annotations

import hmac
import json
import re
import sys
import time
from collections.abc import Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from . import models
from .jobs import Job, Reply
from .pool import Busy, Lost, WorkerPool

RETRY_AFTER_SECONDS = 2
MULTIPART_SLACK = 64 * 1024  # the multipart framing around the file, allowed past the upload limit


@dataclass(frozen=True)
class Settings:
    workers: int
    queue: int  # requests that may wait for a worker beyond the busy ones
    time_limit: float  # seconds of work per request, in a worker
    max_upload: int  # bytes
    token: str | None = None


class ApiError(Exception):
    """An answer that is an error: its status, kind (stable, for programs) and message (for people)."""

    def __init__(self, status: int, kind: str, message: str, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status, self.kind, self.message, self.headers = status, kind, message, headers or {}


def _error_response(status: int, kind: str, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": {"kind": kind, "message": message}}, status, headers=headers)


def create_app(settings: Settings) -> FastAPI:
    pool = WorkerPool(settings.workers, settings.queue, settings.time_limit)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> Any:
        await pool.start()
        yield
        await pool.stop()

    app = FastAPI(title="reportlint", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
                  description=models.DESCRIPTION, openapi_tags=models.TAGS)
    app.state.pool = pool
    app.add_middleware(AccessLog)
    _add_error_handlers(app)
    authorized = _bearer(settings.token)
    _add_file_routes(app, settings, pool, authorized)
    _add_listing_routes(app, pool, authorized)
    _add_page(app, settings)
    return app


# --- errors ---------------------------------------------------------------------------------------


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> JSONResponse:
        request.state.kind = exc.kind
        return _error_response(exc.status, exc.kind, exc.message, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def bad_option(request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'][1:])}: {e['msg']}" for e in exc.errors())
        request.state.kind = "bad-option"
        return _error_response(400, "bad-option", f"参数有误：{problems}")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        kind = {404: "unknown-endpoint", 405: "method-not-allowed"}.get(exc.status_code, "bad-request")
        request.state.kind = kind
        return _error_response(exc.status_code, kind, str(exc.detail), dict(exc.headers or {}))


_BEARER = HTTPBearer(auto_error=False, description="`--token-file` 设置时必需")


def _bearer(token: str | None) -> Callable[..., Awaitable[None]]:
    """A dependency that lets a request through only with `Authorization: Bearer <token>` (any
    request when no token is set)."""

    async def authorized(credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_BEARER)]) -> None:
        if token is None:
            return
        given = credentials.credentials if credentials is not None else ""
        if not hmac.compare_digest(given.encode("utf-8"), token.encode("utf-8")):
            raise ApiError(401, "unauthorized", "需要有效的访问令牌（Authorization: Bearer …）",
                           {"WWW-Authenticate": "Bearer"})

    return authorized


# --- uploads --------------------------------------------------------------------------------------


_UNSAFE_NAME = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def safe_name(name: str | None) -> str:
    """The name a report is shown under: the client's file name without any folder, control
    characters or excess length. It is only ever shown and looked at for its extension, never
    used as a path."""
    base = re.split(r"[/\\]", name or "")[-1]
    base = _UNSAFE_NAME.sub("", base).strip()[:200]
    return base if base not in ("", ".", "..") else "report"


async def read_upload(request: Request, limit: int, filename: str | None) -> tuple[str, bytes]:
    """(name, bytes) of the uploaded report: the multipart field `file`, or the whole body named by
    `?filename=`. 413 past `limit`, counted while the body arrives; 400 without a file field."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit + MULTIPART_SLACK:
        raise _too_large(limit)
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit + MULTIPART_SLACK:
            raise _too_large(limit)
    request.state.size = len(body)
    if request.headers.get("content-type", "").startswith("multipart/form-data"):
        name, data = await _multipart_file(request, bytes(body))
    else:
        name, data = filename, bytes(body)
    if len(data) > limit:
        raise _too_large(limit)
    request.state.size = len(data)
    return safe_name(name), data


def _too_large(limit: int) -> ApiError:
    return ApiError(413, "too-large", f"上传的文件超过 {limit / 1024 / 1024:g} MiB 的上限（--max-upload-mb）")


async def _multipart_file(request: Request, body: bytes) -> tuple[str | None, bytes]:
    sent = False

    async def replay() -> dict[str, Any]:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    try:
        async with Request(request.scope, replay).form(max_files=1, max_fields=20) as form:
            upload = form.get("file")
            if upload is None or isinstance(upload, str):
                raise ApiError(400, "no-file", "请求中没有文件：multipart 字段 file，或请求体加 ?filename=")
            return upload.filename, await upload.read()
    except StarletteHTTPException as exc:  # a malformed multipart body
        raise ApiError(400, "bad-request", f"multipart 请求有误：{exc.detail}") from None


# --- the routes that take a report ----------------------------------------------------------------

Selectors = Annotated[list[str] | None, Query(description="规则名、代码或代码前缀；可重复，或以逗号分隔")]
MinScore = Annotated[float | None, Query(ge=0, le=1, description="低于此分的对应不算（默认 0.3）")]


def _add_file_routes(app: FastAPI, settings: Settings, pool: WorkerPool,
                     authorized: Callable[..., Awaitable[None]]) -> None:
    async def run(request: Request, job: Job) -> Reply:
        try:
            return await pool.run(job)
        except Lost as lost:
            if lost.kind == "timeout":
                raise ApiError(504, "timeout", f"{job.name}: 检查超过 {settings.time_limit:g} 秒的上限，已停止") from None
            raise ApiError(422, "crashed", f"{job.name}: 检查这个文件时进程意外退出（多半是内存不足）") from None

    async def job_for(request: Request, kind: str, filename: str | None, **options: Any) -> Response:
        try:
            with pool.admit():
                name, data = await read_upload(request, settings.max_upload, filename)
                reply = await run(request, Job(kind, data, name, **options))
        except Busy:
            raise _busy() from None
        request.state.kind, request.state.outcome = reply.kind, reply.outcome
        return Response(reply.body, reply.status, headers=reply.headers, media_type=reply.media_type)

    @app.post("/v1/check", tags=["files"], summary="检查一份报告", response_model=models.CheckResponse,
              responses=models.FILE_ERRORS, openapi_extra=models.UPLOAD, dependencies=[Depends(authorized)])
    async def check(request: Request, filename: str | None = None, profile: str | None = None,
                    select: Selectors = None, ignore: Selectors = None,
                    fail_on: Literal["error", "warning", "info"] = "error", lang: Literal["zh", "en"] = "zh",
                    outline: bool = False) -> Response:
        """The `check --format json` object for this one file, plus `passed` by `fail_on`. The JSON is
        the same with either `lang` (its keys and codes never change; the messages are Chinese)."""
        return await job_for(request, "check", filename, **_lint_options(profile, select, ignore), fail_on=fail_on,
                             outline=outline)

    @app.post("/v1/annotate", tags=["files"], summary="批注版 DOCX", responses=models.ANNOTATE_RESPONSES,
              openapi_extra=models.UPLOAD, dependencies=[Depends(authorized)], response_class=Response)
    async def annotate(request: Request, filename: str | None = None, profile: str | None = None,
                       select: Selectors = None, ignore: Selectors = None,
                       lang: Literal["zh", "en"] = "zh") -> Response:
        """The .docx with every finding as a Word comment on the text it is about."""
        return await job_for(request, "annotate", filename, **_lint_options(profile, select, ignore), lang=lang)

    @app.post("/page/result", include_in_schema=False, dependencies=[Depends(authorized)])
    async def page_result(request: Request, filename: str | None = None, profile: str | None = None,
                          fail_on: Literal["error", "warning", "info"] = "error") -> Response:
        """The page's view of a check: HTML rendered by a worker (serve_result.html)."""
        return await job_for(request, "page", filename, **_lint_options(profile, None, None), fail_on=fail_on)

    @app.post("/v1/map", tags=["files"], summary="问题→原因→措施对应表", response_model=models.MapResponse,
              responses=models.FILE_ERRORS, openapi_extra=models.UPLOAD, dependencies=[Depends(authorized)])
    async def map_(request: Request, filename: str | None = None,
                   min_score: MinScore = None) -> Response:
        """The `map --format json` object: which cause explains and which measure answers each problem."""
        return await job_for(request, "map", filename, min_score=min_score)


def _lint_options(profile: str | None, select: list[str] | None, ignore: list[str] | None) -> dict[str, Any]:
    """The profile and rule selection, checked here (400) before any upload is read: a built-in
    profile by a name reportlint knows it by, never a file on this machine; known rules only."""
    from ..config import resolve_profile
    from ..engine import active_rules
    from ..errors import ConfigError

    try:
        if profile is not None and _names_a_file(profile):
            raise ConfigError(profile)
        resolved = resolve_profile(profile)
    except ConfigError:
        raise ApiError(400, "unknown-profile", f"没有名为“{profile}”的配置（见 GET /v1/profiles）") from None
    select_, ignore_ = _split(select), _split(ignore)
    try:
        active_rules(resolved, select_, ignore_)
    except ConfigError as exc:
        raise ApiError(400, "unknown-rule", str(exc)) from None
    return {"profile": profile, "select": select_, "ignore": ignore_}


def _names_a_file(profile: str) -> bool:
    """Whether load_profile would read `profile` as a file rather than a built-in's name."""
    from pathlib import Path

    return profile.endswith(".toml") or "/" in profile or "\\" in profile or Path(profile).exists()


def _split(values: list[str] | None) -> tuple[str, ...]:
    return tuple(v.strip() for value in values or () for v in value.split(",") if v.strip())


def _busy() -> ApiError:
    return ApiError(503, "busy", "服务繁忙，请稍后重试", {"Retry-After": str(RETRY_AFTER_SECONDS)})


# --- listings -------------------------------------------------------------------------------------


def _add_listing_routes(app: FastAPI, pool: WorkerPool, authorized: Callable[..., Awaitable[None]]) -> None:
    @app.get("/v1/rules", tags=["listings"], summary="规则列表", response_model=models.RulesResponse,
             dependencies=[Depends(authorized)])
    async def rules() -> dict[str, Any]:
        from ..i18n import rule_title
        from ..registry import all_rules

        return {"rules": [{"code": r.code, "name": r.name, "title": rule_title(r.code, r.name),
                           "severity": str(r.severity), "summary": r.summary} for r in all_rules()]}

    @app.get("/v1/profiles", tags=["listings"], summary="内置配置", response_model=models.ProfilesResponse,
             dependencies=[Depends(authorized)])
    async def profiles() -> dict[str, Any]:
        from ..config import builtin_profiles, load_profile

        profiles = [load_profile(n) for n in builtin_profiles()]
        return {"profiles": [{"name": n, "title": p.title, "aliases": list(p.aliases), "description": p.description}
                             for n, p in zip(builtin_profiles(), profiles, strict=True)]}

    @app.get("/healthz", tags=["listings"], summary="运行状态", response_model=models.Health)
    async def healthz() -> dict[str, Any]:
        return {"status": "ok", "version": __version__, "workers": pool.size, "busy": pool.busy,
                "waiting": max(0, pool.admitted - pool.busy), "replaced": pool.replaced}


# --- the page for people -------------------------------------------------------------------------

# the page and what it loads come from this server only (its script and styles are inline); a
# report's text is never markup (the templates escape it), and the page cannot be framed elsewhere
PAGE_POLICY = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; "
               "img-src 'self' data: blob:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")


def _add_page(app: FastAPI, settings: Settings) -> None:
    from ..config import builtin_profiles, load_profile
    from ..templating import render

    profiles = [{"name": n, "title": load_profile(n).title or n} for n in builtin_profiles()]
    page = render("serve.html", profiles=profiles, token=settings.token is not None,
                  max_upload_mb=f"{settings.max_upload / 1024 / 1024:g}").encode("utf-8")

    @app.get("/", include_in_schema=False)
    async def index() -> Response:
        return Response(page, media_type="text/html; charset=utf-8",
                        headers={"Content-Security-Policy": PAGE_POLICY, "X-Content-Type-Options": "nosniff"})


# --- the access log -------------------------------------------------------------------------------


class AccessLog:
    """One JSON line per request on standard output: time, method, path, status, upload size, error
    kind, outcome (passed / failed / ok / error) and duration. Never a file name or report text."""

    def __init__(self, app: Callable[..., Awaitable[None]]):
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.monotonic()
        status = 500

        async def sending(message: dict[str, Any]) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        state = scope.setdefault("state", {})
        try:
            await self.app(scope, receive, sending)
        finally:
            ok = status < 400
            line = {"time": datetime.now(timezone.utc).isoformat(timespec="milliseconds"), "method": scope["method"],
                    "path": scope["path"], "status": status, "size": state.get("size"), "kind": state.get("kind"),
                    "outcome": state.get("outcome", "ok") if ok else "error",
                    "ms": round((time.monotonic() - start) * 1000, 1)}
            sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")
            sys.stdout.flush()
