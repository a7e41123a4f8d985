"""Staff-written plan text turned into the person's own voice, and a check that it worked.

The person's version of a plan is read by the person, so "Help Ada renew her bus pass" must read
"Help me renew my bus pass". We know exactly who the text is about (the record's names and
pronouns), so we do not need a general coreference model: a rule-based pass over the words of each
sentence is enough, and it runs with nothing to download. (spaCy would tag parts of speech better,
but its English models are not published on PyPI by its makers, and tagging alone does not say
who "her" is.)

What it does, sentence by sentence, outside quotation marks (quotes are someone speaking, and stay
exactly as written):

* the person's names ("Ada", "Ada Kowalski", "Ms Kowalski", "Ada's") become "I", "me" or "my": "I"
  when the name is followed by a verb ("Ada picks" -> "I pick"), "my" for "Ada's", otherwise "me";
  "Sam and Bea say" -> "Bea and I say";
* the person's recorded pronouns, parsed from the free-text field ("she/her", "He / Him", "he/they",
  "ze/zir"; see `parse_pronouns`), become "I", "me", "my", "mine" and "myself", with the verb after
  a subject made to agree ("she is" -> "I am", "he has" -> "I have", "they were" -> "I was",
  "doesn't" -> "don't") and carried along a list of verbs ("picks at her hands, checks the lock or
  answers in Polish" -> "pick at my hands, check the lock or answer in Polish");
* "her" is an object ("offer her", "let her point", "with her") or possessive ("her card") by the
  word that follows and the verb before;
* a pronoun is left alone when it cannot be the person: an object pronoun in a clause whose subject
  is the person ("if Ada wants her" means someone else), or any pronoun whose nearest named person
  earlier in the sentence is someone else on the record ("ring Marta and ask her");
* "they" is left alone when it follows a plural group of people ("her parents ... they").

Known limits: it cannot tell "Abena looks after her children" (whose children?) from the words, so a
pronoun after another named person is left as written and `third_person_references` reports it;
a past participle after the name ("Jenny invited to every meeting") reads as a past-tense verb;
other people are recognised only by the names on the record (circle of support, staff). Staff are
shown every sentence that still refers to the person in the third person, and should rewrite it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

# --- Pronouns from the record --------------------------------------------------------------------


@dataclass(frozen=True)
class Pronouns:
    subject: str
    object: str
    possessive: str  # before a noun: "her card"
    possessive_pronoun: str  # on its own: "it is hers"
    reflexive: str
    plural_verbs: bool = False  # "they are", "they were"

    @property
    def forms(self) -> frozenset[str]:
        extra = {"themself"} if self.subject == "they" else set()
        return frozenset(
            {self.subject, self.object, self.possessive, self.possessive_pronoun, self.reflexive, *extra}
        )


KNOWN_PRONOUNS = [
    Pronouns("he", "him", "his", "his", "himself"),
    Pronouns("she", "her", "her", "hers", "herself"),
    Pronouns("they", "them", "their", "theirs", "themselves", plural_verbs=True),
    Pronouns("ze", "zir", "zir", "zirs", "zirself"),
    Pronouns("ze", "hir", "hir", "hirs", "hirself"),
    Pronouns("xe", "xem", "xyr", "xyrs", "xemself"),
    Pronouns("ey", "em", "eir", "eirs", "emself"),
    Pronouns("fae", "faer", "faer", "faers", "faerself"),
]


def parse_pronouns(text: str) -> tuple[Pronouns, ...]:
    """The pronoun sets a free-text pronouns field names, in its order: "she/her" -> (she,),
    "He / Him" -> (he,), "he/they" -> (he, they), "ze/hir" -> (ze/hir,). Unknown neopronouns
    written as "subject/object[/possessive]" are taken as written. "Any", "use my name" or an
    empty field give no pronouns: the text then uses the person's name only."""
    parts = [p for p in re.split(r"[^a-z]+", (text or "").lower()) if p]
    found: list[Pronouns] = []
    for index, part in enumerate(parts):
        following = parts[index + 1] if index + 1 < len(parts) else ""
        candidates = [p for p in KNOWN_PRONOUNS if part in (p.subject, p.object, p.possessive)]
        if part in {p.subject for p in candidates}:
            # "ze" comes as ze/zir or ze/hir: the next word says which.
            exact = [p for p in candidates if p.subject == part and p.object == following]
            chosen = exact[0] if exact else next(p for p in candidates if p.subject == part)
        elif candidates and not found:
            chosen = candidates[0]  # "him" or "her" on its own
        else:
            continue
        if chosen not in found:
            found.append(chosen)
    if not found and len(parts) >= 2 and parts[0] not in {"any", "use", "no", "name", "none", "ask"}:
        subject, obj = parts[0], parts[1]
        possessive = parts[2] if len(parts) > 2 else obj
        found.append(Pronouns(subject, obj, possessive, possessive + "s", obj + "self"))
    return tuple(found)


