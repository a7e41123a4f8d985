"""The builders and fixtures complaint tests share with the rest of risk's tests (tests/risk/conftest.py)."""

from tests.risk.conftest import complaint  # noqa: F401
