"""The respectful-language check: a table of examples, and every example in the lexicon itself."""

import pytest

from lived.core.language import check_language, lexicon

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
