"""The respectful-language check: a table of examples, every example in the lexicon itself, and
recall and false flags measured on a development set and a held-out set of sentences."""

import json
import time
from pathlib import Path

import pytest

from lived.core.language import categories, check_language, lexicon

FLAGGED = [
    ("Jo refused to go swimming.", "refused", "refused"),
    ("Refuses her shower", "refused", "Refuses"),
    ("REFUSED meds at 9:30", "refused", "REFUSED"),
    ("He is refusing breakfast", "refused", "refusing"),
    ("she refused to let the weather stop her", "refused", "refused"),
    ("Non-compliant with meds", "non_compliant", "Non-compliant"),
    ("noncompliant", "non_compliant", "noncompliant"),
    ("Attention seeking", "attention_seeking", "Attention seeking"),
    ("Being manipulative", "manipulative", "manipulative"),
    ("Leon kicked off at tea", "kicked_off", "kicked off"),
    ("Challenging behaviour in the lounge", "challenging_behaviour", "Challenging behaviour"),
    ("Absconded at 3pm", "absconded", "Absconded"),
    ("The service user was happy", "service_user", "service user"),
    ("Ada was allowed a second cup", "allowed", "was allowed"),
    ("Jo was placed at Riverside", "placed", "was placed at"),
    ("Wandering the corridor", "wandering", "Wandering"),
    ("Very demanding", "demanding", "Very demanding"),
    ("Toileted at 10pm", "toileted_fed", "Toileted"),
    ("Kept her in the lounge", "kept", "Kept her in"),
]

NOT_FLAGGED = [
    "Refuse collection day tomorrow.",
    "Put the refuse bin out with Jo.",
    "REFUSE COLLECTION moved to Friday",
    "She placed her cup on the window sill.",
    "Fed the ducks by the river.",
    "Jo chose drawing at home instead of the art group.",
    "",
    "   ",
]


@pytest.mark.parametrize("text,code,term", FLAGGED)
def test_flags_the_words_with_a_suggestion_and_a_reason(text, code, term):
    flags = check_language(text)
    assert [f.code for f in flags] == [code], flags
    flag = flags[0]
    assert flag.term == term
    assert text[flag.start : flag.end].split() == term.split()
    assert flag.suggestion and flag.reason


@pytest.mark.parametrize("text", NOT_FLAGGED)
def test_innocent_uses_are_not_flagged(text):
    assert check_language(text) == []


def test_several_flags_in_one_note_come_in_reading_order():
    flags = check_language("Kicked off at lunch, then refused tea. Non-compliant.")
    assert [f.code for f in flags] == ["kicked_off", "refused", "non_compliant"]


def test_curly_apostrophes_and_line_breaks_do_not_hide_words():
    assert check_language("kicked\noff")[0].code == "kicked_off"
    assert check_language("She wasn\u2019t allowed out")[0].code == "allowed"


ENTRY_EXAMPLES = [
    (entry.code, text, kind)
    for entry in lexicon()
    for kind in ("flag", "pass")
    for text in entry.examples.get(kind, [])
]


@pytest.mark.parametrize("code,text,kind", ENTRY_EXAMPLES)
def test_the_lexicons_own_examples(code, text, kind):
    codes = {f.code for f in check_language(text)}
    if kind == "flag":
        assert code in codes, f"{text!r} should be flagged as {code}"
    else:
        assert code not in codes, f"{text!r} should not be flagged as {code}"


def test_every_entry_has_a_reason_a_suggestion_and_an_example():
    for entry in lexicon():
        assert entry.reason and entry.suggestion, entry.code
        assert entry.examples.get("flag"), entry.code


# --- Measured on sentences of the kind staff write (ADR 0009) ------------------------------------

SETS = Path(__file__).parent


def _measure(name: str, *, with_names: bool) -> tuple[float, float, list, list]:
    sentences = json.loads((SETS / f"language_{name}_set.json").read_text(encoding="utf-8"))["sentences"]
    missed, false_flags = [], []
    for s in sentences:
        flags = check_language(s["text"], s["names"] if with_names else ())
        if s["flag"] and not flags:
            missed.append(s["text"])
        if not s["flag"] and flags:
            false_flags.append((s["text"], [f.term for f in flags]))
    disrespectful = sum(s["flag"] for s in sentences)
    respectful = len(sentences) - disrespectful
    return 1 - len(missed) / disrespectful, len(false_flags) / respectful, missed, false_flags


