"""Validated measures as data (definitions.py) loaded into code objects with exact scoring (scoring.py).

from lived.outcomes.measures import MEASURES, get_measure
result = get_measure("phq9").score({"phq9_1": 0, ...})
"""

from lived.outcomes.measures.scoring import (  # noqa: F401
    MEASURES,
    IncompleteAnswers,
    Measure,
    Mode,
    Score,
    get_measure,
)
