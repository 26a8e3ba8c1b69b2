"""A progress bar on stderr (rich), shown only when stderr is a terminal and not --quiet."""
from __future__ import annotations

import sys


class Progress:
    def __init__(self, enabled: bool = True, files: int = 1):
        self.enabled = enabled and sys.stderr.isatty()
        self.files = files
        self._bar = None

    def __enter__(self):
        if self.enabled:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress as Bar, TextColumn, TimeElapsedColumn
            self._bar = Bar(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                            TimeElapsedColumn(), console=Console(stderr=True), transient=True)
            self._bar.__enter__()
            self._files = self._bar.add_task("files", total=self.files)
            self._pages = self._bar.add_task("pages", total=None)
        return self

    def page(self, number: int, total: int) -> None:
        if self._bar:
            self._bar.update(self._pages, completed=number, total=total)

    def file_done(self) -> None:
        if self._bar:
            self._bar.advance(self._files)

    def __exit__(self, *exc):
        if self._bar:
            self._bar.__exit__(*exc)
        return False
