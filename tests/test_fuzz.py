"""Fuzz: mutated copies of the seed deck (truncations, byte flips) never crash or hang `matome run`.

Each mutant runs as a separate process with a time limit; the only outcomes allowed are exit 0
with a JSON file written and nothing on stderr, or exit 2 with one line on stderr naming the file.
Mutants are drawn from a fixed seed, so a failure is reproducible."""
from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DECK = ROOT / "input" / "chukan-matome-gaiyo.pdf"
SEED = 20261125
MUTANTS = 20


def mutants(data: bytes) -> list[tuple[str, bytes]]:
    """Truncations at fixed fractions, then byte flips: a few anywhere, a burst in the header,
    a burst in the trailer and xref, and many scattered through the body."""
    rng = random.Random(SEED)
    out = [(f"truncated-{fraction}", data[: int(len(data) * fraction)]) for fraction in (0.01, 0.1, 0.5, 0.9, 0.99, 0.9995)]
    regions = [("head", 0, 2048), ("tail", max(0, len(data) - 2048), len(data)), ("body", 0, len(data))]
    while len(out) < MUTANTS:
        name, start, end = regions[len(out) % len(regions)]
        flips = rng.choice((1, 4, 16, 64))
        mutant = bytearray(data)
        for _ in range(flips):
            mutant[rng.randrange(start, end)] = rng.randrange(256)
        out.append((f"flip-{name}-{flips}-{len(out)}", bytes(mutant)))
    return out


def run_one(path: Path, out: Path) -> tuple[Path, subprocess.CompletedProcess]:
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    result = subprocess.run([sys.executable, "-m", "matome.cli", "run", str(path), "-o", str(out), "-q",
                             "--timeout", "30"], capture_output=True, text=True, timeout=60, env=env, cwd=ROOT)
    return path, result


def test_mutated_decks_end_in_exit_0_or_one_line_exit_2(tmp_path):
    paths = []
    for name, data in mutants(DECK.read_bytes()):
        path = tmp_path / f"{name}.pdf"
        path.write_bytes(data)
        paths.append(path)
    out = tmp_path / "out"
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda p: run_one(p, out), paths))
    outcomes = {}
    for path, result in results:
        assert "Traceback" not in result.stderr, (path.name, result.stderr)
        assert result.returncode in (0, 2), (path.name, result.returncode, result.stderr)
        if result.returncode == 0:
            assert result.stderr == "", (path.name, result.stderr)
            doc = json.loads((out / f"{path.stem}.json").read_text(encoding="utf-8"))
            assert doc["source"]["file"] == path.name
        else:
            lines = result.stderr.strip().splitlines()
            assert len(lines) == 1 and lines[0].startswith(f"matome: {path}: "), (path.name, result.stderr)
            assert "internal error" not in lines[0], (path.name, lines[0])
            assert len(lines[0]) < len(str(path)) + 200, lines[0]  # a reason, not a dump
        outcomes[path.stem] = result.returncode
    assert set(outcomes.values()) == {0, 2}, outcomes  # the mutants reach both outcomes
