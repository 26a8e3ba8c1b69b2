"""A cache of finished Documents, so an unchanged PDF is not read again.

The key is the SHA-256 of the PDF, matome's version and code, the options that change the result (process.result_options) and
the content of the sections file in use; the value is the Document's JSON, with its page and
sentence counts and the Markdown made from it (keyed on the templates too). Entries live in
$MATOME_CACHE_DIR, else $XDG_CACHE_HOME/matome, else ~/.cache/matome, and are pruned, least
recently used first, when the folder grows past $MATOME_CACHE_MAX_MB (default 1024). A cache
that cannot be read or written is skipped silently: it only ever saves time.

Every entry's record (`.info`) holds the SHA-256 of each of its files; a file that does not match
(truncated, edited) raises Damaged when read, and the caller drops the entry and reads the PDF
again. The cache is private: its folders are made 0700 and its files 0600, since they hold the text of
the PDFs read. PDFs opened with a user password are never cached (see `batch._write` and
SECURITY.md): a cached result could otherwise be served without the password, and their
plaintext would sit on disk. (Encrypted PDFs that open with the empty password, as most
government PDFs with copy or print restrictions do, are cached like any other.)
"""
from __future__ import annotations

import hashlib
import json
import os
import sys
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Optional

from .process import file_sha256, result_options
from .render import atomic_file, write_atomic