# --- Who the text is about -----------------------------------------------------------------------

TITLES = ("Mr", "Mrs", "Ms", "Miss", "Mx", "Dr")


@dataclass(frozen=True, eq=False)
class Referent:
    """The person the text is about (their names and pronouns) and the other people on the record."""

    names: tuple[tuple[str, ...], ...] = ()
    pronouns: tuple[Pronouns, ...] = ()
    # Each other person's name, with the subject pronouns they might use ("" when unknown).
    others: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(
        cls, names: Iterable[str], pronouns: str = "", others: Iterable[tuple[str, str] | str] = ()
    ) -> Referent:
        phrases = {tuple(n.split()) for n in names if n and n.strip()}
        mine = {word for phrase in phrases for word in phrase}
        other_words: dict[str, str] = {}
        for other in others:
            name, subject = (other, "") if isinstance(other, str) else other
            for word in (name or "").split():
                if word[:1].isupper() and word not in mine:
                    known = other_words.get(word)
                    # Two people with one first name and different pronouns: unknown.
                    other_words[word] = subject if known in (None, subject) else ""
        return cls(
            names=tuple(sorted(phrases, key=len, reverse=True)),
            pronouns=parse_pronouns(pronouns),
            others=other_words,
        )

    @classmethod
    def for_person(cls, person, others: Iterable[tuple[str, str] | str] = ()) -> Referent:
        given, family, preferred = person.given_name, person.family_name, person.preferred_name
        names = [given, preferred, family, f"{given} {family}"]
        if preferred:
            names.append(f"{preferred} {family}")
        names += [f"{title} {family}" for title in TITLES]
        return cls.of(names, person.pronouns, others)

    @property
    def forms(self) -> frozenset[str]:
        return frozenset().union(*(p.forms for p in self.pronouns)) if self.pronouns else frozenset()


# --- Words ---------------------------------------------------------------------------------------

_TOKEN = re.compile(
    r"""(?P<quote>(?<!\w)'[^'\n]*?'(?!\w)|\u2018.*?\u2019(?!\w)|\u201c.*?\u201d|"[^"\n]*")
      |(?P<word>[^\W\d_]+(?:['\u2019][^\W\d_]+)*)
      |(?P<space>\s+)
      |(?P<other>.)""",
    re.VERBOSE | re.DOTALL,
)

