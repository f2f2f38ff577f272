"""France by département as a tile grid: one square per département, placed roughly where it lies,
the five overseas départements on a row of their own. Shipped as data: nothing is downloaded to draw
the map, and every département has the same weight whatever its area."""

from __future__ import annotations

# Rows from north to south, each a list of (column, département code).
_ROWS: tuple[tuple[tuple[int, str], ...], ...] = (
    ((6, "62"), (7, "59")),
    ((5, "76"), (6, "80"), (7, "02"), (8, "08")),
    ((3, "50"), (4, "14"), (5, "27"), (6, "60"), (7, "95"), (8, "51"), (9, "55"), (10, "57"), (11, "67")),
    (
        (0, "29"),
        (1, "22"),
        (2, "35"),
        (3, "61"),
        (4, "28"),
        (5, "78"),
        (6, "92"),
        (7, "75"),
        (8, "93"),
        (9, "54"),
        (10, "88"),
        (11, "68"),
    ),
    (
        (1, "56"),
        (2, "53"),
        (3, "72"),
        (4, "41"),
        (5, "91"),
        (6, "94"),
        (7, "77"),
        (8, "10"),
        (9, "52"),
        (10, "70"),
        (11, "90"),
    ),
    ((1, "44"), (2, "49"), (3, "37"), (4, "45"), (5, "18"), (6, "89"), (7, "21"), (8, "39"), (9, "25")),
    ((1, "85"), (2, "79"), (3, "86"), (4, "36"), (5, "58"), (6, "71"), (7, "01"), (8, "74")),
    ((1, "17"), (2, "16"), (3, "87"), (4, "23"), (5, "03"), (6, "42"), (7, "69"), (8, "73")),
    ((1, "33"), (2, "24"), (3, "19"), (4, "63"), (5, "43"), (6, "07"), (7, "38"), (8, "05")),
    ((1, "40"), (2, "47"), (3, "46"), (4, "15"), (5, "48"), (6, "26"), (7, "04"), (8, "06")),
    ((1, "64"), (2, "32"), (3, "82"), (4, "12"), (5, "30"), (6, "84"), (7, "13"), (8, "83")),
    ((2, "65"), (3, "31"), (4, "81"), (5, "34"), (9, "2B")),
    ((3, "09"), (4, "11"), (5, "66"), (9, "2A")),
)
OVERSEAS: tuple[str, ...] = ("971", "972", "973", "974", "976")
OVERSEAS_ROW = len(_ROWS) + 1  # one empty row between the mainland and the overseas départements


def positions() -> dict[str, tuple[int, int]]:
    """département code -> (column, row), row 0 at the top."""
    out = {code: (col, row) for row, cells in enumerate(_ROWS) for col, code in cells}
    out.update({code: (i, OVERSEAS_ROW) for i, code in enumerate(OVERSEAS)})
    return out
