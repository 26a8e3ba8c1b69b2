"""Speed and memory of `matome run`, measured side by side in one run (`make bench`). Not a test.

Builds decks from the seed PDF in a temporary folder (pages copied with pypdfium2, which comes
with pdfplumber) and runs every measurement in a fresh child process:

  1. `matome run` vs plain pdfplumber `extract_text` on 110 pages: wall time and peak memory;
  2. `matome run` on 1,000 pages vs 100 pages: peak memory (and plain pdfplumber's, for reference);
  3. two files with `--jobs 2` vs one after the other: wall time;
  4. an unchanged file from the cache vs its first run: wall time;
  5. one PDF of 1,000 pages with `--jobs 2` (its pages split between two workers) vs `--jobs 1`:
     wall time and CPU-bound time; peak private memory per worker on 100 and 1,000 pages;
  6. two files on a local Dask cluster (`--scheduler`, two workers) vs `--jobs 2`: wall time.

Times are the best of --repeat runs (other work on the machine only ever adds time; this kind of
virtual machine also runs a whole process 30% slower for minutes at a time), and so are the
stage times: each stage's best over the runs. Peak
memory is reported two ways: peak RSS (what `time -v` shows; it includes the shared, read-only
pages of the MeCab dictionary that fugashi maps from disk) and peak private (anonymous) memory,
sampled every few milliseconds, which is what actually grows with the document.

    python benchmarks/bench.py [--repeat 3] [--skip-1000] [--repeat-1000 2]
"""
from __future__ import annotations

import argparse
import compileall
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "input" / "chukan-matome-gaiyo.pdf"


# --- child side ---------------------------------------------------------------------------------

def _anon_kb() -> int:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("RssAnon:"):
                return int(line.split()[1])
    return 0


def _children() -> list[int]:
    """This process's child processes (--jobs workers)."""
    pids = []
    for task in os.listdir("/proc/self/task"):
        try:
            with open(f"/proc/self/task/{task}/children") as f:
                pids += [int(p) for p in f.read().split()]
        except OSError:
            pass
    return pids


