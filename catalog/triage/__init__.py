"""Triage: which enquiries go to a counsellor, with what priority, and the case store they work from."""
