"""Reports: pure analysis, building a report from plan + ledger + query, and plain-data views."""
