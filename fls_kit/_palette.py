"""Colours shared by every view of attained levels, so Excel, dashboard and reports agree.

Grey for "not yet Kompetent", then light to dark blue for Kompetent, Erfaren, Ekspert: ordered
by lightness, so the order survives colour-blindness and greyscale printing.
"""

from __future__ import annotations

LEVEL_COLOURS = ("#c8c8c8", "#9ecae1", "#4292c6", "#08519c")
