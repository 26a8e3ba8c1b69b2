"""A progress bar on stderr (rich): files done, pages done over all files and pages per second.

Pages are counted over the whole batch, also when files are read at once in `--jobs` workers:
the pages total grows as each file is opened (its page count is known then). The bar is shown
only when stderr is a terminal and not --quiet; the counts are kept either way.
"""
from __future__ import annotations

import sys


class Progress:
    def __init__(self, enabled: bool = True, files: int = 1):
        self.enabled = enabled and sys.stderr.isatty()
        self.files = files
        self._bar = None
        self.pages_done = 0  # pages of the files finished so far
        self._reading: dict[str, tuple[int, int]] = {}  # file being read → (pages read, pages to read)

    def __enter__(self):
        if self.enabled:
            from rich.console import Console
            from rich.progress import (BarColumn, MofNCompleteColumn, Progress as Bar, TaskProgressColumn,
                                       TextColumn, TimeElapsedColumn)
            self._bar = Bar(TextColumn("{task.description:>5}"), BarColumn(), MofNCompleteColumn(),
                            TaskProgressColumn(), TextColumn("{task.fields[rate]}"), TimeElapsedColumn(),
                            console=Console(stderr=True), transient=True)
            self._bar.__enter__()
            self._files = self._bar.add_task("files", total=self.files, rate="")
            self._pages = self._bar.add_task("pages", total=None, rate="")
        return self

    def counts(self) -> tuple[int, int]:
        """(pages read, pages known) over the batch: the files finished and those being read."""
        return (self.pages_done + sum(done for done, _ in self._reading.values()),
                self.pages_done + sum(total for _, total in self._reading.values()))

    def _show_pages(self) -> None:
        done, total = self.counts()
        task = self._bar.tasks[self._pages]
        elapsed = task.elapsed or 0.0
        rate = f"{done / elapsed:.1f} pages/s" if elapsed > 0 and done else ""
        self._bar.update(self._pages, completed=done, total=total or None, rate=rate)

    def page(self, path: str, done: int, total: int) -> None:
        """`done` pages of the `total` to read of the file `path` are read."""
        self._reading[path] = (done, total)
        if self._bar:
            self._show_pages()

    def file_done(self, path: str, pages: int = 0) -> None:
        """The file `path` is finished; `pages`: the pages it read (0 when it failed or was skipped)."""
        done, _ = self._reading.pop(path, (0, 0))
        self.pages_done += max(pages, done)
        if self._bar:
            self._show_pages()
            self._bar.advance(self._files)

    def __exit__(self, *exc):
        if self._bar:
            self._bar.__exit__(*exc)
        return False
