"""The pattern table of the quantity scanner: one named, compiled pattern per rule.

Fixed grammar (numbers, dates, times, URLs, phones) is written here; vocabulary (units,
qualifier words, slogans, adverbs, implied-unit nouns) comes from ``data/quantity_words.toml``
and is compiled once, on first use, by :func:`rules`.  Every pattern is linear on adversarial
input: digit and numeral runs use possessive quantifiers, alternations are of literal words,
and look-arounds are bounded.
"""

from __future__ import annotations

import functools
import importlib
import re
import tomllib
from collections.abc import Mapping
from typing import TYPE_CHECKING, Final, Literal

import attrs
import regex

from shanxi_poverty._resources import read_text
from shanxi_poverty._wordlist import trie_pattern

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["JointScan", "Rules", "rules"]

#: Chinese numeral characters (digits, tens, multipliers) in simplified and traditional script.
# Financial forms (壹贰叁, 陆 = 6, 伍 = 5) are left out: in running text 陆 and 伍 are far more
# often "land" (平陆县) and "ranks" (队伍) than numbers; numerals.parse_number still reads them.
CN_DIGITS: Final = "〇零一二两三四五六七八九廿卅兩"
CN_MULTIPLIERS: Final = "十百千万亿萬億"
CN_NUMERALS: Final = CN_DIGITS + CN_MULTIPLIERS
DIGITS: Final = "0-9０-９"

#: A run of numeral characters: digits with decimal points / thousands separators, Chinese
#: numerals, or both mixed (2.3亿, 3万5千, 一千二百).
RUN: Final = regex.compile(
    rf"""
    (?:[{DIGITS}]++(?:[.．][{DIGITS}]++)?+(?:,[0-9]{{3}}(?![0-9]))*+
       # thousands grouped by spaces (12 345, GB/T 15835), only after a first group of one
       # to three digits: two figures of a table row are never one.  Checked behind, so
       # that the run still opens on a digit, which the engine skips to fast.
       (?:(?:(?<=(?<![0-9.,])[0-9]{{1,3}})[ \u00a0\u2009\u202f][0-9]{{3}}+(?![0-9]))++
          (?:\.[0-9]++)?+)?+
     | [{CN_NUMERALS}])
    (?:[{DIGITS}]++(?:[.．][{DIGITS}]++)?+ | [{CN_NUMERALS}]
       # a Chinese decimal point between Chinese numerals (十五点五, 三点五亿), not a clock
       # time (三点五分)
       | (?<=[{CN_NUMERALS}])点(?=[{CN_DIGITS}]++(?!分))
    )*+
    """,
    regex.VERBOSE,
)

#: Multiplier characters only (read after 余/多: 20多万元).
MULTIPLIERS: Final = regex.compile(rf"[{CN_MULTIPLIERS}]++")

#: Whitespace a layout line break may put between a number and its unit (为期7\n\n天).
LAYOUT_GAP: Final = regex.compile(r"[ \t\r\n\u00a0\u3000]{1,6}+")

#: 百分之九十六 / 三分之一: the word between the two numbers.
FRACTION: Final = regex.compile(r"分之")

_YEAR_DIGITS: Final = rf"(?<![{DIGITS}.．])(?:1[5-9]|20)[0-9]{{2}}(?![{DIGITS}])"
_CN_YEAR: Final = r"[〇零一二三四五六七八九]{4}"
_MONTH: Final = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_DAY: Final = r"(?:3[01]|[12][0-9]|0?[1-9]|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九])"


