"""Output formats, each built from the report views: the terminal (Rich), CSV / Markdown /
JSON, and file writing."""
