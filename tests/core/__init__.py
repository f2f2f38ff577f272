"""Test package (imports between test modules are relative; no sys.path edits)."""