SENTENCE_END = {".", "!", "?"}
CLAUSE_MARKS = {",", ";", ":", "(", ")", "\u2013", "\u2014"}
SUBORDINATORS = {
    "if", "when", "whenever", "while", "unless", "until", "because", "as", "so", "that", "whether",
    "before", "after", "once", "where", "than", "what", "how", "who", "though", "although", "since",
    "and", "but", "or", "then",
}  # fmt: skip
PREPOSITIONS = {
    "to", "with", "at", "in", "on", "for", "from", "about", "into", "up", "out", "off", "back", "down",
    "over", "through", "by", "after", "before", "until", "round", "around", "beside", "near", "without",
    "behind", "towards", "past", "like", "of", "across", "along", "between",
}  # fmt: skip
DETERMINERS = {
    "the", "a", "an", "this", "that", "these", "those", "some", "any", "every", "each", "all", "no",
    "another", "what", "which", "whatever", "enough", "more", "again", "once", "first", "know", "too",
}  # fmt: skip
PRONOUN_WORDS = {
    "i", "you", "we", "they", "it", "me", "him", "us", "them", "someone", "something", "anyone",
    "anything", "everyone", "everything", "nothing", "he", "she", "her", "his", "there", "here",
}  # fmt: skip
# Before "her", these make it the object ("let her lead", "give her time"), not "her" + noun.
OBJECT_VERBS = {
    "let", "lets", "help", "helps", "give", "gives", "offer", "offers", "tell", "tells", "send",
    "sends", "hand", "hands", "pass", "teach", "promise", "allow", "allows", "remind", "reminds",
    "watch", "hear", "see", "leave", "wish",
}  # fmt: skip
ADVERBS = {
    "also", "often", "usually", "sometimes", "always", "never", "really", "still", "just", "only",
    "now", "both", "rarely", "even", "probably", "already", "mostly", "generally", "normally",
    "actually", "then", "soon", "mainly",
}  # fmt: skip
MODALS = {
    "can", "could", "will", "would", "shall", "should", "may", "might", "must", "cannot", "can't",
    "won't", "wouldn't", "couldn't", "shouldn't", "mustn't", "needn't", "didn't", "did", "had",
    "hadn't", "used",
}  # fmt: skip
IRREGULAR_PAST = {
    "chose", "gave", "went", "got", "came", "took", "fell", "felt", "knew", "saw", "made", "told",
    "found", "left", "kept", "began", "sat", "spoke", "wrote", "ran", "met", "brought", "bought",
    "thought", "sent", "spent", "lost", "won", "heard", "held", "stood", "said", "did", "had", "ate",
    "drank", "slept", "woke", "rang", "sang", "swam", "understood", "forgot", "became", "drove",
}  # fmt: skip
NOT_VERBS = {
    "this", "yes", "always", "perhaps", "sometimes", "towards", "afterwards", "as", "us", "his",
    "hers", "its", "ours", "theirs", "less", "unless", "across", "plus", "thus", "news", "series",
    "bus", "gas", "besides", "whereas", "minus", "lens", "various", "nervous", "anxious", "serious",
    "previous", "famous", "upstairs", "downstairs", "indoors", "outdoors", "nowadays",
}  # fmt: skip
# Agreement for "I": is -> am, has -> have; for "they" people also are -> am, were -> was.
AGREE = {
    "is": "am", "isn't": "am not", "has": "have", "hasn't": "haven't", "does": "do", "doesn't": "don't",
    "was": "was", "wasn't": "wasn't",
}  # fmt: skip
AGREE_PLURAL = {"are": "am", "aren't": "am not", "were": "was", "weren't": "wasn't"}
CONTRACTIONS = {"'s": "'m", "'re": "'m", "'ve": "'ve", "'ll": "'ll", "'d": "'d"}
PARTICIPLES = {"been", "got", "done", "had", "gone", "seen", "made", "taken", "given", "eaten", "slept"}
PEOPLE_GROUPS = {
    "parents", "children", "friends", "family", "staff", "carers", "workers", "people", "others",
    "neighbours", "kids", "sisters", "brothers", "visitors", "team", "doctors", "nurses", "students",
    "housemates", "flatmates", "sons", "daughters", "grandchildren", "relatives", "colleagues",
}  # fmt: skip
_IES_NOT_Y = {"dies", "lies", "ties", "vies"}


