"""matome as a user installs it (issue 15): a wheel built from the checkout, installed into a
fresh virtual environment outside it, run from a folder outside it. The import package is
`matome` (the pipeline/ folder), with its templates and data inside; `pipeline` is no name it
installs. The test environment's dependencies are lent to the new environment by a .pth file
(there may be no network); matome itself comes only from the wheel."""
from __future__ import annotations

import json
import os
import shutil
import site
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

from support import REPO

INPUT = REPO / "input"
OUTPUT = REPO / "output"
SEED = INPUT / "chukan-matome-gaiyo.pdf"
DRAFT2 = INPUT / "chukan-matome-gaiyo-draft2.pdf"
SOURCES = ("pyproject.toml", "README.md", "LICENSE", "pipeline", "templates")  # what the wheel is built from

pytestmark = pytest.mark.skipif(not (SEED.exists() and DRAFT2.exists()), reason="input/ has no seed deck")


def _setuptools_major() -> int:
    try:
        return int(version("setuptools").split(".")[0])
    except Exception:
        return 0


def _dependency_dirs() -> list[str]:
    """The folders this interpreter finds matome's dependencies in (its site-packages, and any
    another environment's a .pth file adds)."""
    dirs = [*site.getsitepackages(), *sys.path]
    return list(dict.fromkeys(d for d in dirs if d.rstrip(os.sep).endswith(("site-packages", "dist-packages"))
                              and os.path.isdir(d)))


def _run(args: list, cwd: Path, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """(venv, work folder, environment): the wheel installed in a new venv; work is outside the checkout."""
    base = tmp_path_factory.mktemp("install")
    src, wheels, venv, work = base / "src", base / "wheels", base / "venv", base / "work"
    work.mkdir()
    src.mkdir()
    for name in SOURCES:  # a copy, so that the build leaves nothing (build/, *.egg-info) in the checkout
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, src / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(REPO / name, src / name)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP")}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    # build with this environment's setuptools when it is new enough (make setup installs one; no
    # network needed), else in pip's isolated build environment (needs the package index)
    isolation = ["--no-build-isolation"] if _setuptools_major() >= 77 else []
    build = _run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", *isolation, "-w", wheels, src], base, env)
    assert build.returncode == 0, build.stderr
    wheel = next(wheels.glob("matome-*.whl"))
    made = _run([sys.executable, "-m", "venv", "--without-pip", venv], base, env)
    assert made.returncode == 0, made.stderr
    python = venv / "bin" / "python"
    purelib = Path(_run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], base, env)
                   .stdout.strip())
    (purelib / "zz-matome-test-dependencies.pth").write_text("\n".join(_dependency_dirs()) + "\n")
    install = _run([sys.executable, "-m", "pip", "--python", python, "install", "-q", "--no-deps", "--no-index",
                    wheel], base, env)
    assert install.returncode == 0, install.stderr
    env["MATOME_CACHE_DIR"] = str(base / "cache")
    return venv, work, env


def test_the_wheel_holds_the_package_its_templates_and_data(installed):
    venv, work, env = installed
    probe = _run([venv / "bin" / "python", "-c", "import json, matome, matome.render, importlib.resources as r; "
                  "print(json.dumps([matome.__file__, str(matome.render.default_templates()), "
                  "str(r.files('matome') / 'data' / 'sections.toml'), str(r.files('matome') / 'py.typed')]))"],
                 work, env)
    assert probe.returncode == 0, probe.stderr
    init, templates, sections, typed = (Path(p) for p in json.loads(probe.stdout))
    package = init.parent
    assert package.name == "matome" and venv in package.parents, package
    assert templates == package / "templates", templates  # from inside the installed package, not the checkout
    assert sorted(p.name for p in templates.glob("*.j2")) == sorted(p.name for p in (REPO / "templates").glob("*.j2"))
    assert sections.is_file() and typed.is_file()
    assert not (package.parent / "templates").exists()  # nothing at the top of site-packages
    licence = list(package.parent.glob("matome-*.dist-info/licenses/LICENSE"))
    assert licence, "LICENSE is not in the wheel"


def test_pipeline_is_not_an_installed_name(installed):
    venv, work, env = installed
    probe = _run([venv / "bin" / "python", "-c", "import pipeline"], work, env)
    assert probe.returncode != 0 and "No module named 'pipeline'" in probe.stderr, probe.stderr


def test_run_diff_inspect_schema_from_outside_the_checkout(installed):
    venv, work, env = installed
    matome = venv / "bin" / "matome"
    run = _run([matome, "run", SEED, DRAFT2, "-o", "out", "-q", "--no-cache"], work, env)
    assert run.returncode == 0, run.stderr
    for pdf in (SEED, DRAFT2):
        for suffix in (".json", ".md"):
            written = work / "out" / (pdf.stem + suffix)
            assert written.is_file(), written
            committed = OUTPUT / written.name
            if committed.is_file():  # the same bytes as the committed output/ (make run, editable install)
                assert written.read_bytes() == committed.read_bytes(), f"{written.name} differs from output/"

    images = work / "out" / "inspect"
    if (OUTPUT / "inspect").is_dir():  # the page images make run draws, for the html's links
        shutil.copytree(OUTPUT / "inspect", images)
    else:
        images.mkdir()
    diff = _run([matome, "diff", "out/chukan-matome-gaiyo.json", "out/chukan-matome-gaiyo-draft2.json",
                 "--format", "html", "--images", images, "-o", "out/chukan-matome-gaiyo.diff.html"], work, env)
    assert diff.returncode == 1, diff.stderr  # the drafts differ
    html = work / "out" / "chukan-matome-gaiyo.diff.html"
    assert "<html" in html.read_text(encoding="utf-8")
    if (OUTPUT / html.name).is_file():
        assert html.read_bytes() == (OUTPUT / html.name).read_bytes(), f"{html.name} differs from output/"

    inspect = _run([matome, "inspect", SEED, "--page", "1", "-o", "p.png"], work, env)
    assert inspect.returncode == 0, inspect.stderr
    assert (work / "p.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

    schema = _run([matome, "schema"], work, env)
    assert schema.returncode == 0, schema.stderr
    assert "sentences" in json.loads(schema.stdout)["properties"]


def test_python_m_matome(installed):
    venv, work, env = installed
    result = _run([venv / "bin" / "python", "-m", "matome", "--help"], work, env)
    assert result.returncode == 0, result.stderr
    assert "Usage:" in result.stdout and "run" in result.stdout and "diff" in result.stdout
