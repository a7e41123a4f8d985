"""The builders and fixtures crisis tests share with the rest of risk's tests (tests/risk/conftest.py)."""

from tests.risk.conftest import approved_plan, crisis_plan, incident, risk_plan  # noqa: F401
