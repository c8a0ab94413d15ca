"""User input -> NewEntry: VALUE arguments, dates, and CSV / JSON Lines rows."""
