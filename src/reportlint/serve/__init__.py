"""`reportlint serve`: the HTTP service for other systems (SPEC §3) and the page for people, on
FastAPI and uvicorn (the optional extra `serve`).

FastAPI because its OpenAPI description (/openapi.json) is generated from the same declarations that
read the requests, so the description an integrator's tooling reads cannot drift from what the
service does; uvicorn is the ASGI server it is usually deployed on. One server process reads the
uploads; the linting runs in warm worker processes (pool.py).
"""

from __future__ import annotations

import os
import sys

# without an explicit setting, reading a PDF or converting a .doc may take this share of the time
# limit, so that their own limits stop them (and their LibreOffice) before the worker is killed
_READING_SHARE = 0.5


def serve(*, host: str, port: int, workers: int, queue: int, time_limit: float, max_upload_mb: float,
          token: str | None) -> None:
    """Run the service until interrupted."""
    import uvicorn

    from .app import Settings, create_app

    for variable in ("REPORTLINT_PDF_SECONDS", "REPORTLINT_CONVERT_SECONDS"):
        os.environ.setdefault(variable, f"{time_limit * _READING_SHARE:g}")  # the workers inherit it
    settings = Settings(workers=workers, queue=queue, time_limit=time_limit,
                        max_upload=int(max_upload_mb * 1024 * 1024), token=token)
    if token is None and host not in ("127.0.0.1", "localhost", "::1"):
        print(f"reportlint serve: listening on {host} without --token-file: anyone who reaches this "
              "address can use the service", file=sys.stderr)
    uvicorn.run(create_app(settings), host=host, port=port, access_log=False, log_level="info",
                timeout_graceful_shutdown=int(time_limit) + 5)


def read_token(path: str) -> str:
    """The bearer token in `path` (its first line); ValueError when there is none."""
    with open(path, encoding="utf-8") as fh:
        token = fh.readline().strip()
    if not token:
        raise ValueError(f"{path}: the token file is empty")
    return token