@pytest.mark.parametrize("name,minimum", [("dev", 150), ("heldout", 100)])
def test_each_sentence_set_is_big_enough_and_balanced(name, minimum):
    sentences = json.loads((SETS / f"language_{name}_set.json").read_text(encoding="utf-8"))["sentences"]
    assert sum(s["flag"] for s in sentences) >= minimum
    assert sum(not s["flag"] for s in sentences) >= minimum


@pytest.mark.parametrize("with_names", [True, False], ids=["with the person's names", "without names"])
@pytest.mark.parametrize("name", ["dev", "heldout"])
def test_it_flags_at_least_95_percent_of_disrespectful_sentences_and_at_most_5_percent_of_others(
    name, with_names
):
    recall, false_flag_rate, missed, false_flags = _measure(name, with_names=with_names)
    assert recall >= 0.95, missed
    assert false_flag_rate <= 0.05, false_flags


CATEGORY_EXAMPLES = [
    ("control and permission", "Staff allowed Nadim to stay up late.", "allowed"),
    ("control and permission", "We gave Ruth permission to go to the pub.", "permission"),
    ("control and permission", "Clara was made to wait for her tea.", "made_to"),
    ("control and permission", "He lost his privileges for the weekend.", "privileges"),
    ("infantilising", "Good girl, she ate all her dinner.", "good_girl"),
    ("infantilising", "Nadim behaved well at the barber's.", "behaved"),
    ("infantilising", "Ruth was naughty at the shops.", "childish"),
    ("character judgement", "Clara was being difficult about her bath.", "difficult"),
    ("character judgement", "Uncooperative with the nurse.", "uncooperative"),
    ("character judgement", "He is obsessed with the bus timetable.", "obsessed"),
    ("character judgement", "She's putting it on.", "putting_it_on"),
    ("character judgement", "Nadim was abusive on the phone.", "abusive"),
    ("diagnosis as identity or suffering", "Ruth is a schizophrenic.", "diagnosis_as_identity"),
    ("diagnosis as identity or suffering", "Clara suffers from anxiety.", "suffers_from"),
    ("diagnosis as identity or suffering", "He is mentally ill.", "mentally_ill"),
    ("diagnosis as identity or suffering", "She is low functioning.", "low_functioning"),
    ("suicide and self-harm", "His father committed suicide.", "committed_suicide"),
    ("suicide and self-harm", "Ruth is a known self-harmer.", "self_harmer"),
    ("suicide and self-harm", "It was a failed suicide attempt.", "failed_suicide"),
    ("disability", "Nadim is wheelchair bound.", "wheelchair_bound"),
    ("disability", "Clara has been confined to a wheelchair for years.", "wheelchair_bound"),
    ("disability", "Ruth had a fit at lunch.", "fits"),
    ("institutional and service words", "Elopement risk after tea.", "absconded"),
    ("institutional and service words", "No-show at the dentist.", "no_show"),
    ("institutional and service words", "Nadim failed to attend his review.", "no_show"),
    ("institutional and service words", "Clara was sectioned in May.", "sectioned"),
    ("institutional and service words", "She was handled by two staff.", "handled"),
    ("institutional and service words", "His behaviour was managed with distraction.", "behaviour_managed"),
    ("compliance", "Ruth was compliant with personal care.", "compliant"),
    ("compliance", "Refused, refuses, refusing: REFUSED meds.", "refused"),
]


@pytest.mark.parametrize("category,text,code", CATEGORY_EXAMPLES)
def test_each_category_catches_its_words(category, text, code):
    flags = check_language(text)
    assert code in [f.code for f in flags], flags
    assert {f.category for f in flags if f.code == code} == {category}