def _child_sample(pid: int) -> tuple[int, float] | None:
    """(RssAnon in kB, CPU seconds so far) of a child process, or None once it is gone."""
    try:
        with open(f"/proc/{pid}/status") as f:
            anon = next((int(line.split()[1]) for line in f if line.startswith("RssAnon:")), 0)
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return anon, (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime
    except (OSError, ValueError, IndexError):
        return None


class _AnonSampler(threading.Thread):
    """Peak private memory of this process, sampled every 2 ms; and of each child process
    (--jobs workers), with its CPU time, every 20 ms."""

    def __init__(self):
        super().__init__(daemon=True)
        self.peak = _anon_kb()
        self.workers: dict[int, list] = {}  # pid: [peak RssAnon kB, CPU seconds]
        self.running = True

    def run(self):
        tick = 0
        while self.running:
            self.peak = max(self.peak, _anon_kb())
            if tick % 10 == 0:
                for pid in _children():
                    sample = _child_sample(pid)
                    if sample:
                        seen = self.workers.setdefault(pid, [0, 0.0])
                        seen[0], seen[1] = max(seen[0], sample[0]), max(seen[1], sample[1])
            tick += 1
            time.sleep(0.002)
        self.cpu = time.thread_time()  # this thread's own CPU time, not the workload's

    def stop(self) -> int:
        self.running = False
        self.join()
        self.peak = max(self.peak, _anon_kb())
        return self.peak


def child(kind: str, args: list[str]) -> None:
    """Run one workload and print {"anon_kb": ..., "stages": {...}} as the last stdout line."""
    sampler = _AnonSampler()
    sampler.start()
    stages: dict[str, float] = {}
    if kind == "plain":
        import pdfplumber
        with pdfplumber.open(args[0]) as pdf:
            for page in pdf.pages:
                page.extract_text()
                page.close()
    else:
        import logging

        class Stages(logging.Handler):
            def emit(self, record):
                m = re.match(r".*: ([a-z +]+) ([0-9.]+)s$", record.getMessage())
                if m:  # "<file>: <stage> <seconds>s", logged by -v
                    stages[m.group(1)] = stages.get(m.group(1), 0.0) + float(m.group(2))

        logger = logging.getLogger("matome")
        logger.addHandler(Stages())
        logger.setLevel(logging.INFO)
        logger.propagate = False
        from matome.cli import main
        try:
            main(["run", *args], standalone_mode=False)
        except SystemExit as exc:
            if exc.code:
                raise
    anon = sampler.stop()
    import resource
    own = resource.getrusage(resource.RUSAGE_SELF)
    rss = max(own.ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)  # --jobs workers
    workers = [w for w in sampler.workers.values() if w[1] > 0]
    print(json.dumps({"anon_kb": anon, "rss_kb": rss, "stages": stages, "cpu": own.ru_utime + own.ru_stime - sampler.cpu,
                      "worker_anon_kb": max((w[0] for w in workers), default=0),
                      "worker_cpu": sorted((w[1] for w in workers), reverse=True)}))


# --- parent side --------------------------------------------------------------------------------

def measure(kind: str, *args: str, env: dict | None = None) -> dict:
    """Run a child; return wall seconds, peak RSS and peak private memory (MB), stage times.
    A child's own getrusage gives its peak RSS (the largest worker's, for --jobs runs)."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", kind, *args]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})})
    out, err = proc.communicate()
    seconds = time.perf_counter() - started
    if proc.returncode:
        sys.exit(f"bench: {kind} {' '.join(args)} failed:\n{err}")
    report = json.loads(out.strip().splitlines()[-1])
    return {"s": seconds, "rss": report["rss_kb"] / 1024, "anon": report["anon_kb"] / 1024,
            "stages": report["stages"], "cpu": report["cpu"], "worker_anon": report["worker_anon_kb"] / 1024,
            "worker_cpu": report["worker_cpu"]}


def cpu_bound(r: dict) -> float:
    """The wall time a run would take with a core to itself per process: this process's CPU
    time plus its busiest worker's (the workers run side by side, this process waits for them).
    A figure that machine load does not inflate as much as wall time."""
    return r["cpu"] + (r["worker_cpu"][0] if r["worker_cpu"] else 0.0)


def best(runs: list[dict]) -> dict:
    """Fastest run's time; the memory figures of all runs are the same workload, keep the max.
    Stage times: each stage's best (least disturbed) time over the runs, as for the totals."""
    fastest = min(runs, key=lambda r: r["s"])
    stages = {k: min(r["stages"].get(k, float("inf")) for r in runs) for k in fastest["stages"]}
    return {**fastest, "stages": stages, "rss": max(r["rss"] for r in runs), "anon": max(r["anon"] for r in runs)}


def build_deck(pages: int, target: Path) -> Path:
    import pypdfium2 as pdfium
    src = pdfium.PdfDocument(str(SEED))
    n = len(src)
    dst = pdfium.PdfDocument.new()
    while len(dst) < pages:
        take = min(n, pages - len(dst))
        dst.import_pages(src, list(range(take)))
    dst.save(str(target))
    return target


def main() -> None:
    if sys.argv[1:2] == ["--child"]:  # a measured workload, started by measure()
        child(sys.argv[2], sys.argv[3:])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per timing (best is kept)")
    parser.add_argument("--skip-1000", action="store_true", help="leave out the 1,000-page runs")
    parser.add_argument("--repeat-1000", type=int, default=2,
                        help="runs of 1,000 pages with --jobs 1 and with --jobs 2 (best is kept)")
    opts = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="matome-bench-"))
    try:
        run_all(tmp, opts)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def run_all(tmp: Path, opts) -> None:
    from matome.english import prepare
    prepare()  # simplemma's English trie, built once per machine (make setup does it too): not a per-run cost
    # bytecode, as `pip install` writes it: where PYTHONDONTWRITEBYTECODE is set (this sandbox, some
    # CI images) an editable checkout would otherwise be compiled again by every run (~0.3 s each)
    compileall.compile_dir(str(ROOT / "pipeline"), quiet=1)
    print(f"building decks in {tmp} ...", file=sys.stderr)
    deck110 = build_deck(110, tmp / "deck110.pdf")
    deck100 = build_deck(100, tmp / "deck100.pdf")
    deck1000 = None if opts.skip_1000 else build_deck(1000, tmp / "deck1000.pdf")
    twin_a, twin_b = tmp / "a.pdf", tmp / "b.pdf"
    shutil.copy(deck110, twin_a)
    shutil.copy(deck110, twin_b)
    out = str(tmp / "out")
    no_cache = ["-q", "--no-cache", "--format", "json,md", "-o", out]

    plain, run = [], []
    for i in range(opts.repeat):  # interleaved, so both see the same machine load
        print(f"110 pages: round {i + 1}/{opts.repeat} ...", file=sys.stderr)
        plain.append(measure("plain", str(deck110)))
        run.append(measure("run", str(deck110), *no_cache, "-v"))
    plain, run = best(plain), best(run)

    print("100 / 1,000 pages ...", file=sys.stderr)
    m100 = measure("run", str(deck100), *no_cache)
    m1000 = measure("run", str(deck1000), *no_cache) if deck1000 else None
    # pdfplumber alone, for reference: it keeps every Page object and each copy of the seed's fonts
    plain100 = measure("plain", str(deck100))
    plain1000 = measure("plain", str(deck1000)) if deck1000 else None

    seq, par = [], []
    for i in range(opts.repeat):
        print(f"--jobs 2: round {i + 1}/{opts.repeat} ...", file=sys.stderr)
        seq.append(measure("run", str(twin_a), str(twin_b), *no_cache, "--jobs", "1"))
        par.append(measure("run", str(twin_a), str(twin_b), *no_cache, "--jobs", "2"))
    seq, par = best(seq), best(par)

    first, again = [], []
    for i in range(opts.repeat):
        print(f"cache: round {i + 1}/{opts.repeat} ...", file=sys.stderr)
        env = {"MATOME_CACHE_DIR": str(tmp / f"cache{i}")}
        cached = ["-q", "--format", "json,md", "-o", out]
        first.append(measure("run", str(deck110), *cached, env=env))
        again.append(measure("run", str(deck110), *cached, env=env))
    first, again = best(first), best(again)

    resumed = resumed_batch(tmp, opts)
    split = single_document(deck100, deck1000, no_cache, opts)
    dask_runs = on_dask([str(twin_a), str(twin_b)], no_cache, opts)

    stages = run["stages"]
    extract = stages.get("extract", 0.0)
    after = sum(v for k, v in stages.items() if k != "extract")
    rows = [
        ("plain extract_text, 110 pages", f"{plain['s']:.2f} s", f"{plain['rss']:.0f} MB", f"{plain['anon']:.0f} MB", ""),
        ("matome run, 110 pages", f"{run['s']:.2f} s", f"{run['rss']:.0f} MB", f"{run['anon']:.0f} MB",
         _target(run["s"] / plain["s"], 1.2, "time ×") + " · " + _target(run["anon"] / plain["anon"], 1.5, "private mem ×")
         + f" (RSS ×{run['rss'] / plain['rss']:.2f})"),
        ("  of which extraction", f"{extract:.2f} s", "", "", ""),
        ("  all stages after extraction", f"{after:.2f} s", "", "", _target(after / extract if extract else 0, 1 / 3, "of extraction ×")),
        ("matome run, 100 pages", f"{m100['s']:.2f} s", f"{m100['rss']:.0f} MB", f"{m100['anon']:.0f} MB", ""),
    ]
    if m1000:
        rows.append(("matome run, 1,000 pages", f"{m1000['s']:.2f} s", f"{m1000['rss']:.0f} MB", f"{m1000['anon']:.0f} MB",
                     _target(m1000["anon"] / m100["anon"], 1.5, "private mem vs 100 ×")
                     + f" (RSS ×{m1000['rss'] / m100['rss']:.2f})"))
        rows.append(("  (plain extract_text, 100 → 1,000 pages)", f"{plain1000['s']:.2f} s", f"{plain1000['rss']:.0f} MB",
                     f"{plain1000['anon']:.0f} MB", f"reference: private mem ×{plain1000['anon'] / plain100['anon']:.2f}"))
    rows += [
        ("2 × 110 pages, one after the other", f"{seq['s']:.2f} s", f"{seq['rss']:.0f} MB", "", ""),
        ("2 × 110 pages, --jobs 2", f"{par['s']:.2f} s", f"{par['rss']:.0f} MB", "",
         _target(seq["s"] / par["s"], 1.6, "speed-up ×", higher=True)),
        ("110 pages, first run (cache empty)", f"{first['s']:.2f} s", "", "", ""),
        ("110 pages, unchanged, from cache", f"{again['s']:.2f} s", "", "", _target(again["s"] / first["s"], 0.10, "of first run ×")),
    ]
    rows += resumed_rows(resumed) + split_rows(split) + dask_rows(dask_runs)
    stage_list = " · ".join(f"{k} {v:.2f}s" for k, v in stages.items())
    print_table(rows, cores=os.cpu_count(), stage_list=stage_list)


