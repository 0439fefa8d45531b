"""Vietnamese ordering of people's names, as official lists use it (DOMAIN.md §2).

A name sorts by its given name (the last word), letters first in the Vietnamese alphabet with tone marks
ignored, then by tone marks (none, huyền, hỏi, ngã, sắc, nặng), then by the family and middle names in the
same way. ``name_sort_key`` turns that rule into a string of digits, stored on the record: a string of
digits compares the same under every database collation, so SQLite and PostgreSQL order lists alike.
"""

import unicodedata

# The Vietnamese alphabet, with the letters it lacks (f j w z) placed where Latin puts them.
ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
# Marks that make a letter of the alphabet out of a base letter (ă â ê ô ơ ư), after NFD decomposition.
LETTER_MARKS = {"\u0306": "breve", "\u0302": "circumflex", "\u031b": "horn"}
# Tone marks, in the order official lists use: none, huyền, hỏi, ngã, sắc, nặng.
TONE_MARKS = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}

_LETTER_WITH_MARK = {
    ("a", "breve"): "ă",
    ("a", "circumflex"): "â",
    ("e", "circumflex"): "ê",
    ("o", "circumflex"): "ô",
    ("o", "horn"): "ơ",
    ("u", "horn"): "ư",
}
# Two digits a character: 00 ends a part, 01 separates words, 02–11 are digits, 12 on are letters.
_END, _SPACE = "00", "01"
_CODES = {str(d): f"{d + 2:02d}" for d in range(10)} | {ch: f"{i + 12:02d}" for i, ch in enumerate(ALPHABET)}


def _syllable(word: str) -> tuple[str, int]:
    """Return the word's letters (tone marks removed, letter marks kept) and its tone (0–5)."""
    letters: list[str] = []
    tone = 0
    for char in unicodedata.normalize("NFD", word.lower()):
        if char in TONE_MARKS:
            tone = TONE_MARKS[char]
        elif char in LETTER_MARKS:
            if letters:
                letters[-1] = _LETTER_WITH_MARK.get((letters[-1], LETTER_MARKS[char]), letters[-1])
        elif char in _CODES:
            letters.append(char)
        # Anything else (hyphens, apostrophes, other marks) does not take part in the order.
    return "".join(letters), tone


def _part_key(words: list[str]) -> str:
    syllables = [_syllable(word) for word in words]
    letters = _SPACE.join("".join(_CODES[ch] for ch in letters) for letters, _ in syllables)
    tones = "".join(str(tone) for _, tone in syllables)
    return letters + _END + tones


def name_sort_key(full_name: str) -> str:
    """The digit string that orders ``full_name`` as a Vietnamese official list does."""
    words = full_name.split()
    if not words:
        return _END
    return _part_key(words[-1:]) + _part_key(words[:-1])


def given_name(full_name: str) -> str:
    words = full_name.split()
    return words[-1] if words else ""


def search_key(text: str) -> str:
    """``text`` in lower case without tone or letter marks (đ as d), for searching."""
    text = text.replace("đ", "d").replace("Đ", "D")
    stripped = "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))
    return " ".join(stripped.lower().split())
