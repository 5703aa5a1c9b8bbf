"""Names across scripts and spellings: one key per word, and how alike two names are.

The same person is written "Айниязов", "Ayniyazov", "Ainiyazov" or, with a letter dropped,
"Aynizov"; "Калиев" is "Kaliev" or "Kaliyev". Each word of a name is turned into a key that
does not depend on the script or on the usual transliteration choices:

1. Cyrillic (Russian and Kazakh letters) and accented Latin (the Kazakh Latin alphabets'
   ä ğ ı ñ ö ş ū ü) become plain ASCII through ``anyascii``; the word is lower-cased.
2. The variants that transliterations and the people writing them choose between are folded
   to one form (see ``_FOLDS``): zh/dzh/dj/j → j, kh → h, q → k, gh → g, ng → n, x → ks,
   w → v, tz → ts, shch/sch → sh, y → i (й, ы and the y of я/ю/е), an initial ye → e,
   yo after a consonant → e (Пётр: Pyotr, Petr), the i of "ye" after a vowel is dropped
   (Tokayev/Tokaev), doubled letters are single (Assel/Asel, and so Kaliyev → kaliiev → kaliev).

Words then compare by Levenshtein similarity (``rapidfuzz``): 1 − edits / length of the longer
key, so one letter dropped from a seven-letter key or more still scores above the threshold
(Aynizov/Ayniyazov: 0.875) and one letter in six does not (Kalev/Kaliev: 0.83). Two keys that
differ in their first letter lose a tenth of their score; a key that is the other plus a final
"a" after a consonant (Kaliev/Kalieva, Ruslan/Ruslana) is another person of the other sex and
scores at most 0.8; a one-letter word is an initial and matches every word it begins ("Y." also
the words whose initial Ye became E).

Two names are *likely the same person* (``is_likely_same``) when every word of the shorter
name has a counterpart in the longer one scoring at least ``LIKELY_SAME`` (0.85): "Kaliev"
is likely the same as "Arman Kaliev", "Kuanysh Ayniyazov" as "Айниязов Куаныш", but
"Ayniyazov" is not "Nazarbayev" (0.2) and "Otepbaev" is not "Ospanov" (0.375). A name of
initials alone ("K. A.") is likely the same as nothing but the same initials.

Pure Python: no Flask, no database.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from anyascii import anyascii
from rapidfuzz.distance import Levenshtein

LIKELY_SAME = 0.85
"""The least word similarity at which two names are likely the same person."""

OTHER_SEX_CAP = 0.8
"""The most a masculine key and its feminine form (the same plus "a") score: below LIKELY_SAME."""

FIRST_LETTER_FACTOR = 0.9
"""Keys that differ in their first letter: a dropped letter is rare there, another name is not."""

# Letters of the Kazakh Latin alphabets that anyascii would flatten too far (ş → s).
_BEFORE_ASCII = str.maketrans({"ş": "sh", "ç": "ch"})

# Applied in order to the lower-case ASCII word.
_FOLDS: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p), r) for p, r in (
    (r"[^a-z0-9]+", ""),             # apostrophes of ь and ъ, hyphens, dots
    (r"shch|sch", "sh"),             # щ: Shcherbakov, Scherbakov
    (r"dzh|dj|zh", "j"),             # ж, дж: Zhumabaev, Jumabaev, Dzhaksybekov, Jaksybekov
    (r"kh", "h"),                    # х: Akhmetov, Ahmetov
    (r"gh", "g"),                    # ғ: anyascii's gh, Latin g
    (r"q", "k"),                     # қ: Quanysh, Kuanysh
    (r"ng", "n"),                    # ң: anyascii's ng, Latin n
    (r"x", "ks"),                    # Maxim, Maksim
    (r"w", "v"),
    (r"tz", "ts"),                   # ц: Kazantsev, Kazantzev
    (r"y", "i"),                     # й, ы, and the y of я, ю, е, ё: Sadykov, Sadikov
    (r"(.)\1+", r"\1"),              # doubled letters: Assel, Asel; Kaliiev → Kaliev
    (r"^ie", "e"),                   # initial е: Yesenov, Esenov
    (r"(?<=[^aeiou])io", "e"),       # ё after a consonant: Pyotr, Petr; Fyodorov, Fedorov
    (r"(?<=[aeou])i(?=e)", ""),      # the y of е after a vowel: Tokayev, Tokaev; Sergeyev, Sergeev
    (r"(.)\1+", r"\1"),              # doubled again by the drops above
))


_WORD_BREAK = re.compile(r"[^a-z0-9'\"`]+")  # apostrophes (ь, ъ) stay inside the word until folded


def _fold(word: str) -> str:
    for pattern, replacement in _FOLDS:
        word = pattern.sub(replacement, word)
    return word


def name_keys(text: str | None) -> list[str]:
    """One script-independent key per word of the text, in order, without repeats."""
    if not text:
        return []
    ascii_text = anyascii(text.lower().translate(_BEFORE_ASCII)).lower()
    keys = (_fold(word) for word in _WORD_BREAK.split(ascii_text))
    return list(dict.fromkeys(k for k in keys if k))


def stored_keys(spellings: Iterable[str | None], description: str | None = None) -> str:
    """The keys of a person's spellings (name, aliases) and description as stored for search.

    " ainiazov kuanish | ainizov k # brat ": each key between spaces, so that ``LIKE '% key%'``
    finds the words that begin with it; "|" between spellings, "#" before the description's
    words, so that a spelling's words stay together (``spelling_keys``).
    """
    groups: dict[frozenset[str], list[str]] = {}
    for keys in map(name_keys, spellings):
        if keys:
            groups.setdefault(frozenset(keys), keys)
    text = " | ".join(" ".join(keys) for keys in groups.values())
    if described := name_keys(description):
        text = f"{text} # {' '.join(described)}".lstrip()
    return f" {text} " if text else ""


def spelling_keys(stored: str) -> list[list[str]]:
    """The keys of each spelling (name, aliases) in a text of ``stored_keys``: not the description."""
    return [group.split() for group in stored.split("#", 1)[0].split("|") if group.strip()]


def search_keys(stored: str) -> list[str]:
    """Every key in a text of ``stored_keys``: of the spellings and of the description."""
    return [key for key in stored.split() if key not in ("|", "#")]


def _other_sex(a: str, b: str) -> bool:
    """Kaliev/Kalieva, Ruslan/Ruslana, Kovalevski/Kovalevska: the same name of a man and of a woman."""
    short, long = sorted((a, b), key=len)
    if long == short + "a" and short[-1] not in "aeiou":
        return True
    return short.endswith("ski") and long == short[:-1] + "a"


def key_similarity(a: str, b: str) -> float:
    """How alike two keys (of ``name_keys``) are, from 0 to 1; symmetric."""
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    if len(a) == 1 or len(b) == 1:  # an initial; "Y." (Ye) is the initial of Yerlan, key "erlan"
        initial, word = sorted((a, b), key=len)
        if len(word) == 1:
            return 0.0  # two initials, not equal
        return 1.0 if word[0] == initial or (initial == "i" and word[0] == "e") else 0.0
    score = Levenshtein.normalized_similarity(a, b)
    if a[0] != b[0]:
        score *= FIRST_LETTER_FACTOR
    if _other_sex(a, b):
        score = min(score, OTHER_SEX_CAP)
    return score


INITIALS_ONLY_CAP = 0.5
"""The most a name of initials alone scores against a name that is not the same initials."""


def keys_similarity(a: list[str], b: list[str]) -> float:
    """``similarity`` of two names already turned into keys.

    Each word of the name with fewer words (of both, when they have as many) is matched to the
    most alike word of the other; the score is that of the worst-matched word.
    """
    if not a or not b:
        return 0.0
    matrix = [[key_similarity(x, y) for y in b] for x in a]
    a_in_b = min(max(row) for row in matrix)
    b_in_a = min(max(column) for column in zip(*matrix, strict=True))
    if len(a) == len(b):
        score, initials_only = min(a_in_b, b_in_a), _initials(a) or _initials(b)
    elif len(a) < len(b):
        score, initials_only = a_in_b, _initials(a)
    else:
        score, initials_only = b_in_a, _initials(b)
    if initials_only and a != b:
        score = min(score, INITIALS_ONLY_CAP)
    return score


def _initials(keys: list[str]) -> bool:
    return all(len(k) == 1 for k in keys)


def similarity(a: str, b: str) -> float:
    """How alike two names are, from 0 to 1, in any script and word order; symmetric.

    Each word of the name with fewer words is matched to the most alike word of the other;
    the score is that of the worst-matched word, so one wrong word makes two names differ.
    """
    return keys_similarity(name_keys(a), name_keys(b))


def is_likely_same(a: str, b: str) -> bool:
    """Whether two names likely belong to the same person (``similarity`` ≥ ``LIKELY_SAME``)."""
    return similarity(a, b) >= LIKELY_SAME


PREFIX_SCORE = 0.9
"""What a query word scores against a key it begins (a partly typed word), at least."""


def search_scores(query: list[str], keys: list[str]) -> list[float]:
    """How well a record whose words have these keys answers each word of a query (its keys).

    A query word scores its best match among the record's keys: 1 when equal, at least
    ``PREFIX_SCORE`` when it begins one of them, else ``key_similarity``. A record answers the
    query when every word scores ``LIKELY_SAME`` or more; records rank by the mean score.
    """
    if not keys:
        return [0.0 for _ in query]
    return [max(max(key_similarity(q, k), PREFIX_SCORE if k.startswith(q) else 0.0) for k in keys)
            for q in query]