@attrs.frozen
class Rule:
    """A named pattern that excludes what it matches, with the exclusion reason.

    ``source`` is the pattern as written; ``starts_with``, when given, is a character class
    holding every character a match can start with.  The compiled ``pattern`` then opens
    with a lookahead on that class, which lets the engine skip ahead to those characters
    instead of trying the whole pattern (and its leading lookbehind) at every position.

    ``engine`` picks the module that compiles it.  The standard ``re`` tries a pattern at
    each position several times faster than ``regex``, which matters for rules that open
    on a digit (numbers are everywhere in these texts); ``regex`` is faster on long word
    alternations and where every match holds a literal it can look for first, and has the
    syntax ``re`` lacks (Unicode properties, variable-width lookbehind).  The ``re`` rules
    with a start class are not searched one by one but together, by :class:`JointScan`.
    Guard, engine and joint scan never change the matches (``tests/extract/test_rules.py``
    checks them).
    """

    name: str
    source: str
    reason: str
    starts_with: str | None = None
    engine: Literal["regex", "re"] = "regex"
    pattern: regex.Pattern[str] | re.Pattern[str] = attrs.field(init=False)

    @pattern.default
    def _compile(self) -> regex.Pattern[str] | re.Pattern[str]:
        source = self.source
        if self.starts_with is not None:
            source = f"(?=[{self.starts_with}])(?:{source})"
        return re.compile(source) if self.engine == "re" else regex.compile(source)


#: Fixed exclusion rules, tried in this order over the whole text.
FIXED_RULES: Final = (
    Rule("url", r"(?:https?:)?//[A-Za-z0-9._~:/?#\[\]@!$&'()*+,;=%-]++", "url_or_id"),
    Rule("www", r"(?<![A-Za-z0-9.])www\.[A-Za-z0-9._~/?#=&%-]++", "url_or_id"),
    Rule("email", r"(?<![A-Za-z0-9._-])[A-Za-z0-9._-]++@[A-Za-z0-9.-]++", "url_or_id"),
    Rule(
        "iso_datetime",
        rf"(?<![{DIGITS}])[0-9]{{4}}[-/.][0-9]{{1,2}}[-/.][0-9]{{1,2}}(?![{DIGITS}])"
        r"(?:[ T]?[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?+(?:\s?[+-][0-9]{2}:?[0-9]{2})?+)?+",
        "date",
    ),
    Rule(
        "clock",
        r"(?<![0-9])[0-9]{1,2}[:：][0-9]{2}(?:[:：][0-9]{2})?+(?![0-9])",
        "time",
    ),
    Rule(
        "phone",
        r"(?<![0-9])(?:1[3-9][0-9]{9}|0[0-9]{2,3}[-－][0-9]{7,8}|[0-9]{3,4}[-－][0-9]{7,8})(?![0-9])",
        "phone",
        starts_with="0-9",
        engine="re",
    ),
    Rule(
        "page",
        r"第?(?<![0-9０-９])[0-9０-９]++[版页]|(?<![A-Za-z])[Pp][0-9]++|(?<![0-9/])[0-9]++/[0-9]++页",
        "page",
        starts_with=f"第{DIGITS}Pp",
        engine="re",
    ),
    # a letters+digits code (NW2022…, infoCode, v1.2.3), dotted parts included, or a digit
    # string too long to be an amount
    Rule(
        "code",
        r"(?<![A-Za-z_])[A-Za-z_]++[0-9][A-Za-z0-9_]*+(?:\.[A-Za-z0-9_]++)*+"
        r"|(?<![0-9.])[0-9]{13,}+",
        "url_or_id",
        starts_with="A-Za-z_0-9",
        engine="re",
    ),
    Rule(
        "document_number",
        r"〔[0-9]{4}〕[0-9]++号|[（(][0-9]{4}[)）][0-9]++号",
        "url_or_id",
    ),
    # a unit declaration (单位：万元, a table's header or caption, 脱贫人口（万人）) states no
    # amount
    Rule(
        "unit_declaration",
        r"单位\s{0,2}[:：]\s{0,3}\K[十百千万亿萬億]++"
        r"|[（(]\K[十百千万亿萬億]++(?=[^\s（）()0-9０-９]{1,4}[）)])",
        "other",
    ),
    Rule(
        "year",
        rf"{_YEAR_DIGITS}(?=\s?年|[-—－~～至到]{_YEAR_DIGITS}\s?年)|{_CN_YEAR}(?=年)"
        rf"|(?<=[-—－~～至到]){_YEAR_DIGITS}(?=\s?年)",
        "year",
        # re, though regex alone would be 3x faster (it looks for 年 first): inside the
        # joint scan it costs nearly nothing more
        starts_with="12〇零一二三四五六七八九",
        engine="re",
    ),
    Rule(
        "year_plain",
        rf"(?<=[从自在于截至到]){_YEAR_DIGITS}(?![{DIGITS}年])",
        "year",
    ),
    Rule(
        "relative_date",
        rf"[{DIGITS}{CN_NUMERALS}]{{1,6}}+(?:个)?(?:年|月|天|日)(?:前|后|之前|之后|以前|以后)(?![{DIGITS}])",
        "date",
        starts_with=f"{DIGITS}{CN_NUMERALS}",
        engine="re",
    ),
    Rule(
        "decade",
        r"[0-9]0年代|[一二三四五六七八九]十年代",
        "date",
        starts_with="0-9一二三四五六七八九",
        engine="re",
    ),
    Rule(
        "month_day",
        rf"(?<![{DIGITS}{CN_NUMERALS}个.．])(?:{_MONTH}[-—－~～至到])?{_MONTH}月(?:份)?(?:{_DAY}[日号])?"
        rf"|(?<![{DIGITS}{CN_NUMERALS}个.．]){_DAY}[日号](?![{DIGITS}])",
        "date",
        starts_with="0-9一二三四五六七八九十",
        engine="re",
    ),
    Rule(
        "hour",
        rf"(?<![{DIGITS}.．])(?:[01]?[0-9]|2[0-4])[时点](?:[0-5]?[0-9]分)?+",
        "time",
        starts_with="0-9",
        engine="re",
    ),
    Rule(
        "ordinal",
        rf"第[{DIGITS}{CN_NUMERALS}]++(?:[.．][0-9]++)?+(?:[、,，和至到-][{DIGITS}{CN_NUMERALS}]++)*+"
        rf"|(?<=^|[\s。；：!！?？])[一二三四五六七八九十]{{1,3}}、"
        rf"|[（(][一二三四五六七八九十0-9]{{1,3}}[)）]"
        rf"|(?<=^|[\s，。；：、,;:！？“”（）()])[一二三四五六七八九十]{{1,2}}是"
        rf"|其[一二三四五六七八九十]"
        rf"|[{CN_NUMERALS}]{{1,3}}把手",
        "ordinal",
    ),
)


