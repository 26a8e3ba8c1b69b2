"""Page ranges as users write them: `3`, `3-7`, `1-5,8` (1-based, inclusive; as marker's
`--page_range` and printers' dialogs). Used by `matome run --pages` and `matome inspect --pages`."""
from __future__ import annotations

import re

_PART = re.compile(r"(\d+)(?:\s*-\s*(\d+))?")


def parse_page_ranges(spec: str) -> tuple[int, ...]:
    """'1-5,8' → (1, 2, 3, 4, 5, 8): the pages named, ascending, each once. Raises ValueError
    (a message for people) for a part that is not N or N-M, page 0, or a reversed range (7-3)."""
    pages: set[int] = set()
    for part in spec.split(","):
        part = part.strip()
        m = _PART.fullmatch(part)
        if not m:
            raise ValueError(f"not a page range: {part!r} (write e.g. 3, 3-7 or 1-5,8)")
        first, last = int(m.group(1)), int(m.group(2) or m.group(1))
        if first < 1:
            raise ValueError(f"pages are numbered from 1, not {part!r}")
        if last < first:
            raise ValueError(f"page range {part} is reversed (write {last}-{first})")
        pages.update(range(first, last + 1))
    return tuple(sorted(pages))


def parse_pages(spec: str, page_count: int) -> list[int]:
    """'3' → [3]; '1-5,8' → [1, 2, 3, 4, 5, 8]; every page named must exist (1..page_count).
    Raises ValueError as `parse_page_ranges` does, and for a page past the last."""
    pages = parse_page_ranges(spec)
    if pages[-1] > page_count:
        raise ValueError(f"pages {spec} outside 1-{page_count}")
    return list(pages)


def format_page_ranges(pages) -> str:
    """(1, 2, 3, 5) → '1-3,5': ascending page numbers as `parse_page_ranges` reads them."""
    runs: list[list[int]] = []
    for n in pages:
        if runs and n == runs[-1][1] + 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    return ",".join(str(a) if a == b else f"{a}-{b}" for a, b in runs)
