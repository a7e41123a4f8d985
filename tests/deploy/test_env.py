"""Settings can come from files (NAME_FILE), so secrets need not sit in every process's environment."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from lived.config.env import env_bool, env_int, env_str


def test_a_setting_is_read_from_the_file_its_file_variable_names(monkeypatch, tmp_path):
    (tmp_path / "url").write_text("postgres://lived_app@db.example/lived\n")
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("DATABASE_URL_FILE", str(tmp_path / "url"))
    assert env_str("DATABASE_URL", "sqlite:///default") == "postgres://lived_app@db.example/lived"


def test_numbers_and_switches_can_come_from_files_too(monkeypatch, tmp_path):
    (tmp_path / "n").write_text("7\n")
    (tmp_path / "b").write_text("true")
    monkeypatch.setenv("LIVED_TEST_NUMBER_FILE", str(tmp_path / "n"))
    monkeypatch.setenv("LIVED_TEST_SWITCH_FILE", str(tmp_path / "b"))
    assert env_int("LIVED_TEST_NUMBER", 1) == 7
    assert env_bool("LIVED_TEST_SWITCH", False) is True


def test_setting_both_the_value_and_its_file_is_refused(monkeypatch, tmp_path):
    (tmp_path / "key").write_text("x")
    monkeypatch.setenv("LIVED_TEST_SECRET", "y")
    monkeypatch.setenv("LIVED_TEST_SECRET_FILE", str(tmp_path / "key"))
    with pytest.raises(ImproperlyConfigured, match="not both"):
        env_str("LIVED_TEST_SECRET")


@pytest.mark.parametrize("content", [None, "", "\n"])
def test_a_missing_or_empty_file_fails_loudly(monkeypatch, tmp_path, content):
    path = tmp_path / "secret"
    if content is not None:
        path.write_text(content)
    monkeypatch.setenv("LIVED_TEST_SECRET_FILE", str(path))
    with pytest.raises(ImproperlyConfigured, match="LIVED_TEST_SECRET_FILE"):
        env_str("LIVED_TEST_SECRET", "default")
