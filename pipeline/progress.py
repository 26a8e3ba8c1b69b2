"""A progress bar on stderr (rich): files done, pages done and pages per second.

Shown only when stderr is a terminal and not --quiet; otherwise every call is a no-op.
"""
from __future__ import annotations

import sys


class Progress:
    def __init__(self, enabled: bool = True, files: int = 1):
        self.enabled = enabled and sys.stderr.isatty()
        self.files = files
        self._bar = None
        self._pages_done = 0  # pages of the files finished so far
        self._current = 0  # pages of the file being read

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

    def _show_pages(self) -> None:
        done = self._pages_done + self._current
        task = self._bar.tasks[self._pages]
        elapsed = task.elapsed or 0.0
        rate = f"{done / elapsed:.1f} pages/s" if elapsed > 0 and done else ""
        self._bar.update(self._pages, completed=done, rate=rate)

    def page(self, number: int, total: int) -> None:
        """One page of the current file is done (number of total)."""
        if self._bar:
            self._current = number
            if self._bar.tasks[self._pages].total != self._pages_done + total:
                self._bar.update(self._pages, total=self._pages_done + total)
            self._show_pages()

    def file_done(self, pages: int = 0) -> None:
        """A file is finished; `pages` is its page count (0 when it failed)."""
        if self._bar:
            self._pages_done += max(pages, self._current)
            self._current = 0
            self._bar.update(self._pages, total=None)
            self._show_pages()
            self._bar.advance(self._files)

    def __exit__(self, *exc):
        if self._bar:
            self._bar.__exit__(*exc)
        return False
