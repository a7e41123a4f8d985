"""Exact scoring at every band boundary, DIALOG means, change over time, GAS T-scores worked by hand
(docs/measures.md), and property tests: totals stay in range and bands cover the whole range."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lived.outcomes.measures import MEASURES, IncompleteAnswers, get_measure
from lived.outcomes.measures.scoring import change_between, gas_t_score

PHQ9, GAD7, DIALOG = get_measure("phq9"), get_measure("gad7"), get_measure("dialog")


def answers_summing_to(measure, total):
    """Spread `total` over the items from the first, each up to the maximum."""
    out, left = {}, total
    for code in measure.item_codes:
        value = min(left, measure.max_value)
        out[code] = value
        left -= value
    assert left == 0
    return out


@pytest.mark.parametrize(
    ("total", "band"),
    [
        (0, "Minimal"),
        (4, "Minimal"),
        (5, "Mild"),
        (9, "Mild"),
        (10, "Moderate"),
        (14, "Moderate"),
        (15, "Moderately severe"),
        (19, "Moderately severe"),
        (20, "Severe"),
        (27, "Severe"),
    ],
)
def test_phq9_bands_at_every_boundary(total, band):
    answers = {c: 0 for c in PHQ9.item_codes}
    # Keep item 9 at 0 so the total alone is tested; 8 items × 3 = 24, item 9 added only for 25+.
    left = total
    for code in PHQ9.item_codes[:8]:
        answers[code] = min(left, 3)
        left -= answers[code]
    answers["phq9_9"] = left
    score = PHQ9.score(answers)
    assert score.total == total
    assert score.band == band


@pytest.mark.parametrize(
    ("total", "band"),
    [
        (0, "Minimal"),
        (4, "Minimal"),
        (5, "Mild"),
        (9, "Mild"),
        (10, "Moderate"),
        (14, "Moderate"),
        (15, "Severe"),
        (21, "Severe"),
    ],
)
def test_gad7_bands_at_every_boundary(total, band):
    score = GAD7.score(answers_summing_to(GAD7, total))
    assert (score.total, score.band) == (total, band)


def test_phq9_item_9_above_zero_is_urgent_whatever_the_total():
    answers = {c: 0 for c in PHQ9.item_codes} | {"phq9_9": 1}
    score = PHQ9.score(answers)
    assert score.total == 1 and score.band == "Minimal"
    assert score.urgent_items == ["phq9_9"]
    assert PHQ9.score({c: 0 for c in PHQ9.item_codes}).urgent_items == []


def dialog_answers(life, treatment):
    codes = DIALOG.item_codes
    return {c: life for c in codes[:8]} | {c: treatment for c in codes[8:]}


def test_dialog_means_and_dissatisfied_threshold():
    score = DIALOG.score(dialog_answers(4, 3))
    assert score.subscores == {"quality_of_life": 4.0, "treatment_satisfaction": 3.0}
    assert score.band == "Not dissatisfied"  # 4 is not below 4
    assert score.flags == ["dissatisfied: treatment_satisfaction"]
    mixed = dialog_answers(4, 4) | {"dialog_mental_health": 3}  # (3 + 7×4) / 8 = 3.875
    score = DIALOG.score(mixed)
    assert score.total == 3.88 and score.band == "Dissatisfied"


def test_dialog_items_are_stored_by_code_not_position():
    shuffled = dict(reversed(list(dialog_answers(2, 6).items())))
    score = DIALOG.score(shuffled)
    assert score.subscores == {"quality_of_life": 2.0, "treatment_satisfaction": 6.0}
    assert DIALOG.item_codes[0] == "dialog_mental_health" and DIALOG.item_codes[7] == "dialog_safety"
    assert DIALOG.item_codes[8:] == ["dialog_medication", "dialog_practical_help", "dialog_meetings"]
    assert (
        dict(DIALOG.options)[1] == "Totally dissatisfied" and dict(DIALOG.options)[7] == "Totally satisfied"
    )


@pytest.mark.parametrize("measure", [PHQ9, GAD7, DIALOG], ids=lambda m: m.code)
def test_a_missing_item_is_refused(measure):
    answers = {c: measure.min_value for c in measure.item_codes}
    del answers[measure.item_codes[-1]]
    with pytest.raises(IncompleteAnswers) as error:
        measure.score(answers)
    assert measure.item_codes[-1] in error.value.errors


@pytest.mark.parametrize("bad", [-1, 4, "x", 1.5, None, ""])
def test_out_of_range_answers_are_refused(bad):
    answers = {c: 0 for c in PHQ9.item_codes} | {"phq9_3": bad}
    with pytest.raises(IncompleteAnswers):
        PHQ9.score(answers)


def test_dialog_range_is_1_to_7():
    with pytest.raises(IncompleteAnswers):
        DIALOG.score(dialog_answers(0, 4))
    with pytest.raises(IncompleteAnswers):
        DIALOG.score(dialog_answers(8, 4))


def test_unknown_item_codes_are_refused():
    with pytest.raises(IncompleteAnswers):
        GAD7.score(answers_summing_to(GAD7, 3) | {"gad7_8": 1})


@pytest.mark.parametrize(
    ("code", "first", "last", "improved", "worse", "recovered"),
    [
        ("phq9", 16, 10, True, False, False),  # fall of 6, still a case
        ("phq9", 15, 10, False, False, False),  # fall of 5: not reliable
        ("phq9", 14, 8, True, False, True),  # case → below 10 and reliable: reliable recovery
        ("phq9", 10, 9, False, False, True),  # recovery without reliable change
        ("phq9", 4, 10, False, True, False),  # rise of 6: reliable deterioration
        ("gad7", 12, 8, True, False, False),  # GAD-7 caseness is 8: still a case
        ("gad7", 12, 7, True, False, True),
        ("gad7", 8, 11, False, False, False),  # rise of 3
        ("gad7", 5, 9, False, True, False),
    ],
)
def test_caseness_and_reliable_change(code, first, last, improved, worse, recovered):
    change = change_between(get_measure(code), first, last)
    assert change.reliable_improvement is improved
    assert change.reliable_deterioration is worse
    assert change.recovered is recovered


def test_dialog_has_no_caseness():
    assert change_between(DIALOG, 3, 5) is None


# Worked by hand from T = 50 + 10·Σwx / √((1−ρ)Σw² + ρ(Σw)²), ρ = 0.3 (docs/measures.md).
@pytest.mark.parametrize(
    ("goals", "expected"),
    [
        ([(1, 1)], 60.00),  # 50 + 10·1/√(0.7·1 + 0.3·1)
        ([(1, 0)], 50.00),
        ([(1, -2)], 30.00),  # 50 − 20/√1
        ([(1, 1), (1, 1)], 62.40),  # 50 + 20/√(1.4 + 1.2) = 50 + 20/1.61245 = 62.4035
        ([(1, 2), (1, 2), (1, 2)], 77.39),  # 50 + 60/√(2.1 + 2.7) = 50 + 60/2.19089 = 77.3861
        ([(1, -1), (1, 1)], 50.00),
        ([(2, 1), (1, -1)], 54.02),  # Σwx 1, Σw² 5, Σw 3: 50 + 10/√(3.5 + 2.7) = 50 + 10/2.48998 = 54.0161
        ([(1, -2)] * 4, 20.98),  # 50 − 80/√(2.8 + 4.8) = 50 − 80/2.75681 = 20.9809
        ([(3, 1), (1, 0), (2, -1)], 52.20),  # Σwx 1, Σw² 14, Σw 6: 50 + 10/√(9.8 + 10.8) = 52.2033
    ],
)
def test_gas_t_scores_worked_by_hand(goals, expected):
    assert gas_t_score(goals) == pytest.approx(expected, abs=0.005)


def test_gas_refuses_bad_goals():
    with pytest.raises(ValueError):
        gas_t_score([])
    with pytest.raises(ValueError):
        gas_t_score([(1, 3)])
    with pytest.raises(ValueError):
        gas_t_score([(0, 1)])


@given(st.data())
def test_sum_scores_stay_in_range_and_always_have_a_band(data):
    for measure in (PHQ9, GAD7):
        answers = {
            c: data.draw(st.integers(measure.min_value, measure.max_value)) for c in measure.item_codes
        }
        score = measure.score(answers)
        low, high = measure.score_range
        assert low <= score.total <= high
        assert score.band  # bands cover every total


@pytest.mark.parametrize("measure", [PHQ9, GAD7], ids=lambda m: m.code)
def test_bands_cover_the_whole_range_without_overlap(measure):
    low, high = measure.score_range
    for total in range(int(low), int(high) + 1):
        assert sum(b.low <= total <= b.high for b in measure.bands) == 1, total


@given(st.lists(st.integers(1, 7), min_size=11, max_size=11))
def test_dialog_means_stay_between_1_and_7(values):
    score = DIALOG.score(dict(zip(DIALOG.item_codes, values, strict=True)))
    for value in score.subscores.values():
        assert 1 <= value <= 7
    assert score.total == score.subscores["quality_of_life"]


@given(st.lists(st.tuples(st.integers(1, 10), st.sampled_from([-2, -1, 0, 1, 2])), min_size=1, max_size=12))
def test_gas_t_score_matches_the_formula_and_stays_sensible(goals):
    t = gas_t_score(goals)
    swx = sum(w * x for w, x in goals)
    expected = 50 + 10 * swx / math.sqrt(
        0.7 * sum(w * w for w, _ in goals) + 0.3 * sum(w for w, _ in goals) ** 2
    )
    assert t == pytest.approx(expected, abs=0.005)
    if all(x == 0 for _, x in goals):
        assert t == 50


def test_every_measure_has_unique_codes_source_and_licence():
    for measure in MEASURES.values():
        assert len(set(measure.item_codes)) == len(measure.item_codes)
        assert measure.source and measure.licence