RESUME_FILES, RESUME_PAGES = 10, 22  # a folder of ten 22-page PDFs (two copies of the seed each)


def resumed_batch(tmp: Path, opts) -> dict:
    """A folder run with --skip-existing from nothing (`fresh`) vs the same run resumed after
    it was stopped half way (`resumed`: the outputs of the last half of the files removed, as
    a run killed there leaves them), interleaved. A resumed run should cost about the files
    it has left to read."""
    folder, out = tmp / "batch", tmp / "batch-out"
    folder.mkdir()
    one = build_deck(RESUME_PAGES, tmp / "batch-one.pdf")
    for i in range(RESUME_FILES):
        shutil.copy(one, folder / f"doc{i:02d}.pdf")
    args = [str(folder), "-q", "--no-cache", "--skip-existing", "--format", "json,md", "-o", str(out)]
    fresh, resumed = [], []
    for i in range(opts.repeat):
        print(f"resumed batch: round {i + 1}/{opts.repeat} ...", file=sys.stderr)
        shutil.rmtree(out, ignore_errors=True)
        fresh.append(measure("run", *args))
        for j in range(RESUME_FILES // 2, RESUME_FILES):
            for suffix in (".json", ".md"):
                (out / f"doc{j:02d}{suffix}").unlink()
        resumed.append(measure("run", *args))
    return {"fresh": best(fresh), "resumed": best(resumed)}


def resumed_rows(runs: dict) -> list[tuple]:
    fresh, resumed = runs["fresh"], runs["resumed"]
    label = f"{RESUME_FILES} × {RESUME_PAGES} pages, folder"
    return [(f"{label}, --skip-existing, fresh", f"{fresh['s']:.2f} s", "", "", ""),
            (f"{label}, resumed after {RESUME_FILES // 2}", f"{resumed['s']:.2f} s", "", "",
             _target(resumed["s"] / fresh["s"], 0.6, "of fresh run ×"))]


def single_document(deck100: Path, deck1000: Path | None, no_cache: list[str], opts) -> dict:
    """One PDF, its pages split between two workers (`--jobs 2`) vs read in one process: wall
    time and CPU-bound time (see cpu_bound) on 1,000 pages, interleaved; peak private memory of
    the main process and of the busiest worker on 100 and 1,000 pages."""
    found: dict = {"100": measure("run", str(deck100), *no_cache, "--jobs", "2")}
    if deck1000 is None:
        return found
    one, two = [], []
    for i in range(opts.repeat_1000):
        print(f"1,000 pages, --jobs 1 / 2: round {i + 1}/{opts.repeat_1000} ...", file=sys.stderr)
        one.append(measure("run", str(deck1000), *no_cache, "--jobs", "1"))
        two.append(measure("run", str(deck1000), *no_cache, "--jobs", "2"))
    found.update(one=one, two=two)
    return found


def split_rows(split: dict) -> list[tuple]:
    m100 = split["100"]
    rows = [("100 pages, --jobs 2 (pages split)", f"{m100['s']:.2f} s", f"{m100['rss']:.0f} MB",
             f"{m100['anon']:.0f} + worker {m100['worker_anon']:.0f} MB", "")]
    if "one" not in split:
        return rows
    one, two = best(split["one"]), best(split["two"])
    cpu_one = min(cpu_bound(r) for r in split["one"])
    cpu_two = min(cpu_bound(r) for r in split["two"])
    worker_cpu = " / ".join(f"{c:.1f}" for c in two["worker_cpu"])
    rows += [
        ("1,000 pages, --jobs 1", f"{one['s']:.2f} s", f"{one['rss']:.0f} MB", f"{one['anon']:.0f} MB",
         f"CPU-bound {cpu_one:.1f} s"),
        ("1,000 pages, --jobs 2 (pages split)", f"{two['s']:.2f} s", f"{two['rss']:.0f} MB",
         f"{two['anon']:.0f} + worker {two['worker_anon']:.0f} MB",
         _target(one["s"] / two["s"], 1.7, "speed-up ×", higher=True)
         + f" (CPU-bound {cpu_two:.1f} s: ×{cpu_one / cpu_two:.2f}; main {two['cpu']:.1f} s, workers {worker_cpu} s)"),
        ("  worker memory, 1,000 vs 100 pages", "", "", "",
         _target(two["worker_anon"] / m100["worker_anon"], 1.5, "peak private per worker ×")),
    ]
    return rows


def on_dask(files: list[str], no_cache: list[str], opts) -> dict:
    """The same files on a local Dask cluster (two worker processes, one thread each; started
    once, before the timing, as a cluster is) vs `--jobs 2` here, interleaved. Empty without
    dask.distributed (the [dask] extra)."""
    try:
        import distributed
    except ImportError:
        return {}
    local, remote = [], []
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None,
                                  silence_logs=40) as cluster:
        for i in range(opts.repeat):
            print(f"Dask: round {i + 1}/{opts.repeat} ...", file=sys.stderr)
            local.append(measure("run", *files, *no_cache, "--jobs", "2"))
            remote.append(measure("run", *files, *no_cache, "--scheduler", cluster.scheduler_address))
    return {"local": best(local), "dask": best(remote)}


