"""`reportlint serve` as an integrator meets it: a real server process on a loopback port, spoken to
over HTTP. The answers are those of the command line for the same file; every hostile file is a 4xx
with its kind and the workers survive; the limits (upload size, time, queue, token) answer with
their status and kind; nothing is written to disk, no client file name is used as a path, and the
access log holds no file name or report text."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

httpx = pytest.importorskip("httpx")
pytest.importorskip("fastapi")

from click.testing import CliRunner  # noqa: E402
from docx_builders import docx_from_text  # noqa: E402
from test_hostile import BOUNDED, CASES, zip_bomb  # noqa: E402

from reportlint.cli import main  # noqa: E402
from reportlint.docx_comments import read_comments  # noqa: E402
from reportlint.serve import models  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CLEAN = ROOT / "examples" / "branch-2025-clean.txt"
DEFECTS = ROOT / "examples" / "leader-2024-defects.txt"
SPEECH_DOCX = ROOT / "examples" / "member-2023-speech.docx"
SLOW_REPORT = CLEAN.read_bytes() * 150  # some 1.1 MB of real report: seconds of work (with no pair limit)
RUNAWAY_REPORT = CLEAN.read_bytes() * 400  # 3 MB: some 6 s of work or more, with the limits of work lifted


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`reportlint serve` run in `folder` (its current directory and TMPDIR are folders of their own
    there), its access log in `access.log`; stopped by `stop`."""

    def __init__(self, folder: Path, *args: str, env: dict[str, str] | None = None):
        self.folder, self.port = folder, _free_port()
        self.cwd, self.tmp = folder / "cwd", folder / "tmp"
        self.cwd.mkdir(parents=True)
        self.tmp.mkdir()
        self.log, self.err = folder / "access.log", folder / "stderr.log"
        full_env = {**os.environ, "TMPDIR": str(self.tmp), "REPORTLINT_SOFFICE": "off", **(env or {})}
        with self.log.open("wb") as out, self.err.open("wb") as err:
            self.proc = subprocess.Popen([sys.executable, "-m", "reportlint", "serve", "--port", str(self.port), *args],
                                         cwd=self.cwd, env=full_env, stdout=out, stderr=err)
        self.url = f"http://127.0.0.1:{self.port}"
        self.client = httpx.Client(base_url=self.url, timeout=120)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, self.err.read_text()
            try:
                if self.client.get("/healthz").status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        raise AssertionError("the server did not start: " + self.err.read_text())

    def check(self, data: bytes, name: str, **params) -> httpx.Response:
        return self.client.post("/v1/check", files={"file": (name, data)}, params=params)

    def check_meanwhile(self, data: bytes, name: str) -> tuple[threading.Thread, list[httpx.Response]]:
        """A check sent from another thread (with its own client), and where its answer will be."""
        answers: list[httpx.Response] = []

        def send() -> None:
            with httpx.Client(base_url=self.url, timeout=120) as client:
                answers.append(client.post("/v1/check", files={"file": (name, data)}))

        thread = threading.Thread(target=send)
        thread.start()
        deadline = time.monotonic() + 60
        while self.client.get("/healthz").json()["busy"] == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        return thread, answers

    def stop(self) -> None:
        self.client.close()
        self.proc.terminate()
        self.proc.wait(60)

    def access_log(self) -> list[dict]:
        return [json.loads(line) for line in self.log.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    # uploads as large as the reader takes (REPORTLINT_MAX_INPUT_MB), so the hostile files reach it
    s = Server(tmp_path_factory.mktemp("serve"), "--workers", "2", "--max-upload-mb", "50")
    yield s
    s.stop()


def cli_check(path: Path, *args: str) -> dict:
    r = CliRunner().invoke(main, ["check", "--format", "json", "--no-cache", "--isolated", *args, str(path)])
    return json.loads(r.output)


def _as_named(result: dict, name: str) -> dict:
    """A check result with its one file's path (and the paths in its messages) as `name`."""
    text = json.dumps(result, ensure_ascii=False)
    return json.loads(text.replace(json.dumps(result["files"][0]["path"], ensure_ascii=False)[1:-1], name))


# --- the answers are the command line's ---------------------------------------------------------


@pytest.mark.parametrize("path", [CLEAN, DEFECTS, SPEECH_DOCX])
def test_check_answers_what_the_command_line_says_plus_passed(server, path):
    r = server.check(path.read_bytes(), path.name)
    assert r.status_code == 200, r.text
    body = r.json()
    models.CheckResponse.model_validate(body)
    passed = body.pop("passed")
    expected = _as_named(cli_check(path), path.name)
    assert body == expected
    assert passed == (expected["summary"]["failed_files"] == 0)


def test_a_raw_body_with_a_file_name_is_the_same_as_an_upload(server):
    raw = server.client.post("/v1/check", params={"filename": "a.docx"}, content=SPEECH_DOCX.read_bytes())
    assert raw.json() == server.check(SPEECH_DOCX.read_bytes(), "a.docx").json()
    unnamed = server.client.post("/v1/check", content=CLEAN.read_bytes())
    assert unnamed.status_code == 200 and unnamed.json()["files"][0]["path"] == "report"


def test_options_are_those_of_check(server):
    data = DEFECTS.read_bytes()
    options = {"profile": "2024-dem-four-leads", "ignore": "placeholder,RL302", "fail_on": "warning"}
    r = server.check(data, "d.txt", **options)
    expected = _as_named(cli_check(DEFECTS, "--profile", "2024-dem-four-leads", "--ignore", "placeholder",
                                   "--ignore", "RL302", "--fail-on", "warning"), "d.txt")
    assert {k: v for k, v in r.json().items() if k != "passed"} == expected
    only_warnings = server.client.post("/v1/check", files={"file": ("d.txt", data)},
                                       params=[("select", "vague-measure")])
    assert only_warnings.json()["passed"] is True
    assert server.check(data, "d.txt", select="vague-measure", fail_on="warning").json()["passed"] is False


def test_outline_on_request(server):
    body = server.check(CLEAN.read_bytes(), "c.txt", outline="true").json()
    assert [s["heading"] for s in body["outline"]["sections"]] == ["存在的主要问题", "问题产生的原因", "整改措施"]
    assert "outline" not in server.check(CLEAN.read_bytes(), "c.txt").json()


@pytest.mark.parametrize(("params", "kind"), [
    ({"profile": "no-such-profile"}, "unknown-profile"),
    ({"profile": str(ROOT / "rules" / "profiles" / "default.toml")}, "unknown-profile"),  # never a path
    ({"profile": "default.toml"}, "unknown-profile"),
    ({"select": "no-such-rule"}, "unknown-rule"),
    ({"fail_on": "fatal"}, "bad-option"),
    ({"lang": "fr"}, "bad-option"),
])
def test_a_wrong_option_is_400_with_its_kind(server, params, kind):
    r = server.check(CLEAN.read_bytes(), "c.txt", **params)
    assert r.status_code == 400 and r.json()["error"]["kind"] == kind, r.text
    assert r.json()["error"]["message"]


def test_a_request_without_a_file_is_400(server):
    r = server.client.post("/v1/check", files={"other": ("a.txt", b"x")})
    assert r.status_code == 400 and r.json()["error"]["kind"] == "no-file"


def test_map_is_the_map_of_the_command_line(server):
    r = server.client.post("/v1/map", files={"file": ("c.txt", CLEAN.read_bytes())})
    assert r.status_code == 200
    cli = CliRunner().invoke(main, ["map", "--format", "json", str(CLEAN)])
    assert r.json() == {**json.loads(cli.output), "path": "c.txt"}
    models.MapResponse.model_validate(r.json())


def test_annotate_returns_the_docx_with_its_comments(server):
    data = docx_from_text(DEFECTS.read_text(encoding="utf-8"))
    r = server.client.post("/v1/annotate", files={"file": ("张三 对照检查材料.docx", data)})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/vnd.openxmlformats-officedocument")
    assert "filename*=UTF-8''%E5%BC%A0%E4%B8%89" in r.headers["content-disposition"]
    findings = server.check(data, "a.docx").json()["files"][0]["findings"]
    assert len(read_comments(r.content)) == len(findings) == int(r.headers["x-reportlint-findings"])
    assert r.headers["x-reportlint-passed"] == "false"
    assert all(c["text"].startswith(("错误 · ", "警告 · ", "提示 · ")) for c in read_comments(r.content))
    english = server.client.post("/v1/annotate", files={"file": ("a.docx", data)}, params={"lang": "en"})
    assert all(re.match(r"RL\d{3} [a-z-]+（(error|warning|info)）：", c["text"]) for c in read_comments(english.content))
    text = server.client.post("/v1/annotate", files={"file": ("c.txt", CLEAN.read_bytes())})
    assert text.status_code == 422 and text.json()["error"]["kind"] == "annotate-error"


def test_listings(server):
    rules = server.client.get("/v1/rules").json()["rules"]
    listed = CliRunner().invoke(main, ["rules"]).output.splitlines()
    assert [r["code"] for r in rules] == [line.split()[0] for line in listed]
    assert {"code": "RL201", "name": "problem-without-cause", "title": "问题缺少原因"}.items() <= \
        next(r for r in rules if r["code"] == "RL201").items()
    profiles = server.client.get("/v1/profiles").json()["profiles"]
    assert "default" in {p["name"] for p in profiles} and all(p["description"] for p in profiles)
    chinese = next(p for p in profiles if p["name"] == "2024-dem-four-leads")["title"]
    assert chinese and server.check(DEFECTS.read_bytes(), "d.txt", profile=chinese).json()["files"][0]["profile"] \
        == "2024-dem-four-leads"  # a Chinese title is a name the API takes
    health = server.client.get("/healthz").json()
    assert health["status"] == "ok" and health["workers"] == 2


def test_openapi_describes_the_api_and_no_page_loads_from_elsewhere(server):
    spec = server.client.get("/openapi.json").json()
    assert {"/v1/check", "/v1/annotate", "/v1/map", "/v1/rules", "/v1/profiles", "/healthz"} <= set(spec["paths"])
    upload = spec["paths"]["/v1/check"]["post"]
    assert {"multipart/form-data", "application/octet-stream"} <= set(upload["requestBody"]["content"])
    assert {"400", "413", "422", "503", "504"} <= set(upload["responses"])
    assert {p["name"] for p in upload["parameters"]} >= {"profile", "select", "ignore", "fail_on", "lang", "filename"}
    assert server.client.get("/docs").status_code == 404  # Swagger UI would load its scripts from a CDN


def test_unknown_paths_and_methods_are_json_errors(server):
    assert server.client.get("/v1/nothing").json()["error"]["kind"] == "unknown-endpoint"
    r = server.client.get("/v1/check")
    assert r.status_code == 405 and r.json()["error"]["kind"] == "method-not-allowed"


# --- hostile files --------------------------------------------------------------------------------


HOSTILE = {**CASES, **BOUNDED}


@pytest.mark.parametrize("case", list(HOSTILE))
def test_every_hostile_file_is_a_4xx_with_its_kind(server, case):
    name, build, kind, reason = HOSTILE[case]
    r = server.check(build(), name)
    assert r.status_code == 422, r.text
    error = r.json()["error"]
    assert error["kind"] == kind and reason.lower() in error["message"].lower(), error


def test_a_zip_bomb_is_refused_and_the_workers_survive_all_of_them(server, tmp_path):
    zip_bomb(tmp_path / "bomb.docx")
    r = server.check((tmp_path / "bomb.docx").read_bytes(), "bomb.docx")
    assert r.status_code == 422 and r.json()["error"]["kind"] == "unsafe"
    health = server.client.get("/healthz").json()
    assert health["replaced"] == 0 and health["busy"] == 0
    assert server.check(CLEAN.read_bytes(), "c.txt").status_code == 200


def test_client_file_names_are_names_not_paths(server):
    for given, shown in (("../../escape.txt", "escape.txt"), ("C:\\Users\\张三\\报告.txt", "报告.txt"),
                         ("/etc/passwd", "passwd"), ("..", "report"), ("a\nb\x1b[31m.txt", "ab[31m.txt")):
        uploaded = server.check(CLEAN.read_bytes(), given)
        raw = server.client.post("/v1/check", params={"filename": given}, content=CLEAN.read_bytes())
        assert raw.json()["files"][0]["path"] == shown, given
        if "\n" not in given:  # httpx writes a line break in a multipart file name as %0A
            assert uploaded.json()["files"][0]["path"] == shown, given
    assert not list(server.folder.parent.glob("escape.txt"))


def test_nothing_is_written_to_disk_and_the_log_holds_no_names_or_text(tmp_path):
    server = Server(tmp_path, "--workers", "1")
    try:
        big = docx_from_text(DEFECTS.read_text(encoding="utf-8") * 40)  # > 1 MiB multipart: spooled, then gone
        secret = "保密人员甲乙丙对照检查材料.docx"
        assert server.check(big, secret).status_code == 200
        assert server.client.post("/v1/annotate", files={"file": (secret, big)}).status_code == 200
        assert server.check(b"", secret).status_code == 422
        assert server.client.post("/v1/map", params={"filename": secret}, content=big).status_code == 200
        assert list(server.cwd.iterdir()) == []
        assert list(server.tmp.iterdir()) == []
    finally:
        server.stop()
    assert list(server.cwd.iterdir()) == [] and list(server.tmp.iterdir()) == []
    log = server.log.read_text(encoding="utf-8")
    assert "保密人员" not in log and "保密人员" not in server.err.read_text(encoding="utf-8")
    lines = [e for e in server.access_log() if e["path"] != "/healthz"]
    assert [(e["path"], e["status"], e["outcome"], e["kind"]) for e in lines] == [
        ("/v1/check", 200, "failed", None), ("/v1/annotate", 200, "failed", None),
        ("/v1/check", 422, "error", "empty"), ("/v1/map", 200, "ok", None)]
    assert lines[0]["size"] == len(big) and all(e["ms"] > 0 and e["time"].endswith("+00:00") for e in lines)


# --- limits ---------------------------------------------------------------------------------------


def test_an_upload_over_the_limit_is_413_and_a_slow_report_is_504_from_a_worker_that_survives(tmp_path):
    server = Server(tmp_path, "--workers", "1", "--max-upload-mb", "2",
                    env={"REPORTLINT_FILE_SECONDS": "0.3", "REPORTLINT_MAX_PAIRS": "0"})
    try:
        slow = server.check(SLOW_REPORT, "slow.txt")  # the linter's own deadline: the worker answers
        assert slow.status_code == 504 and slow.json()["error"]["kind"] == "timeout"
        assert "REPORTLINT_FILE_SECONDS" in slow.json()["error"]["message"]
        mapped = server.client.post("/v1/map", files={"file": ("slow.txt", SLOW_REPORT)})
        assert mapped.status_code == 504 and mapped.json()["error"]["kind"] == "timeout"
        assert server.client.get("/healthz").json()["replaced"] == 0

        big = CLEAN.read_bytes() * 300  # 2.2 MB
        declared = server.check(big, "big.txt")
        assert declared.status_code == 413 and declared.json()["error"]["kind"] == "too-large"

        def chunks():
            for i in range(0, len(big), 8192):
                yield big[i:i + 8192]

        streamed = server.client.post("/v1/check", params={"filename": "big.txt"}, content=chunks())
        assert streamed.status_code == 413 and streamed.json()["error"]["kind"] == "too-large"
        assert server.check(CLEAN.read_bytes(), "ok.txt").status_code == 200
    finally:
        server.stop()


@pytest.fixture(scope="module")
def slow_server(tmp_path_factory):
    """One worker, no queue, a 1 s time limit, and neither the linter's own deadline nor its limits of
    work: a runaway report runs until the worker is stopped."""
    s = Server(tmp_path_factory.mktemp("slow"), "--workers", "1", "--queue", "0", "--time-limit", "1",
               env={"REPORTLINT_FILE_SECONDS": "0", "REPORTLINT_MAX_PAIRS": "0", "REPORTLINT_MAX_CHARS": "0",
                    "REPORTLINT_MAX_ITEMS": "0"})
    yield s
    s.stop()


def test_past_the_time_limit_the_worker_is_replaced_and_the_answer_is_504(slow_server):
    r = slow_server.check(RUNAWAY_REPORT, "runaway.txt")
    assert r.status_code == 504 and r.json()["error"]["kind"] == "timeout", r.text[:300]
    assert slow_server.client.get("/healthz").json()["replaced"] >= 1
    assert slow_server.check(CLEAN.read_bytes(), "c.txt").status_code == 200  # the new worker answers


def _worker_pids(server: Server) -> list[int]:
    """The server's lint workers (Linux: its child processes started by multiprocessing's spawn)."""
    pids = []
    for entry in Path("/proc").iterdir():
        try:
            if (entry.name.isdigit() and b"spawn_main" in (entry / "cmdline").read_bytes()
                    and int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == server.proc.pid):
                pids.append(int(entry.name))
        except (OSError, IndexError, ValueError):
            continue
    return pids


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds the worker through /proc (Linux)")
def test_a_worker_that_dies_is_replaced_and_its_file_gets_kind_crashed(slow_server):
    """As when the OOM killer ends a worker: the request gets 422 crashed, the next one a new worker."""
    before = slow_server.client.get("/healthz").json()["replaced"]
    request, answer = slow_server.check_meanwhile(RUNAWAY_REPORT, "runaway.txt")
    (worker,) = _worker_pids(slow_server)
    os.kill(worker, signal.SIGKILL)
    request.join()
    assert answer[0].status_code == 422 and answer[0].json()["error"]["kind"] == "crashed", answer[0].text[:300]
    assert slow_server.client.get("/healthz").json()["replaced"] == before + 1
    assert slow_server.check(CLEAN.read_bytes(), "c.txt").status_code == 200


def test_past_the_queue_the_answer_is_503_with_retry_after(slow_server):
    worker, first = slow_server.check_meanwhile(RUNAWAY_REPORT, "runaway.txt")
    second = slow_server.check(CLEAN.read_bytes(), "c.txt")
    worker.join()
    assert second.status_code == 503 and second.json()["error"]["kind"] == "busy"
    assert int(second.headers["retry-after"]) > 0
    assert first[0].status_code == 504


def test_the_token_guards_the_api_not_the_health_check(tmp_path):
    token = tmp_path / "token"
    token.write_text("s3cret-token\n", encoding="utf-8")
    server = Server(tmp_path / "srv", "--workers", "1", "--token-file", str(token))
    try:
        for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic czNjcmV0LXRva2Vu"}):
            r = server.client.post("/v1/check", files={"file": ("c.txt", CLEAN.read_bytes())}, headers=headers)
            assert r.status_code == 401 and r.json()["error"]["kind"] == "unauthorized", headers
            assert r.headers["www-authenticate"] == "Bearer"
        assert server.client.get("/v1/rules").status_code == 401
        ok = server.client.post("/v1/check", files={"file": ("c.txt", CLEAN.read_bytes())},
                                headers={"Authorization": "Bearer s3cret-token"})
        assert ok.status_code == 200
        assert server.client.get("/healthz").status_code == 200
    finally:
        server.stop()


def test_serve_without_a_usable_token_file_says_so(tmp_path):
    empty = tmp_path / "empty"
    empty.write_text("\n", encoding="utf-8")
    for path in (empty, tmp_path / "missing"):
        r = CliRunner().invoke(main, ["serve", "--token-file", str(path)])
        assert r.exit_code == 2 and "--token-file" in r.output
