"""Supervision that asks about personalisation (C14, issue 15): supervision records between a
supervisor and a worker, their agreed actions followed up at the next session, the worker's own
reflection on their own account, sign-off by both, and themes that roll up per service and month.

Personalisation prompts drawn from the worker's caseload, the library of reflective prompts and
observations of practice come later (issue 15, items 3, 4 and 6).
"""
