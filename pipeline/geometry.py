"""Boxes on the page: overlap, union, intersection and containment, one way for every stage.

A box is (x0, top, x1, bottom) — or (x0, y0, x1, y1) in PDF space, the same arithmetic; a laid
out thing (a glyph, a line, a block) has attributes x0, x1, top and bottom."""
from __future__ import annotations

from typing import Optional, Sequence

Box = tuple[float, float, float, float]  # x0, top, x1, bottom in PDF points, origin top-left


def x_overlap(a, b) -> float:
    """How far two things (with x0, x1) overlap horizontally; zero or less when they do not."""
    return min(a.x1, b.x1) - max(a.x0, b.x0)


def y_overlap(a, b) -> float:
    """How far two things (with top, bottom) overlap vertically; zero or less when they do not."""
    return min(a.bottom, b.bottom) - max(a.top, b.top)


def union(boxes: Sequence[Sequence[float]]) -> list[float]:
    """The smallest box holding all of `boxes` (at least one)."""
    return [min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes)]


def intersection(a: Optional[Sequence[float]], b: Sequence[float]) -> Sequence[float]:
    """The part of box `b` inside box `a` (all of `b` when `a` is None); empty boxes keep their
    corner (x1 >= x0, y1 >= y0)."""
    if a is None:
        return b
    x0, y0, x1, y1 = max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3])
    return (x0, y0, max(x0, x1), max(y0, y1))


def contains(box: Sequence[float], x: float, y: float, margin: float = 0.0) -> bool:
    """Does the point (x, y) lie inside `box`, its edges included (widened by `margin`)?"""
    return box[0] - margin <= x <= box[2] + margin and box[1] - margin <= y <= box[3] + margin
