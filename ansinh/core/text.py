"""Vietnamese text helpers: accent folding for search, control characters refused at input and
removed at export, formula neutralisation for exports."""

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


# C0 controls but tab, line feed and carriage return; DEL and C1; lone surrogates; U+FFFE/U+FFFF.
# None of them can be typed on purpose, and XML (Word, Excel) cannot hold most of them.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_LINE_BREAKS = re.compile("[\t\n\r]")


def has_control_characters(text, multiline=True):
    """True when a typed text holds a control character; tab, line feed and carriage return
    count only in a single-line field (multiline=False)."""
    if not isinstance(text, str):
        return False
    return bool(_CONTROL.search(text) or (not multiline and _LINE_BREAKS.search(text)))


def control_characters_message(label):
    return f"Trường «{label}» chứa ký tự điều khiển không hợp lệ."


def printable(value):
    """A stored text made safe for a document: control characters are removed (data stored
    before they were refused at input must still export)."""
    return _CONTROL.sub("", value) if isinstance(value, str) else value


def printable_tree(value):
    """`printable` applied to every text of a document's context (dicts, lists, tuples)."""
    if isinstance(value, dict):
        return {key: printable_tree(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(printable_tree(item) for item in value)
    return printable(value)


FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value):
    """A cell's value made safe for a spreadsheet: control characters removed (`printable`) and
    a text that a spreadsheet would read as a formula prefixed with an apostrophe."""
    value = printable(value)
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value