def _is_third_singular(word: str) -> bool:
    """Could this word be a verb with the -s ending ("picks", "washes", "tries")?"""
    lower = word.lower()
    return (
        len(lower) > 2
        and lower.endswith("s")
        and not lower.endswith(("ss", "us", "'s", "\u2019s"))
        and lower not in NOT_VERBS
        and lower not in AGREE
        and word.islower()
    )


def _base_form(word: str) -> str:
    """picks -> pick, washes -> wash, tries -> try, goes -> go, uses -> use."""
    if word in _IES_NOT_Y:
        return word[:-1]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes", "zzes", "oes")):
        return word[:-2]
    return word[:-1]


def _is_verb(word: str) -> bool:
    lower = word.lower()
    return (
        lower in MODALS
        or lower in AGREE
        or lower in AGREE_PLURAL
        or lower in IRREGULAR_PAST
        or (lower.endswith("ed") and len(lower) > 4 and word.islower())
        or _is_third_singular(word)
    )


def _agree(word: str, plural: bool) -> str:
    """The verb form that goes with "I"."""
    lower = word.lower()
    if lower in AGREE:
        return AGREE[lower]
    if plural:
        return AGREE_PLURAL.get(lower, word)
    if _is_third_singular(word):
        return _base_form(lower)
    return word


@dataclass
class _Token:
    kind: str
    text: str


def _tokens(text: str) -> list[_Token]:
    return [_Token(m.lastgroup, m.group()) for m in _TOKEN.finditer(text)]


def _split_possessive(word: str) -> tuple[str, bool]:
    for ending in ("'s", "\u2019s"):
        if word.endswith(ending):
            return word[: -len(ending)], True
    if word.endswith(("s'", "s\u2019")):
        return word[:-1], True
    return word, False


