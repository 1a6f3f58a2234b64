"""Rating files: long, wide and Nettskjema, as CSV or XLSX, read all-or-nothing and written back."""

from fls_kit.ratings._export import export_ratings
from fls_kit.ratings._import import ImportResult, ParsedRatings, import_ratings, read_ratings_file

__all__ = ["ImportResult", "ParsedRatings", "export_ratings", "import_ratings", "read_ratings_file"]