INNOCENT = [
    "Refuse collection is on Thursday.",
    "We had a difficult conversation about money.",
    "It was a difficult day for her.",
    "Let me know if you need anything.",
    "We allowed time for him to think.",
    "The council allowed the appeal.",
    "The referral was handled by the duty team.",
    "She managed her own medication all week.",
    "He attended his appointment with his brother.",
    "Referred to Victim Support after the burglary.",
    'She said "I am suffering today, leave me alone" and we gave her space.',
]


@pytest.mark.parametrize("text", INNOCENT)
def test_innocent_uses_of_the_same_words_are_left_alone(text):
    assert check_language(text) == []


def test_inflections_and_capitals_are_caught():
    texts = (
        "refuses",
        "refused",
        "REFUSING",
        "allows her to",
        "allowed him to",
        "lets them have",
        "letting Jo go",
    )
    for text in texts:
        assert check_language(text), text


def test_a_capitalised_name_not_on_the_record_is_still_caught():
    assert [f.code for f in check_language("Night staff let Zeynep have a bath.")] == ["allowed"]


def test_the_persons_names_catch_a_name_written_in_lower_case():
    text = "staff let samira have her tea in her room"
    assert check_language(text) == []
    flags = check_language(text, ["Samira", "Testperson"])
    assert [f.code for f in flags] == ["allowed"]
    assert flags[0].term == "let samira have"
    assert flags[0].reported_term == "let [name] have"


def test_a_person_object_gives_given_family_and_preferred_names():
    class Person:
        given_name, family_name, preferred_name = "Samira", "Testperson", "Mira"

    assert [f.code for f in check_language("we let mira go out", person=Person())] == ["allowed"]


def test_a_name_is_kept_out_of_the_reported_term_but_pronouns_stay():
    assert check_language("Staff allowed Ada Byrne to stay up.")[0].reported_term == "allowed [name] to"
    assert check_language("Staff allowed her to stay up.")[0].reported_term == "allowed her to"


def test_a_common_sentence_opener_is_not_taken_for_a_name():
    assert check_language("It was difficult to park.") == []
    assert [f.term for f in check_language("Today Sam was difficult.")] == ["Sam was difficult"]


def test_the_persons_own_words_in_a_quotation_are_left_alone_but_scare_quotes_are_not():
    assert check_language('Jo said "I refuse to go, I hate it there".') == []
    assert check_language("Jo said, \u201cI refuse\u201d.") == []
    assert [f.code for f in check_language('Staff described her as "manipulative".')] == ["manipulative"]


def test_words_flagged_by_two_entries_get_one_suggestion():
    flags = check_language("Tom refused to cooperate with the assessment.")
    assert [f.code for f in flags] == ["uncooperative"]


def test_the_existing_codes_are_kept_so_stored_counts_still_add_up():
    codes = {entry.code for entry in lexicon()}
    existing = """refused non_compliant attention_seeking manipulative kicked_off challenging_behaviour
        absconded service_user allowed placed wandering demanding aggressive toileted_fed kept
        lacks_insight frequent_flyer tantrum"""
    assert set(existing.split()) <= codes


def test_every_entry_belongs_to_a_described_category():
    described = categories()
    assert len(described) == 8
    for entry in lexicon():
        assert entry.category in described, entry.code


def test_a_thousand_sentences_are_checked_in_well_under_a_second_each():
    sentences = json.loads((SETS / "language_dev_set.json").read_text(encoding="utf-8"))["sentences"]
    texts = [s["text"] for s in sentences] * 3
    lexicon()  # compiled once per process, not per note
    started = time.perf_counter()
    for text in texts[:1000]:
        check_language(text, ["Samira", "Testperson"])
    # About 0.25 s on a laptop; generous so a busy CI machine does not fail it.
    assert time.perf_counter() - started < 5


@pytest.mark.django_db
def test_stored_flags_name_the_words_but_never_the_person(support_worker, person):
    from lived.notes.models import LanguageFlagRecord
    from lived.notes.services import add_handover

    add_handover(actor=support_worker, person=person, text="Night staff let samira have a bath.")
    assert [(r.code, r.term) for r in LanguageFlagRecord.objects.all()] == [("allowed", "let [name] have")]
