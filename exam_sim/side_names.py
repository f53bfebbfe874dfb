"""What a deck calls its two sides, and the questions asked by those names.

A CSV headed `Symbol,Element` or `Country,Capital` names what its terms and definitions
are; a vocabulary list headed `English,Spanish` names their languages. A question then
asks by them ("Which element matches this symbol?", "What is this in Spanish?") rather
than by "term" and "description". The names are the deck's (`Deck.sides`: read from a
header by `decks.column_names.side_names`, or written in a native deck); the wording is
here, once, and the generator puts it on the question (`Question.task`), so every front
end and the stored attempt show the same words.

Pure: no pydantic, no I/O.
"""

from __future__ import annotations

from exam_sim.enums import Direction
from exam_sim.text import fold

# Languages by their English names and their own: a column named by one holds words of
# that language. Each is folded (`text.fold`) before use; the value is the English name.
_LANGUAGE_NAMES = {
    # English, Spanish, French and German also by their names in the languages whose
    # speakers most often write a header in their own ("Français,Anglais").
    "English": ("English", "inglés", "anglais", "Englisch", "inglese", "inglês", "Engels",
                "angielski", "engelska", "İngilizce", "английский", "англійська",
                "Αγγλικά", "الإنجليزية", "अंग्रेज़ी", "英語", "英语", "영어"),
    "Spanish": ("Spanish", "español", "castellano", "espagnol", "Spanisch", "spagnolo",
                "espanhol", "Spaans", "испанский"),
    "French": ("French", "français", "francés", "Französisch", "francese", "francês",
               "Frans", "французский"),
    "German": ("German", "Deutsch", "alemán", "allemand", "tedesco", "alemão", "Duits",
               "немецкий"),
    "Italian": ("Italian", "italiano"),
    "Portuguese": ("Portuguese", "português"),
    "Dutch": ("Dutch", "Nederlands"),
    "Polish": ("Polish", "polski"),
    "Swedish": ("Swedish", "svenska"),
    "Norwegian": ("Norwegian", "norsk"),
    "Danish": ("Danish", "dansk"),
    "Finnish": ("Finnish", "suomi"),
    "Czech": ("Czech", "čeština"),
    "Hungarian": ("Hungarian", "magyar"),
    "Romanian": ("Romanian", "română"),
    "Turkish": ("Turkish", "Türkçe"),
    "Russian": ("Russian", "русский"),
    "Ukrainian": ("Ukrainian", "українська"),
    "Greek": ("Greek", "ελληνικά"),
    "Arabic": ("Arabic", "العربية"),
    "Hebrew": ("Hebrew", "עברית"),
    "Hindi": ("Hindi", "हिन्दी", "हिंदी"),
    "Japanese": ("Japanese", "日本語"),
    "Chinese": ("Chinese", "Mandarin", "中文", "汉语", "漢語"),
    "Korean": ("Korean", "한국어"),
    "Indonesian": ("Indonesian", "Bahasa Indonesia"),
    "Vietnamese": ("Vietnamese", "tiếng Việt"),
    "Thai": ("Thai", "ไทย"),
    "Irish": ("Irish", "Gaeilge"),
    "Welsh": ("Welsh", "Cymraeg"),
    "Swahili": ("Swahili", "Kiswahili"),
    "Latin": ("Latin", "lingua Latina"),
    "Esperanto": ("Esperanto",),
}  # fmt: skip


_LANGUAGES = {fold(name): english for english, names in _LANGUAGE_NAMES.items() for name in names}
# Their ISO 639-1 codes, as file names write them ("vi-vocabulary.csv": `language_coded`).
_CODES = {
    "en": "English", "es": "Spanish", "fr": "French", "de": "German", "it": "Italian",
    "pt": "Portuguese", "nl": "Dutch", "pl": "Polish", "sv": "Swedish", "no": "Norwegian",
    "nb": "Norwegian", "da": "Danish", "fi": "Finnish", "cs": "Czech", "hu": "Hungarian",
    "ro": "Romanian", "tr": "Turkish", "ru": "Russian", "uk": "Ukrainian", "el": "Greek",
    "ar": "Arabic", "he": "Hebrew", "hi": "Hindi", "ja": "Japanese", "zh": "Chinese",
    "ko": "Korean", "id": "Indonesian", "vi": "Vietnamese", "th": "Thai", "ga": "Irish",
    "cy": "Welsh", "sw": "Swahili", "la": "Latin", "eo": "Esperanto",
}  # fmt: skip


def language(name: str) -> str | None:
    """The language a column name names ("Español": "Spanish"), or None."""
    return _LANGUAGES.get(fold(name))


def language_coded(code: str, sides: tuple[str, str] | None) -> str | None:
    """The language (English name) an ISO 639-1 `code` names when one of the deck's
    `sides` names it too ("vi" beside "Vietnamese,English"), else None: a code alone may be
    a word ("it", "no", "id")."""
    named = _CODES.get(code.lower())
    if named is None or sides is None:
        return None
    return named if named in {language(side) for side in sides} else None


def _spoken(name: str) -> str:
    """A side's name inside a sentence: a common noun in lower case ("Element": "element"),
    a language by its English name (the questions are English: "Français" is "French"),
    an acronym or a name with capitals inside as written ("URL", "AWS service")."""
    name = " ".join(name.split())
    if (english := language(name)) is not None:
        return english
    if name[1:] == name[1:].lower():
        return name[:1].lower() + name[1:]
    return name


def side_task(direction: Direction, sides: tuple[str, str] | None) -> str:
    """What a question asks in this direction, by the deck's side names (term's,
    definition's); "" for the direction's own prompt (no names, or a direction that asks
    by none: questions, true/false)."""
    if sides is None or direction not in (
        Direction.TERM_TO_DEFINITION,
        Direction.DEFINITION_TO_TERM,
    ):
        return ""
    term, definition = sides
    stem, options = (
        (term, definition) if direction is Direction.TERM_TO_DEFINITION else (definition, term)
    )
    if language(options) is not None:
        return f"What is this in {_spoken(options)}?"
    if language(stem) is not None:
        return f"Which {_spoken(options)} means this?"
    return f"Which {_one(_spoken(options))} matches this {_one(_spoken(stem))}?"


def is_plural(name: str) -> bool:
    """Is a side's name a plain English plural ("semitones", "categories")?"""
    return _one(name) != name


def _one(name: str) -> str:
    """A side's name in the singular, where it is a plain English plural ("semitones":
    "semitone", "categories": "category"), and no count ("number of semitones"); else as
    it is."""
    *rest, last = name.split(" ")
    if rest[:2] == ["number", "of"]:
        return name
    if not (last.isascii() and last.isalpha() and last.islower() and len(last) > 3):
        return name
    if last.endswith("ies"):
        last = last[:-3] + "y"
    elif last.endswith(("sses", "xes", "ches", "shes", "zes")):
        last = last[:-2]
    elif last.endswith("s") and not last.endswith(("ss", "us", "is")):
        last = last[:-1]
    return " ".join([*rest, last])
