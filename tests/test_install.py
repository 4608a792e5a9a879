"""The built wheel carries grammars/ and rules/: install it into a fresh venv outside the checkout and
run the CLI on an example. A data file missing from the wheel fails here. Then the extra `serve`:
without it `reportlint serve` says how to get it; with it the service answers."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(os.environ.get("REPORTLINT_SKIP_INSTALL") == "1", reason="install test disabled")


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> tuple[Path, Path]:
    """(the wheel, a fresh venv it is installed in without extras)."""
    tmp_path = tmp_path_factory.mktemp("install")
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(ROOT)],
                   check=True, timeout=600)
    wheel = next(wheels.glob("reportlint-*.whl"))
    import zipfile

    names = zipfile.ZipFile(wheel).namelist()
    assert "reportlint/grammars/labels.lark" in names
    assert "reportlint/data/profiles/default.toml" in names and "reportlint/data/vocab/roles.toml" in names
    assert "reportlint/templates/base.html" in names and "reportlint/templates/review.html" in names
    assert "reportlint/templates/serve.html" in names and "reportlint/serve/app.py" in names

    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    py = env_dir / "bin" / "python"
    subprocess.run([str(py), "-m", "pip", "install", "-q", str(wheel)], check=True, timeout=600)
    return wheel, env_dir


def _outside_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH",)}


def test_wheel_installs_and_runs_outside_the_checkout(installed, tmp_path):
    _, env_dir = installed
    py = env_dir / "bin" / "python"
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    report = outside / "r.txt"
    report.write_bytes((ROOT / "examples" / "leader-2024-defects.txt").read_bytes())
    exe = env_dir / "bin" / "reportlint"
    env = _outside_env()
    tree = subprocess.run([str(exe), "tree", "--format", "json", str(report)], capture_output=True, text=True,
                          cwd=outside, env=env, timeout=120)
    assert tree.returncode == 0, tree.stderr
    assert json.loads(tree.stdout)["sections"][0]["role"] == "problems"
    check = subprocess.run([str(exe), "check", "--profile", "2024-dem-four-leads", str(report)], capture_output=True,
                           text=True, cwd=outside, env=env, timeout=120)
    assert check.returncode == 1, check.stderr
    assert "RL105" in check.stdout
    page = outside / "review.html"
    html = subprocess.run([str(exe), "check", "--format", "html", "-o", str(page), str(report)], capture_output=True,
                          text=True, cwd=outside, env=env, timeout=120)
    assert html.returncode == 1, html.stderr
    assert "台账" in page.read_text(encoding="utf-8")  # the templates came with the wheel
    where = subprocess.run([str(py), "-c", "import reportlint; print(reportlint.__file__)"], capture_output=True,
                           text=True, cwd=outside, env=env, timeout=60).stdout
    assert str(ROOT) not in where


def test_serve_needs_its_extra_and_then_serves_the_page_and_the_api(installed, tmp_path):
    import socket
    import time
    import urllib.request

    wheel, env_dir = installed
    exe, env = env_dir / "bin" / "reportlint", _outside_env()
    without = subprocess.run([str(exe), "serve"], capture_output=True, text=True, cwd=tmp_path, env=env, timeout=60)
    assert without.returncode == 2 and "pip install 'reportlint[serve]'" in without.stderr, without.stderr
    subprocess.run([str(env_dir / "bin" / "python"), "-m", "pip", "install", "-q", f"{wheel}[serve]"], check=True,
                   timeout=600)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([str(exe), "serve", "--port", str(port), "--workers", "1"], cwd=tmp_path, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        url = f"http://127.0.0.1:{port}"
        for _ in range(600):
            try:
                page = urllib.request.urlopen(url + "/", timeout=10).read().decode("utf-8")
                break
            except OSError:
                assert server.poll() is None, server.stderr.read() if server.stderr else ""
                time.sleep(0.2)
        assert "报告检查" in page
        request = urllib.request.Request(url + "/v1/check?filename=r.txt", method="POST",
                                         data=(ROOT / "examples" / "leader-2024-defects.txt").read_bytes())
        answer = json.loads(urllib.request.urlopen(request, timeout=120).read())
        assert answer["passed"] is False and answer["files"][0]["findings"]
    finally:
        server.terminate()
        server.wait(60)