def dask_rows(runs: dict) -> list[tuple]:
    if not runs:
        return [("Dask (LocalCluster, 2 workers)", "", "", "", "skipped: pip install 'matome[dask]'")]
    local, remote = runs["local"], runs["dask"]
    return [("2 × 110 pages, --jobs 2 (again, beside Dask)", f"{local['s']:.2f} s", "", "", ""),
            ("2 × 110 pages on Dask, 2 workers", f"{remote['s']:.2f} s", "", "",
             f"time vs --jobs 2 ×{remote['s'] / local['s']:.2f}")]


def _target(value: float, limit: float, label: str, higher: bool = False) -> str:
    ok = value >= limit if higher else value <= limit
    sign = "≥" if higher else "≤"
    return f"{label}{value:.2f} ({sign} {limit:.2f} {'ok' if ok else 'MISSED'})"


def print_table(rows, cores, stage_list) -> None:
    head = ("measurement", "time", "peak RSS", "peak private", "target")
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(5)]
    line = lambda r: "| " + " | ".join(c.ljust(w) for c, w in zip(r, widths)) + " |"
    print(f"matome benchmark · {cores} cores · python {sys.version.split()[0]}")
    print(line(head))
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for r in rows:
        print(line(r))
    print(f"stages of the 110-page run: {stage_list}")


if __name__ == "__main__":
    main()
