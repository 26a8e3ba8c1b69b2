"""Errors a user can act on: the CLI prints them as one line and exits with status 2."""


class MatomeError(Exception):
    """A problem with an input or output file, with a message fit for one line of stderr."""

    def __init__(self, path: str, reason: str):
        reason = " ".join(str(reason).split())  # one line, whatever a library put in its message
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason

    def __reduce__(self):
        """Pickled as (path, reason), so that it comes back whole from a worker process."""
        return type(self), (self.path, self.reason)
