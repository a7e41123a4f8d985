"""The production settings with CONN_HEALTH_CHECKS from the environment, so the restart fault can
be run with and without it (base settings do not set it yet: see benchmarks/faults/RESULTS.md)."""

from lived.config.env import env_bool
from lived.config.settings.production import *  # noqa: F403
from lived.config.settings.production import DATABASES

DATABASES["default"]["CONN_HEALTH_CHECKS"] = env_bool("LIVED_FAULT_CONN_HEALTH_CHECKS", True)
