"""Helpers shared by the tests: run the CLI in-process, validate output against `matome schema`."""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import jsonschema
from click.testing import CliRunner

from matome.cli import main

REPO = Path(__file__).resolve().parent.parent
# the shared corpus beside the clone (CI lays a copy there); tests using it skip when it is absent
SHARED = Path(os.environ.get("MATOME_SHARED", REPO.parent / "shared"))


@dataclass
class CliResult:
    code: int
    stdout: str
    stderr: str


def run_cli(*args: str) -> CliResult:
    """`matome ARGS...` in this process; stdout and stderr kept apart."""
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    return CliResult(result.exit_code, result.stdout, result.stderr)


@lru_cache(maxsize=1)
def schema() -> dict:
    """The JSON Schema printed by `matome schema`, checked to be a valid schema itself."""
    result = run_cli("schema")
    assert result.code == 0, result.stderr
    data = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(data)
    return data


def validate(doc: dict) -> None:
    """Raise jsonschema.ValidationError unless doc follows the output schema."""
    jsonschema.Draft202012Validator(schema()).validate(doc)


def load(path: Path) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))