class _Sentence:
    """Works through one sentence's tokens, replacing the person's names and pronouns."""

    def __init__(self, tokens: list[_Token], referent: Referent):
        self.tokens = tokens
        self.referent = referent
        self.words = [i for i, t in enumerate(tokens) if t.kind == "word"]
        self.out: dict[int, str] = {}  # token index -> replacement ("" removes the token)
        self.findings: list[str] = []

    # Neighbours ----------------------------------------------------------------------------------

    def _word_after(self, index: int, skip_adverbs: bool = False) -> int | None:
        for i in range(index + 1, len(self.tokens)):
            token = self.tokens[i]
            if token.kind == "space":
                continue
            if token.kind != "word":
                return None
            if skip_adverbs and token.text.lower() in ADVERBS:
                continue
            return i
        return None

    def _next_nonspace(self, index: int) -> _Token | None:
        for token in self.tokens[index + 1 :]:
            if token.kind != "space":
                return token
        return None

    def _prev_nonspace(self, index: int) -> _Token | None:
        for token in reversed(self.tokens[:index]):
            if token.kind != "space":
                return token
        return None

    def _match_name(self, index: int) -> int | None:
        """The index of the last token of the person's name starting here, if one does."""
        for phrase in self.referent.names:
            i, end = index, None
            for n, part in enumerate(phrase):
                if i is None or self.tokens[i].kind != "word":
                    break
                word = self.tokens[i].text
                if n == len(phrase) - 1:
                    word = _split_possessive(word)[0]
                if word != part:
                    break
                end = i
                i = self._word_after(i) if n < len(phrase) - 1 else None
            else:
                return end
        return None

    # The pass ------------------------------------------------------------------------------------

    def convert(self) -> str:
        ref = self.referent
        forms = ref.forms
        sentence_start = True
        subject_is_person = False  # the current clause's subject is the person ("if I want her")
        chain = False  # a list of verbs that belongs to the person ("picks ..., checks ...")
        last_named = None  # "person" or "other": the nearest named person so far in the sentence
        group_since_person = False
        i = 0
        while i < len(self.tokens):
            token = self.tokens[i]
            if token.kind == "other" and token.text in CLAUSE_MARKS:
                subject_is_person = False
                if token.text in {";", ":"}:
                    last_named = None  # "tell Hannah: it is one of his signs" starts afresh
                if token.text != "," or not self._continues_chain(i, chain):
                    chain = False
                i += 1
                continue
            if token.kind != "word":
                i += 1
                continue
            word, lower = token.text, token.text.lower().replace("\u2019", "'")
            capital = sentence_start
            sentence_start = False

            end = self._match_name(i)
            if end is not None:
                i = self._name(i, end, capital)
                subject_is_person = subject_is_person or self._last_was_subject
                chain = chain or self._last_was_subject
                last_named, group_since_person = "person", False
                continue

            base, _ = _split_possessive(word)
            if base in ref.others:
                last_named, group_since_person = ref.others[base] or "other", False
            elif lower in PEOPLE_GROUPS:
                group_since_person = True

            if lower == "to":
                after = self._next_nonspace(i)
                if (
                    after is not None
                    and after.kind == "word"
                    and after.text.lower() not in (DETERMINERS | PRONOUN_WORDS)
                ):
                    subject_is_person = False  # "wants staff to sit with her": a new clause
            if lower in SUBORDINATORS:
                if lower in {"and", "or"} and self._continues_chain(i, chain):
                    pass
                else:
                    chain = False
                subject_is_person = False
                i += 1
                continue

            if chain and self._is_chained_verb(i):
                self.out[i] = _agree(word, self._plural())
                subject_is_person = True
                i += 1
                continue

            pronoun = self._pronoun_role(lower, i, forms)
            if pronoun:
                someone_else = self._could_be(last_named, lower) or (
                    any(p.subject == "they" for p in ref.pronouns)
                    and lower in {"they", "them", "their", "theirs", "themselves"}
                    and group_since_person
                )
                before = self._prev_nonspace(i)
                after_preposition = before is not None and before.text.lower() in PREPOSITIONS
                if pronoun == "object" and subject_is_person and not after_preposition:
                    someone_else = True  # "if Ada wants her": Ada herself would be "herself"
                if someone_else:
                    self.findings.append(word)
                else:
                    i = self._pronoun(i, pronoun, capital)
                    if pronoun == "subject":
                        subject_is_person, chain = True, True
                    last_named = "person"
                    continue
            i += 1
        return "".join(self.out.get(n, t.text) for n, t in enumerate(self.tokens))

    _last_was_subject = False

    def _could_be(self, last_named: str | None, pronoun: str) -> bool:
        """Could the last named other person be who this pronoun means? Yes when we do not know
        their pronouns; no when we do and this is not one of them ("Bea's ... text him")."""
        if last_named in (None, "person"):
            return False
        if last_named == "other":
            return True
        return any(p.subject == last_named and pronoun in p.forms for p in KNOWN_PRONOUNS)

    def _plural(self) -> bool:
        return bool(self.referent.pronouns) and self.referent.pronouns[0].plural_verbs

    def _continues_chain(self, index: int, chain: bool) -> bool:
        if not chain:
            return False
        after = self._word_after(index)
        if after is not None and self.tokens[after].text.lower() in {"and", "or"}:
            after = self._word_after(after)
        return after is not None and self._is_chained_verb(after)

    def _is_chained_verb(self, index: int) -> bool:
        """After "picks at her hands," is the next word another verb of the same subject?"""
        before = self._prev_nonspace(index)
        if before is None or not (
            (before.kind == "other" and before.text == ",")
            or (before.kind == "word" and before.text.lower() in {"and", "or"})
        ):
            return False
        word = self.tokens[index].text
        if word.lower() in MODALS or word.lower() in AGREE or word.lower() in AGREE_PLURAL:
            return True
        if not _is_third_singular(word):
            return False
        following = self._next_nonspace(index)
        # "checks the lock", "answers in Polish": a verb has something after it; "tea, biscuits and
        # cakes" does not.
        return (
            following is not None
            and (following.kind in {"word", "quote"})
            and following.text.lower() not in {"and", "or"}
        )

    def _pronoun_role(self, lower: str, index: int, forms: frozenset[str]) -> str:
        contracted = {p.subject + c for p in self.referent.pronouns for c in CONTRACTIONS}
        if lower not in forms and lower not in contracted:
            return ""
        for p in self.referent.pronouns:
            if lower == p.subject or any(lower == p.subject + c for c in CONTRACTIONS):
                return "subject"
        for p in self.referent.pronouns:
            if lower == p.reflexive or (p.subject == "they" and lower == "themself"):
                return "reflexive"
            if lower == p.possessive_pronoun and lower != p.possessive:
                return "possessive_pronoun"
            if lower == p.possessive and lower == p.object:
                return "possessive" if self._followed_by_noun(index) else "object"
            if lower == p.possessive:
                return "possessive" if self._followed_by_word(index) else "possessive_pronoun"
            if lower == p.object:
                return "object"
        return ""

    def _followed_by_word(self, index: int) -> bool:
        following = self._next_nonspace(index)
        return (
            following is not None
            and following.kind == "word"
            and following.text.lower() not in SUBORDINATORS | PREPOSITIONS
        )

    def _followed_by_noun(self, index: int) -> bool:
        """ "her card", "her own" (possessive) against "offer her", "with her to", "let her point"."""
        before = self._prev_nonspace(index)
        if before is not None and before.kind == "word" and before.text.lower() in OBJECT_VERBS:
            return False
        following = self._next_nonspace(index)
        if following is None or following.kind != "word":
            return False
        lower = following.text.lower()
        return not (
            lower in SUBORDINATORS
            or lower in PREPOSITIONS
            or lower in DETERMINERS
            or lower in PRONOUN_WORDS
            or lower in MODALS
            or lower in AGREE
        )

    def _pronoun(self, index: int, role: str, capital: bool) -> int:
        word = self.tokens[index].text.lower().replace("\u2019", "'")
        if role == "subject":
            contraction = next((c for c in CONTRACTIONS if word.endswith(c) and word != c), "")
            if contraction:
                after = self._word_after(index)
                participle = after is not None and self.tokens[after].text.lower() in PARTICIPLES
                ending = "'ve" if contraction == "'s" and participle else CONTRACTIONS[contraction]
                self.out[index] = "I" + ending
                return index + 1
            pair = self._pair(index)
            if pair is not None:
                return pair
            self.out[index] = "I"
            return self._agree_after(index)
        replacement = {
            "object": "me",
            "possessive": "my",
            "possessive_pronoun": "mine",
            "reflexive": "myself",
        }[role]
        self.out[index] = replacement.capitalize() if capital else replacement
        return index + 1

    def _agree_after(self, index: int) -> int:
        """Make the verb after a new "I" agree; "as he tells us" becomes "as I tell staff"."""
        verb = self._word_after(index, skip_adverbs=True)
        if verb is None:
            return index + 1
        word = self.tokens[verb].text
        if word.lower() in self.referent.forms:
            return index + 1  # "she herself chose": the next word is not the verb
        self.out[verb] = _agree(word, self._plural())
        if word.lower() in {"tells", "told", "tell"}:
            us = self._word_after(verb)
            if us is not None and self.tokens[us].text == "us":
                self.out[us] = "staff"
        return verb + 1

    def _pair(self, index: int) -> int | None:
        """ "Sam and Bea say" or "he and Carol tell us" -> "Bea and I say", "Carol and I tell staff"."""
        after = self._word_after(index)
        if after is None or self.tokens[after].text != "and":
            return None
        other = self._word_after(after)
        if other is None or not self.tokens[other].text[:1].isupper() or self._match_name(other) is not None:
            return None
        verb = self._word_after(other, skip_adverbs=True)
        if verb is None or not self.tokens[verb].text.islower():
            return None
        if self.tokens[verb].text.lower() in PREPOSITIONS | DETERMINERS | PRONOUN_WORDS | SUBORDINATORS:
            return None
        self.out[index], self.out[other] = self.tokens[other].text, "I"
        if self.tokens[verb].text in {"tell", "told"}:
            us = self._word_after(verb)
            if us is not None and self.tokens[us].text == "us":
                self.out[us] = "staff"
        return other + 1

    def _name(self, start: int, end: int, capital: bool) -> int:
        """Replace the person's name (tokens start..end) by "I", "me" or "my"."""
        self._last_was_subject = False
        _, possessive = _split_possessive(self.tokens[end].text)

        def replace(text: str) -> None:
            self.out[start] = text
            for n in range(start + 1, end + 1):
                self.out[n] = ""

        if possessive:
            following = self._next_nonspace(end)
            alone = following is None or following.kind != "word"
            replace(("Mine" if capital else "mine") if alone else ("My" if capital else "my"))
            return end + 1

        before = self._prev_nonspace(start)
        after_verb_or_preposition = (
            before is not None
            and before.kind == "word"
            and (before.text.lower() in PREPOSITIONS or before.text.lower() in OBJECT_VERBS)
        )
        if not after_verb_or_preposition:
            pair = self._pair(end)
            if pair is not None:
                for n in range(start + 1, end + 1):
                    self.out[n] = ""
                self._last_was_subject = True
                return pair
        verb = self._word_after(end, skip_adverbs=True)
        if not after_verb_or_preposition and verb is not None and _is_verb(self.tokens[verb].text):
            replace("I")
            self._last_was_subject = True
            return self._agree_after(end)
        replace("Me" if capital else "me")  # also "Jenny saying she knew" -> "Me saying I knew"
        return end + 1


