"""matome: a Japanese-first pipeline that turns committee PDFs into sectioned JSON and Markdown."""

__version__ = "0.1.0"
