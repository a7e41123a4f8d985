"""Staff-written words turned into the person's own voice: names and recorded pronouns become I, me,
my and myself, verbs agree, quotes and other people are left alone, and what cannot be changed
safely is reported."""

import pytest

from lived.plans.first_person import Referent, parse_pronouns, third_person_references, to_first_person

ADA = Referent.of(
    ["Ada", "Ada Kowalski", "Kowalski", "Ms Kowalski"],
    "she/her",
    others=[("Marta Nowak", "she"), ("Hannah Reid", ""), ("Abena Osei", "")],
)
SAM = Referent.of(["Sam", "Samuel", "Sam Carter", "Mr Carter"], "He / Him", others=[("Bea Carter", "she")])
ALEX = Referent.of(["Alex", "Alex Mercer"], "they/them")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "her" as possessive or object, by what follows and the verb before.
        ("Offer Ada her card and let her point.", "Offer me my card and let me point."),
        ("Show her the card.", "Show me the card."),
        ("Go with her to the first one if she wants.", "Go with me to the first one if I want."),
        ("Take her arm only if she asks.", "Take my arm only if I ask."),
        ("Tell her you are going to the kitchen.", "Tell me you are going to the kitchen."),
        ("Her tablets need to be taken by 9:45.", "My tablets need to be taken by 9:45."),
        # Verbs agree, including a list of verbs that belong to the same subject.
        (
            "Ada picks at her hands, checks the door lock again, says 'wait, wait' or answers in Polish.",
            "I pick at my hands, check the door lock again, say 'wait, wait' or answer in Polish.",
        ),
        (
            "She is tired, she has eaten and she doesn't want tea.",
            "I am tired, I have eaten and I don't want tea.",
        ),
        ("She's at the window; she isn't ready.", "I'm at the window; I am not ready."),
        ("She washes, tries the radio and goes out.", "I wash, try the radio and go out."),
        # Names: possessive with either apostrophe, subject, object, and with a title.
        ("Ada's tablets and Ada\u2019s cup.", "My tablets and my cup."),
        ("On a morning of Ada's choosing.", "On a morning of my choosing."),
        ("Ring Ms Kowalski on Sundays.", "Ring me on Sundays."),
        ("Ms Kowalski's key is on the hook.", "My key is on the hook."),
        ("Sundays Ada gets to Mass, as she tells us.", "Sundays I get to Mass, as I tell staff."),
        ("She herself chose it.", "I myself chose it."),
        # Quotes are someone speaking: left exactly as said.
        (
            "Staff will say: 'Dzień dobry, Ada. Tea first?' Put it by her chair.",
            "Staff will say: 'Dzień dobry, Ada. Tea first?' Put it by my chair.",
        ),
        ("Say \u201cAda, she is here\u201d and wait.", "Say \u201cAda, she is here\u201d and wait."),
        # Another person of the same gender.
        ("Offer to ring Marta if Ada wants her.", "Offer to ring Marta if I want her."),
        ("Ring Abena and ask her to come.", "Ring Abena and ask her to come."),
    ],
)
def test_ada_reads_about_herself_as_i_me_and_my(text, expected):
    assert to_first_person(text, ADA) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Help Sam renew his bus pass.", "Help me renew my bus pass."),
        (
            "Ask me whether he felt pushed, and write down what he says.",
            "Ask me whether I felt pushed, and write down what I say.",
        ),
        (
            "If Sam has missed two days, tell Hannah: it is one of his signs.",
            "If I have missed two days, tell Hannah: it is one of my signs.",
        ),
        # Bea is his sister, so "him" after her name is still Sam.
        ("Plan the bus to Bea's and text him the times.", "Plan the bus to Bea's and text me the times."),
        ("What Sam and Bea both say at the review.", "What Bea and I both say at the review."),
        ("The choice is his.", "The choice is mine."),
        ("Mr Carter was out.", "I was out."),
        ("Samuel Carter is the neighbour's cousin.", "Samuel Carter is the neighbour's cousin."),
    ],
)
def test_sam_reads_about_himself_as_i_me_and_my(text, expected):
    # "Samuel Carter" is not in SAM's names above: another person's name is never changed.
    sam = Referent.of(["Sam", "Mr Carter"], "he/him", others=[("Bea Carter", "she")])
    assert to_first_person(text, sam) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Message Alex first and ring at a time Alex has picked.",
            "Message me first and ring at a time I have picked.",
        ),
        ("If they are tired, they were up late; ask them.", "If I am tired, I was up late; ask me."),
        ("They don't want it and they've said so.", "I don't want it and I've said so."),
        ("Their sister says they're fine.", "My sister says I'm fine."),
        # "they" after a group of people means those people.
        ("Ask Alex's parents if they can come.", "Ask my parents if they can come."),
    ],
)
def test_they_them_person_reads_i_with_verbs_that_agree(text, expected):
    assert to_first_person(text, ALEX) == expected


@pytest.mark.parametrize(
    ("field", "subjects"),
    [
        ("she/her", ["she"]),
        ("She / Her", ["she"]),
        ("they/them", ["they"]),
        ("he/they", ["he", "they"]),
        ("HE/HIM/HIS", ["he"]),
        ("ze/zir", ["ze"]),
        ("xe/xem", ["xe"]),
        ("", []),
        ("any pronouns", []),
        ("Use my name", []),
    ],
)
def test_pronouns_are_read_from_the_free_text_field(field, subjects):
    assert [p.subject for p in parse_pronouns(field)] == subjects


def test_ze_hir_and_ze_zir_are_told_apart():
    assert parse_pronouns("ze/hir")[0].object == "hir"
    assert parse_pronouns("ze/zir")[0].object == "zir"


def test_neopronouns_only_if_the_record_has_them():
    ze = Referent.of(["Rowan"], "ze/zir")
    assert to_first_person("Rowan says ze wants zir tea.", ze) == "I say I want my tea."
    # For a "she" person "ze" is just a word.
    assert to_first_person("Ze is a word.", ADA) == "Ze is a word."


def test_unknown_neopronouns_are_taken_as_written():
    ve = Referent.of(["Kit"], "ve/ver/vis")
    assert to_first_person("Ask ver if ve wants vis coat.", ve) == "Ask me if I want my coat."


def test_a_person_with_no_pronouns_is_turned_by_name_only():
    named = Referent.of(["Sam"])
    assert to_first_person("Ask Sam if she wants tea.", named) == "Ask me if she wants tea."


def test_what_is_left_in_the_third_person_is_reported():
    assert third_person_references("Ring Abena and ask her to come.", ADA) == ["her"]
    assert third_person_references("Ada said so.", ADA) == ["Ada"]
    assert third_person_references("I want my tea.", ADA) == []
    # Quotes are not counted, nor "they" that means a group for a they/them person.
    assert third_person_references("Staff will say: 'Tea first, Ada?'", ADA) == []
    assert third_person_references("Ask my parents if they can come.", ALEX) == []