def cache_dir() -> Path:
    """The folder the cache lives in (not created here)."""
    explicit = os.environ.get("MATOME_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "matome"


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Hash of matome's own code and data: an edited checkout (same version number) must not
    be answered from results the old code made."""
    h = hashlib.sha256()
    root = resources.files("matome")
    for entry in sorted(Path(str(root)).rglob("*"), key=str):
        if entry.suffix in (".py", ".toml", ".json") and entry.is_file():
            h.update(str(entry.relative_to(Path(str(root)))).encode())
            h.update(entry.read_bytes())
    return h.hexdigest()


def cache_key(pdf_sha256: str, filename: str, options) -> str:
    """Key of one run: file hash and name (the name is in the output), matome version, the
    options that change the result, and the content of the sections file."""
    parts = {"file": pdf_sha256, "name": filename, "code": code_fingerprint(), "max_pages": options.max_pages,
             **result_options(options)}
    blob = json.dumps(parts, sort_keys=True, ensure_ascii=True, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def templates_key(templates_dir: Optional[str], default_dir: Path) -> str:
    """Hash of the Markdown templates in use (a user folder first, then the built-in one):
    every file under each folder, however deep and whatever its name, with its path in the
    folder, so that what a template includes, imports or extends counts too."""
    h = hashlib.sha256()
    folders = ([(b"--user--", str(templates_dir))] if templates_dir else []) + [(b"--default--", str(default_dir))]
    for label, folder in folders:
        h.update(label)
        files, seen_dirs = [], set()
        for top, dirs, names in os.walk(folder, followlinks=True):
            real = os.path.realpath(top)
            if real in seen_dirs:  # a link back up the tree
                dirs[:] = []
                continue
            seen_dirs.add(real)
            rel = os.path.relpath(top, folder)
            files.extend((os.path.normpath(os.path.join(rel, n)).replace(os.sep, "/"), os.path.join(top, n))
                         for n in names if os.path.isfile(os.path.join(top, n)))
        for rel, path in sorted(files):
            try:
                with open(path, "rb") as f:
                    digest = hashlib.file_digest(f, "sha256").digest()
            except OSError:
                digest = b"unreadable"
            h.update(rel.encode("utf-8", "surrogateescape") + b"\0" + digest)
    return h.hexdigest()[:16]


def _entry(key: str, suffix: str) -> Path:
    return cache_dir() / key[:2] / f"{key}.{suffix}"


class Damaged(Exception):
    """A cached file does not match the digest stored with its entry (truncated or edited)."""


def load(key: str, suffix: str = "info") -> Optional[str]:
    """A cached text for a key, unchecked, or None."""
    try:
        return _entry(key, suffix).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def entry_info(key: str) -> Optional[dict]:
    """An entry's record: {"pages", "sentences", "sha256": {suffix: digest}}; None when there is
    no entry (or only one an older matome wrote, without digests)."""
    text = load(key, "info")
    try:
        info = json.loads(text) if text else None
    except ValueError:
        return None
    if not isinstance(info, dict) or not isinstance(info.get("sha256"), dict) \
            or not isinstance(info.get("pages"), int) or not isinstance(info.get("sentences"), int):
        return None
    return info


def verified_path(key: str, suffix: str, info: dict) -> Optional[str]:
    """The file holding an entry's `suffix`, checked against its digest; None when the entry
    has no such file. Raises Damaged when the file is not what was stored."""
    path = _entry(key, suffix)
    digest = info["sha256"].get(suffix)
    if digest is None or not path.is_file():
        return None
    try:
        if file_sha256(str(path)) != digest:
            raise Damaged(str(path))
    except OSError:
        return None
    return str(path)


def copy_out(key: str, suffix: str, target: str, info: dict) -> bool:
    """Copy a cached file to `target` (atomically), checking its digest on the way; False when
    it is not in the cache. Raises Damaged (leaving `target` untouched) when it was altered."""
    digest = info["sha256"].get(suffix)
    if digest is None:
        return False
    try:
        _copy_atomic(_entry(key, suffix), target, expect=digest)
    except FileNotFoundError:
        return False
    return True


def load_bytes(key: str, suffix: str, info: dict) -> Optional[bytes]:
    """A cached file's bytes, checked against its digest (raises Damaged), or None."""
    digest = info["sha256"].get(suffix)
    try:
        data = _entry(key, suffix).read_bytes() if digest else None
    except OSError:
        return None
    if data is not None and hashlib.sha256(data).hexdigest() != digest:
        raise Damaged(str(_entry(key, suffix)))
    return data


def store_entry(key: str, pages: int, sentences: int, files: dict[str, str],
                digests: Optional[dict[str, str]] = None, extra: Optional[dict] = None) -> None:
    """Keep an entry: copies of written files (suffix → path), then its record with their
    digests and `digests` of files it holds already (atomically, 0600; failures are ignored:
    the cache only saves time). `extra`: more of the record (JSON values: the warning lines)."""
    digests = dict(digests or {})
    for suffix, source in files.items():
        path = _entry(key, suffix)
        try:
            _private_folder(path.parent)
            digests[suffix] = _copy_atomic(source, path, PRIVATE_FILE)
        except Exception:
            pass
    info = {**(extra or {}), "pages": pages, "sentences": sentences, "sha256": digests}
    store(key, json.dumps(info, sort_keys=True), "info")


def add_file(key: str, info: dict, suffix: str, source: str) -> None:
    """Add a file to an existing entry (a Markdown made with other templates) and its digest."""
    store_entry(key, info["pages"], info["sentences"], {suffix: source}, info["sha256"],
                {k: v for k, v in info.items() if k not in ("pages", "sentences", "sha256")})


def drop(key: str) -> None:
    """Remove every file of an entry."""
    try:
        for path in _entry(key, "x").parent.glob(f"{key}.*"):
            try:
                path.unlink()
            except OSError:
                pass
    except OSError:
        pass


def path_of(key: str, suffix: str) -> Optional[str]:
    """The file holding a cached entry, or None when there is none."""
    path = _entry(key, suffix)
    return str(path) if path.is_file() else None


PRIVATE_DIR, PRIVATE_FILE = 0o700, 0o600


def _copy_atomic(source: Path | str, target: Path | str, mode: Optional[int] = None,
                 expect: Optional[str] = None) -> str:
    """Copy a file atomically (see render.atomic_file), hashing it on the way; returns its
    SHA-256. With `expect`, raises Damaged instead of putting a copy with another digest in place."""
    h = hashlib.sha256()
    with open(source, "rb") as src, atomic_file(str(target), mode) as f:
        for chunk in iter(lambda: src.read(1 << 20), b""):
            h.update(chunk)
            f.write(chunk)
        if expect is not None and h.hexdigest() != expect:
            raise Damaged(str(source))
    return h.hexdigest()


def _private_folder(path: Path) -> None:
    """Make an entry's folder readable by the user alone (an older matome made them 0755: they
    are narrowed). The cache folder is made 0700 when matome creates it; one that exists (it may
    be a folder the user chose) keeps its mode, as its entries are private anyway."""
    cache_dir().mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
    path.mkdir(mode=PRIVATE_DIR, exist_ok=True)
    if path.stat().st_mode & 0o077:
        path.chmod(PRIVATE_DIR)


def store(key: str, text: str | bytes, suffix: str = "json") -> None:
    """Keep a text under a key (atomically, 0600; failures are ignored)."""
    path = _entry(key, suffix)
    try:
        _private_folder(path.parent)
        write_atomic(str(path), text, PRIVATE_FILE)
    except Exception:
        pass


DEFAULT_MAX_MB = 1024


def size_limit() -> int:
    """The cache's size limit in bytes ($MATOME_CACHE_MAX_MB, default 1024 MB; "inf" for none;
    a value that is not a number gives the default)."""
    try:
        mb = float(os.environ.get("MATOME_CACHE_MAX_MB", DEFAULT_MAX_MB))
    except ValueError:
        mb = DEFAULT_MAX_MB
    if mb != mb:  # nan
        mb = DEFAULT_MAX_MB
    return sys.maxsize if mb * 1024 * 1024 >= sys.maxsize else max(0, int(mb * 1024 * 1024))


def touch(key: str) -> None:
    """Note that an entry was used now (its info file's time is its last use)."""
    try:
        os.utime(_entry(key, "info"))
    except OSError:
        pass


def prune(limit: Optional[int] = None) -> int:
    """Remove whole entries, least recently used first, until the cache fits in `limit` bytes
    (default: `size_limit()`). Returns how many entries were removed."""
    limit = size_limit() if limit is None else limit
    entries: dict[str, list[Path]] = {}
    try:
        for path in cache_dir().glob("??/*.*"):
            entries.setdefault(path.name.split(".", 1)[0], []).append(path)
    except OSError:
        return 0

    def size_and_time(path: Path) -> tuple[int, float]:
        try:
            info = path.stat()
            return info.st_size, info.st_mtime
        except OSError:
            return 0, 0.0

    sizes: dict[str, int] = {}
    last_use: dict[str, float] = {}  # the info file's time (touched on every hit), else the newest file's
    for key, paths in entries.items():
        stats = {p.suffix: size_and_time(p) for p in paths}
        sizes[key] = sum(size for size, _ in stats.values())
        last_use[key] = stats[".info"][1] if ".info" in stats else max(t for _, t in stats.values())
    total = sum(sizes.values())
    removed = 0
    for key in sorted(entries, key=lambda k: last_use[k]):
        if total <= limit:
            break
        for path in entries[key]:
            try:
                path.unlink()
            except OSError:
                pass
        total -= sizes[key]
        removed += 1
    return removed
