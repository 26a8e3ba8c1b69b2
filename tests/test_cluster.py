"""`matome run --scheduler` and matome.cluster: files converted by tasks on a Dask cluster (here a
LocalCluster of two worker processes, one thread each) write the bytes a local run writes."""
from __future__ import annotations

import pytest

from support import REPO, run_cli

distributed = pytest.importorskip("distributed")

FILES = [REPO / "input" / "chukan-matome-gaiyo.pdf", REPO / "input" / "chukan-matome-gaiyo-draft2.pdf"]


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None,
                                  silence_logs=40) as local:
        yield local


@pytest.fixture(scope="module")
def local_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("local")
    assert run_cli("run", *FILES, "-o", out, "-q", "--no-cache").code == 0
    return out


def test_cluster_run_writes_the_bytes_of_a_local_run(cluster, local_run, tmp_path):
    bad = tmp_path / "notes.pdf"
    bad.write_text("not a PDF", encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli("run", FILES[0], bad, FILES[1], "-o", out, "-q", "--scheduler", cluster.scheduler_address)
    assert result.code == 2  # one file failed, as it would locally
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"matome: {bad}: ") and "Traceback" not in result.stderr
    written = sorted(p.name for p in out.iterdir())
    assert written == sorted(p.name for p in local_run.iterdir()) and len(written) == 4
    for name in written:
        assert (out / name).read_bytes() == (local_run / name).read_bytes(), name


def test_run_on_cluster_with_a_client(cluster, local_run, tmp_path):
    from matome.batch import Job
    from matome.cluster import run_on_cluster
    from matome.process import Options
    job = Job(options=Options(), output=str(tmp_path), formats=["json"], use_cache=False)
    with distributed.Client(cluster) as client:
        results = list(run_on_cluster([str(f) for f in FILES], job, client))
    assert [r.path for r in results] == [str(f) for f in FILES] and not any(r.error for r in results)
    assert [r.pages for r in results] == [11, 11] and all(r.sentences > 0 for r in results)
    for f in FILES:
        name = f.stem + ".json"
        assert (tmp_path / name).read_bytes() == (local_run / name).read_bytes()


def test_unreachable_scheduler_is_one_line_exit_2(tmp_path):
    result = run_cli("run", FILES[0], "-o", tmp_path, "-q", "--scheduler", "tcp://127.0.0.1:9")
    assert result.code == 2
    assert len(result.stderr.splitlines()) == 1 and "cannot reach the Dask scheduler" in result.stderr


def test_cluster_cannot_write_stdout(tmp_path):
    result = run_cli("run", FILES[0], "-o", "-", "--scheduler", "tcp://127.0.0.1:9")
    assert result.code == 2 and "-o" in result.stderr and len(result.stderr.splitlines()) == 1
