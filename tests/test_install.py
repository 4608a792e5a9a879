"""The built wheel carries grammars/ and rules/: install it into a fresh venv outside the checkout and
run the CLI on an example. A data file missing from the wheel fails here."""

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


def test_wheel_installs_and_runs_outside_the_checkout(tmp_path):
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(ROOT)],
                   check=True, timeout=600)
    wheel = next(wheels.glob("reportlint-*.whl"))
    import zipfile

    names = zipfile.ZipFile(wheel).namelist()
    assert "reportlint/grammars/labels.lark" in names
    assert "reportlint/data/profiles/default.toml" in names and "reportlint/data/vocab/roles.toml" in names
    assert "reportlint/templates/base.html" in names and "reportlint/templates/review.html" in names

    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    py = env_dir / "bin" / "python"
    subprocess.run([str(py), "-m", "pip", "install", "-q", str(wheel)], check=True, timeout=600)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    report = outside / "r.txt"
    report.write_bytes((ROOT / "examples" / "leader-2024-defects.txt").read_bytes())
    exe = env_dir / "bin" / "reportlint"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH",)}
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