#: The longest match (or look-around) a rule of :class:`JointScan` may have.
JOINT_MAX_WIDTH: Final = 32


def _short_matches(source: str) -> bool:
    """Whether no match of ``source``, nor any part of it such as a look-around, can be
    longer than :data:`JOINT_MAX_WIDTH`.

    Read from the parse tree of the standard library's ``re._parser`` (private, so any
    failure answers no: the rule is then searched on its own, as before, only slower).
    """
    try:
        parser = importlib.import_module("re._parser")
        tree = parser.parse(source)
        subpattern = parser.SubPattern
        pending: list[object] = [tree]
        while pending:
            node = pending.pop()
            if isinstance(node, subpattern):
                if node.getwidth()[1] > JOINT_MAX_WIDTH:
                    return False
                pending.extend(node.data)
            elif isinstance(node, (tuple, list)):
                pending.extend(node)
    except Exception:  # noqa: BLE001 - a private module: whatever it does, fall back
        return False
    return True


@attrs.frozen
class JointScan:
    """Several ``re`` rules that open on a character class, found in one pass over a text.

    Alone, each such rule costs a pass in which the engine checks every character against
    its start class (about as much as a bare regex scan).  Here one pattern skips to the
    union of the classes and, there, tries every rule as a capturing lookahead; it matches
    only where some rule does.  A rule's matches are then its captures taken left to right,
    each at or after the end of the one taken before: exactly what its own ``finditer``
    returns, since ``finditer`` takes the leftmost match at or after the previous end and a
    match at a position does not depend on where the search began.  That needs non-empty
    matches (``finditer`` treats an empty one specially); a rule that matches empty in a
    text is searched on its own there.  ``tests/extract/test_rules.py`` checks the spans
    against each rule's ``finditer``.
    """

    members: tuple[Rule, ...]
    pattern: re.Pattern[str] = attrs.field(init=False)

    @pattern.default
    def _compile(self) -> re.Pattern[str]:
        if not self.members:
            return re.compile("(?!)")
        starts = "".join(r.starts_with or "" for r in self.members)
        tries = "".join(f"(?:(?=({r.pattern.pattern}))|)" for r in self.members)
        # (?(k)|...(?!)): fail unless some rule's lookahead took part, so the engine moves
        # on in C instead of returning an empty match at every start character
        some = "(?!)"
        for k in range(len(self.members), 0, -1):
            some = f"(?({k})|{some})"
        return re.compile(f"(?=[{starts}]){tries}{some}")

    @classmethod
    def of(cls, rules: Iterable[Rule]) -> JointScan:
        """The scan of those ``rules`` that can join it: ``re`` rules with a start class, no
        groups of their own (the scan numbers its groups by rule), and short matches.

        A rule alone is never tried inside its own previous match; here it is tried at every
        start character, so one whose match can run on (a long code, a digit string) would
        make the scan quadratic.  Only rules whose match and look-arounds are at most
        :data:`JOINT_MAX_WIDTH` characters long join.

        Raises:
            ValueError: if two of them share a name (:meth:`spans` answers by name).
        """
        members = tuple(
            r
            for r in rules
            if r.engine == "re"
            and r.starts_with is not None
            and r.pattern.groups == 0
            and _short_matches(r.pattern.pattern)
        )
        names = [r.name for r in members]
        if len(set(names)) < len(names):
            msg = f"joint scan rules need distinct names: {names}"
            raise ValueError(msg)
        return cls(members)

    def spans(self, text: str) -> dict[str, list[tuple[int, int]]]:
        """Per member (by name), the spans its ``finditer`` over ``text`` would give."""
        found: list[list[tuple[int, int]]] = [[] for _ in self.members]
        resume = [0] * len(self.members)
        empty = False
        for match in self.pattern.finditer(text):
            for k, (start, end) in enumerate(match.regs[1:]):
                if start >= resume[k]:  # an absent capture is (-1, -1)
                    found[k].append((start, end))
                    resume[k] = end
                    empty = empty or start == end
        out = {r.name: spans for r, spans in zip(self.members, found, strict=True)}
        if empty:
            for rule, spans in zip(self.members, found, strict=True):
                if any(lo == hi for lo, hi in spans):
                    out[rule.name] = [m.span() for m in rule.pattern.finditer(text)]
        return out


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first (so 个百分点 wins over 个)."""
    return "|".join(regex.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


@attrs.frozen
class Rules:
    """The compiled vocabulary of the scanner (see ``data/quantity_words.toml``).

    Attributes:
        unit: a unit or classifier word at a position (longest first).
        unit_not_followed_by: per unit, what must not come right after it.
        arabic_only: classifiers read only after digits.
        vague_before: a word ending just before a numeral that makes it vague (数十个).
        at_least_before: a word before a bare multiplier that makes it a lower bound (上万).
        cue_required: units that need a duration cue (年).
        cue_before / cue_after: duration cues before the number and after the unit.
        qualifier_before / qualifier_after: a qualifier word ending just before the number /
            starting just after the unit, with the qualifier value of each word.
        inside_qualifier: a qualifier character between number, multiplier and unit (余 多
            几 来).
        qualifier_not_after: characters that make a "before" word part of another word.
        range_connector: the word between the two ends of a range.
        list_separators: what may stand between two mentions of one enumeration.
        implied_noun: a noun that gives a bare 万-number its unit.
        implied_units: noun → unit.
        vocabulary: named exclusion patterns (names, plans, adverbs, ranks) with their reason.
        joint: the exclusion rules (fixed and vocabulary) that are found in one pass.
    """

    unit: regex.Pattern[str]
    unit_not_followed_by: Mapping[str, tuple[str, ...]]
    arabic_only: frozenset[str]
    vague_before: regex.Pattern[str]
    vague_not_after: frozenset[str]
    at_least_before: regex.Pattern[str]
    cue_required: frozenset[str]
    cue_before: regex.Pattern[str]
    cue_after: regex.Pattern[str]
    qualifier_before: regex.Pattern[str]
    qualifier_after: regex.Pattern[str]
    qualifier_words: Mapping[str, str]
    inside_qualifier: regex.Pattern[str]
    qualifier_not_after: frozenset[str]
    range_connector: regex.Pattern[str]
    list_separators: frozenset[str]
    implied_noun: regex.Pattern[str]
    implied_units: Mapping[str, str]
    vocabulary: tuple[Rule, ...]
    joint: JointScan


def _words_rule(name: str, words: Iterable[str], reason: str) -> Rule:
    """A rule matching any of ``words``, as a trie (see :mod:`shanxi_poverty._wordlist`)."""
    words = [w for w in words if w]
    # A literal must not start inside a longer number (三十分 is not 十分), nor end on a
    # decimal point before its digits (一点二万 is no 一点).
    return Rule(
        name,
        rf"(?<![{DIGITS}{CN_NUMERALS}])(?:{trie_pattern(words)})(?!(?<=点)[{CN_DIGITS}])",
        reason,
        starts_with=re.escape("".join(sorted({w[0] for w in words}))) if words else None,
        engine="re",
    )


@functools.cache
def rules() -> Rules:
    """The scanner's compiled vocabulary (built on first use, then cached)."""
    data = tomllib.loads(read_text("quantity_words.toml"))
    units = data["units"]
    quals = data["qualifiers"]
    before: dict[str, str] = {}
    after: dict[str, str] = {}
    for kind, words in quals["before"].items():
        before.update(dict.fromkeys(words, kind))
    for kind, words in quals["after"].items():
        after.update(dict.fromkeys(words, kind))
    durations = data["durations"]
    excl = data["exclusions"]
    vocabulary = (
        *(
            Rule(f"plan_period_{i}", p, "plan_period")
            for i, p in enumerate(excl["plan_period_patterns"])
        ),
        _words_rule("name_or_slogan", excl["name_or_slogan"], "name_or_slogan"),
        *(
            Rule(f"name_pattern_{i}", p, "name_or_slogan")
            for i, p in enumerate(excl["name_or_slogan_patterns"])
        ),
        _words_rule("adverb", excl["adverb"], "adverb"),
        # The cue is matched and dropped from the span by \K rather than looked behind for:
        # a pattern opening on a lookbehind is tried at every position (4x slower).  Cue
        # words hold no numerals, so a cue never overlaps the previous match.
        Rule(
            "rank",
            rf"(?:{_alternation(excl['rank_cues'])})(?:全[省市县国])?\K[{DIGITS}{CN_NUMERALS}]++",
            "ordinal",
        ),
    )
    implied: dict[str, str] = dict(data["implied_units"])
    inside = {word: kind for kind, words in quals["inside"].items() for word in words}
    return Rules(
        unit=regex.compile(_alternation(units["words"])),
        unit_not_followed_by={k: tuple(v) for k, v in units["not_followed_by"].items()},
        arabic_only=frozenset(units["arabic_only"]),
        vague_before=regex.compile(rf"(?:{_alternation(data['vague']['before'])})$"),
        vague_not_after=frozenset(data["vague"]["not_after"]),
        at_least_before=regex.compile(rf"(?:{_alternation(data['vague']['at_least_before'])})$"),
        cue_required=frozenset(units["cue_required"]),
        cue_before=regex.compile(rf"(?:{_alternation(durations['cues_before'])})$"),
        cue_after=regex.compile(_alternation(durations["cues_after"])),
        qualifier_before=regex.compile(
            rf"(?P<word>{_alternation(before)})(?:{_alternation(quals['before_currency'])})?$"
        ),
        qualifier_after=regex.compile(_alternation(after)),
        qualifier_words={**before, **after, **inside},
        inside_qualifier=regex.compile(f"[{''.join(inside)}]"),
        qualifier_not_after=frozenset(quals["not_after"]),
        range_connector=regex.compile(_alternation(data["ranges"]["connectors"])),
        list_separators=frozenset(data["lists"]["separators"]),
        implied_noun=regex.compile(_alternation(implied)),
        implied_units=implied,
        vocabulary=vocabulary,
        joint=JointScan.of((*FIXED_RULES, *vocabulary)),
    )
