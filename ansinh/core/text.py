"""Vietnamese text helpers: accent folding for search, formula neutralisation for exports."""
import re
import unicodedata

_SPACES = re.compile(r"\s+")
_NOT_WORD = re.compile(r"[^a-z0-9 ]")


def fold(text):
    """Lower-case ASCII form of a Vietnamese text: "Nguyễn Văn Ánh" -> "nguyen van anh"."""
    text = (text or "").replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    ascii_only = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    cleaned = _NOT_WORD.sub(" ", ascii_only.lower())
    return _SPACES.sub(" ", cleaned).strip()


def name_keys(full_name):
    """Search keys of a name: the folded name and each tail starting at a later word.

    "Nguyễn Văn An" -> ["nguyen van an", "van an", "an"], so a prefix search on the keys
    finds the person by full name, by middle and given name, or by given name alone.
    """
    words = fold(full_name).split(" ")
    return [" ".join(words[i:]) for i in range(len(words)) if words[i]]


def sort_key(full_name):
    """Key that orders names the Vietnamese way: by given name, then family and middle names."""
    words = fold(full_name).split(" ")
    return " ".join([words[-1]] + words[:-1]) if words != [""] else ""


def clean_name(full_name):
    """Normalise spacing and Unicode form (NFC) of a typed name, keeping its diacritics."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", full_name or "")).strip()


FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value):
    """Prefix a cell that a spreadsheet would read as a formula with an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value