def _sentences(tokens: list[_Token]) -> list[list[_Token]]:
    out, current = [], []
    for n, token in enumerate(tokens):
        current.append(token)
        if token.kind == "other" and token.text in SENTENCE_END:
            following = tokens[n + 1] if n + 1 < len(tokens) else None
            if following is None or following.kind == "space":
                out.append(current)
                current = []
    if current:
        out.append(current)
    return out


def _as_referent(referent: Referent | Iterable[str]) -> Referent:
    return referent if isinstance(referent, Referent) else Referent.of(referent)


def to_first_person(text: str, referent: Referent | Iterable[str]) -> str:
    """Staff-written words about the person, as the person reads them: "Help Ada renew her bus
    pass" -> "Help me renew my bus pass". Quotes and other people are left as written."""
    referent = _as_referent(referent)
    if not text or not (referent.names or referent.pronouns):
        return text or ""
    return "".join(_Sentence(s, referent).convert() for s in _sentences(_tokens(text)))


def third_person_references(
    text: str, referent: Referent | Iterable[str], *, unclear: bool = True
) -> list[str]:
    """The words in `text` that still refer to the person in the third person: any of their names,
    and any of their pronouns, outside quotation marks. Used on text already turned into the first
    person, so what it finds is what the conversion could not safely change. For "they" people,
    "they" after a plural group ("her parents ... they") is not counted. With `unclear=False`, a
    pronoun that may mean another named person ("ring Abena and ask her") is not counted either."""
    referent = _as_referent(referent)
    found = []
    for sentence in _sentences(_tokens(text or "")):
        checker = _Sentence(sentence, referent)
        for i in checker.words:
            if checker._match_name(i) is not None:
                found.append(checker.tokens[i].text)
        # A fresh pass reports the pronouns that would be left alone as meaning someone else.
        checker.convert()
        found += [
            w
            for w in (checker.findings if unclear else [])
            if not (
                w.lower() in {"they", "them", "their", "theirs", "themselves"}
                and any(p.subject == "they" for p in referent.pronouns)
            )
        ]
        found += [
            checker.tokens[i].text
            for i in checker.words
            if checker.tokens[i].text.lower() in referent.forms
            and i in checker.out
            and checker.out[i] != checker.tokens[i].text
        ]
    return found
