"""Column names as people write them, and the role each column plays in a deck: shared
by the CSV/TSV reader (`delimited.py`) and Anki note fields (`anki.py`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from exam_sim.side_names import is_plural
from exam_sim.text import fold
from exam_sim.usage_examples import CLOSING_QUOTES

# Column names, written as people write them: each is folded (`text.fold`) before use, so
# case, accents and punctuation do not matter. English and the languages decks come in
# most; a header in another language reads as a card, and the reader says so
# (`_header_like`), pointing to `--header`.
HEADER_NAMES: dict[str, set[str]] = {
    "term": {
        "term", "terms", "front", "question", "word", "concept", "prompt", "card", "name",
        "expression", "kanji", "hanzi",
        "front side", "side 1", "statement", "claim", "abbreviation", "abbr", "acronym",
        "término", "pregunta", "concepto", "palabra", "frente",  # es
        "Begriff", "Frage", "Vorderseite", "Wort",  # de
        "terme", "mot", "recto",  # fr
        "termine", "domanda", "parola",  # it
        "termo", "pergunta",  # pt
        "begrip", "vraag", "woord",  # nl
        "pojęcie", "pytanie", "słowo", "termin",  # pl
        "begrepp", "fråga", "ord",  # sv
        "terim", "soru", "kelime", "kavram",  # tr
        "термин", "слово", "вопрос", "понятие",  # ru
        "термін", "питання", "поняття",  # uk
        "όρος", "ερώτηση", "λέξη",  # el
        "المصطلح", "مصطلح", "السؤال", "الكلمة",  # ar
        "शब्द", "प्रश्न",  # hi
        "用語", "単語", "質問", "問題", "表面", "漢字",  # ja
        "术语", "術語", "词语", "单词", "问题", "正面", "汉字", "生词",  # zh
        "용어", "단어", "질문", "앞면",  # ko
        "istilah", "pertanyaan", "kata",  # id
        "thuật ngữ", "câu hỏi", "từ",  # vi
        "คำศัพท์", "ศัพท์", "คำถาม",  # th
    },
    "definition": {
        "definition", "definitions", "back", "answer", "response", "meaning", "explanation",
        "description",
        "back side", "side 2", "translation", "true/false", "true or false", "t/f",
        "stands for", "expansion", "full form", "spelled out", "spelt out",  # acronym lists
        "definición", "respuesta", "significado", "reverso", "traducción",  # es
        "definition fr", "Antwort", "Rückseite", "Bedeutung", "Übersetzung",  # de
        "réponse", "verso", "traduction",  # fr
        "definizione", "risposta", "traduzione",  # it
        "definição", "resposta", "tradução",  # pt
        "definitie", "antwoord", "betekenis", "vertaling",  # nl
        "definicja", "odpowiedź", "znaczenie", "tłumaczenie",  # pl
        "svar", "betydelse", "översättning",  # sv
        "tanım", "cevap", "yanıt", "anlam", "açıklama",  # tr
        "определение", "значение", "ответ", "перевод", "описание",  # ru
        "визначення", "відповідь", "переклад", "опис",  # uk
        "ορισμός", "απάντηση", "σημασία",  # el
        "التعريف", "تعريف", "المعنى", "الجواب", "الإجابة", "الشرح",  # ar
        "परिभाषा", "अर्थ", "उत्तर",  # hi
        "定義", "意味", "答え", "解答", "説明", "裏面",  # ja
        "定义", "含义", "意思", "答案", "解释", "背面",  # zh
        "정의", "뜻", "의미", "정답", "답", "설명", "뒷면",  # ko
        "definisi", "jawaban", "arti", "penjelasan",  # id
        "định nghĩa", "câu trả lời", "nghĩa",  # vi
        "ความหมาย", "คำนิยาม", "นิยาม", "คำตอบ", "คำอธิบาย",  # th
    },
    "topic": {
        "topic", "topics", "domain", "category", "section", "chapter", "deck", "subject",
        "group", "unit", "lesson", "module", "theme", "region", "area", "field", "system",
        "part", "set", "week", "type", "kind", "class", "language", "level", "continent",
        "tema", "categoría", "dominio", "sección", "grupo", "unidad", "lección", "región",
        "área", "parte",  # es
        "Thema", "Kategorie", "Gruppe", "Lektion", "Bereich", "Gebiet", "Teil",  # de
        "sujet", "catégorie", "domaine", "groupe", "leçon", "région", "partie",  # fr
        "argomento",  # it
        "onderwerp", "categorie", "hoofdstuk",  # nl
        "temat", "kategoria", "dział",  # pl
        "ämne",  # sv
        "konu", "kategori", "bölüm",  # tr
        "тема", "категория", "раздел",  # ru
        "категорія", "розділ",  # uk
        "الموضوع", "الفئة",  # ar
        "分野", "カテゴリ", "章",  # ja
        "主题", "类别", "分类", "章节",  # zh
        "주제", "분류",  # ko
        "topik",  # id
        "chủ đề",  # vi
        "หัวข้อ", "หมวดหมู่",  # th
    },
    "tags": {
        "tags", "tag", "labels", "label", "keywords",
        "etiquetas", "etiqueta", "Schlagwörter", "étiquettes", "etichette",
        "tagi", "taggar", "etiketler", "теги", "метки", "мітки", "الوسوم",
        "タグ", "标签", "태그", "แท็ก",
    },
    "id": {"id", "card id", "key"},
    # A word's part of speech, opening the definition as its label ("(adj.) …": `with_kind`).
    "kind": {
        "part of speech", "pos", "word class", "word type", "Wortart", "categoría gramatical",
        "classe grammaticale", "classe de mot", "часть речи", "品詞", "词性", "품사",
    },
    # A usage example, joined to the definition after "e.g." (`with_example`). Not
    # "sentence" nor "phrase": a sentence deck asks them ("Sentence,Translation").
    "example": {
        "example", "examples", "example sentence", "example sentences", "usage example",
        "ejemplo", "frase de ejemplo", "Beispiel", "Beispielsatz", "exemple", "esempio",
        "exemplo", "voorbeeld", "przykład", "пример", "例文", "例句", "예문",
    },
    # How a term is read, joined to it as a parenthesis ("会う (あう)"): `card_names.readings`.
    "reading": {
        "reading", "readings", "pronunciation", "romaji", "rōmaji", "pinyin", "furigana",
        "kana", "transliteration", "romanization", "romanisation", "読み", "よみ", "读音",
        "拼音", "발음", "произношение",
    },
}  # fmt: skip
_ROLE_OF = {fold(name): role for role, names in HEADER_NAMES.items() for name in names}


class NoteFields(NamedTuple):
    """Where a note type (or a file's columns) keeps what joins its term and definition
    (`joined`): how the term is read ("Reading", "Pinyin"), the word's part of speech, a
    usage example. One rule for every reader: the CSV reader joins a column at a time
    (`joined_columns`), the Anki, JSON and Markdown readers a note at a time."""

    reading: int | None = None
    kind: int | None = None
    example: int | None = None

    @classmethod
    def of(cls, names: list[str]) -> NoteFields:
        return cls.of_roles([column_role(name) for name in names])

    @classmethod
    def of_roles(cls, roles: list[str | None]) -> NoteFields:
        return cls(*(roles.index(role) if role in roles else None for role in cls._fields))

    def joined_columns(
        self, terms: list[str], definitions: list[str], column: Callable[[int], list[str]]
    ) -> tuple[list[str], list[str]]:
        """The terms with their readings ("会う (あう)"), the definitions with their kinds
        and examples ("(adj.) present everywhere; e.g. "…""); `column(at)`: the cells of
        the field at `at`, cleaned, one per term."""
        if self.reading is not None:
            terms = list(map(with_reading, terms, column(self.reading)))
        if self.kind is not None:
            definitions = list(map(with_kind, definitions, column(self.kind)))
        if self.example is not None:
            definitions = list(map(with_example, definitions, column(self.example)))
        return terms, definitions

    def joined(
        self, term: str, definition: str, fields: list[str], clean: Callable[[str], str]
    ) -> tuple[str, str]:
        """`joined_columns` of one note: its term and definition, its `fields` cleaned
        by `clean` (a field it lacks is empty)."""

        def column(at: int) -> list[str]:
            return [clean(fields[at]) if at < len(fields) else ""]

        (term,), (definition,) = self.joined_columns([term], [definition], column)
        return term, definition


def with_reading(term: str, reading: str) -> str:
    """The term with how it is read in a parenthesis ("会う (あう)", read as a reading by
    `card_names.readings`), unless that says nothing more (none, or the term itself: a
    kana word's reading is the word)."""
    reading = reading.strip()
    return term if not reading or fold(reading) == fold(term) else f"{term} ({reading})"


_QUOTE_PAIRS = (('"', '"'), ("“", "”"), ("«", "»"))


def with_kind(definition: str, kind: str) -> str:
    """The definition opened by the word's part of speech as a label ("(adj.) present
    everywhere"), as vocabulary lists write it: the generator keeps a question's options
    to one kind where the deck labels them (`term_labels.Kinds`). As it was when there is
    none, or the definition opens with a label already."""
    kind = " ".join(kind.split())
    if kind[:1] + kind[-1:] in ("()", "[]"):  # written in its brackets already
        kind = kind[1:-1].strip()
    if not kind or not definition.strip() or definition.lstrip().startswith("("):
        return definition
    return f"({kind}) {definition.lstrip()}"


def with_example(definition: str, example: str) -> str:
    """The definition with its usage example after it, quoted ("present everywhere; e.g.
    "Smartphones have become ubiquitous.""), read as an example by `usage_examples`:
    blanked where it names the term, left out of the card's option. As it was when there
    is none, or it says the example already."""
    example = " ".join(example.split())
    if not example or not definition.strip() or example in definition:
        return definition
    close = CLOSING_QUOTES.get(example[0])
    if close is None or example.find(close, 1) != len(example) - 1:
        # quotes it does not hold, so the example runs to its closing one (`usage_examples`)
        opening, closing = next(
            (pair for pair in _QUOTE_PAIRS if pair[1] not in example), _QUOTE_PAIRS[-1]
        )
        example = f"{opening}{example}{closing}"
    return f"{definition.rstrip()}; e.g. {example}"


def column_role(name: str) -> str | None:
    """The role a column (or an Anki note field) of this name plays: "term", "definition",
    "topic", "tags", "id", "kind", "example", "reading", or None."""
    # A column name is a few words: a long cell is data, and folding it would cost
    # seconds for a 10 MB field.
    return _ROLE_OF.get(fold(name)) if len(name) <= 100 else None


# Names of the term's column that say which side a card shows first, not that it is the
# term: such a file may give a description there, and its name ("DynamoDB") after it
# (`decks.turned`).
_SIDE_ONLY = {
    fold(name)
    for name in (
        "front", "front side", "side 1", "question", "prompt", "card", "frente", "pregunta",
        "Vorderseite", "Frage", "recto", "domanda", "pergunta", "vraag", "pytanie", "fråga",
        "soru", "вопрос", "питання", "ερώτηση", "السؤال", "प्रश्न", "表面", "質問", "問題",
        "正面", "问题", "앞면", "질문", "pertanyaan", "câu hỏi", "คำถาม",
    )
}  # fmt: skip


def says_the_term(name: str) -> bool:
    """Does a column (or an Anki field) of this name say that it holds the terms
    ("Term", "Word", "Begriff"), not only the side shown first ("Front", "Question")?"""
    return column_role(name) == "term" and fold(name) not in _SIDE_ONLY


# Names of a side that say no more than the prompt's own "term" and "description" do (in
# any language: an English sentence asks by English names), beside those that do
# ("Which meaning matches this word?").
_SAID_BY_THE_PROMPT = {
    fold(name)
    for role in ("term", "definition")
    for name in HEADER_NAMES[role]
    if fold(name) not in {
        "word", "meaning", "translation", "concept", "abbreviation", "acronym", "expansion",
        "full form", "name", "description", "explanation", "kanji", "hanzi",
    }
}  # fmt: skip
# Opening words of a name that is a phrase, no noun to ask by ("What it does").
_PHRASE_OPENINGS = {"what", "which", "who", "whom", "whose", "how", "why", "when", "where"}
_DEFAULT_SIDES = ("term", "description")
SIDE_NAME_WORDS = 3  # a side's name is a noun of a few words ("Chemical element")


def side_names(term: str, definition: str, *, numbers: bool = False) -> tuple[str, str] | None:
    """What a header calls the terms and the definitions, when a question can ask by those
    names ("Symbol", "Element": "Which element matches this symbol?"; a language, "What is
    this in Spanish?"): each a few words of letters. A name that says no more than "term"
    or "description" ("Front", "Begriff"), or that is no noun to ask by (a phrase, "What
    it does"; digits or signs, "H2O") stands as that word: "Command,What it does" asks
    "Which description matches this command?". None when neither says more, or both say
    one thing. With `numbers` (the definitions are numbers), a plural name of the
    definitions counts them: "Semitones" is "number of semitones" ("Which number of
    semitones matches this interval?", not "Which semitone…")."""
    if numbers and is_plural(" ".join(definition.split()).lower()):
        definition = f"number of {' '.join(definition.split()).lower()}"
    names = []
    for name, default in zip((term, definition), _DEFAULT_SIDES, strict=True):
        name = " ".join(name.split())
        folded = fold(name)
        if not folded or folded in _SAID_BY_THE_PROMPT:
            names.append(default)
            continue
        said = folded.split()
        if (
            len(said) > SIDE_NAME_WORDS
            or len(name) > 30
            or said[0] in _PHRASE_OPENINGS
            or not all(c.isalpha() or c in " -'" for c in name)
        ):
            names.append(default)  # no noun to ask by: "What it does" is a description
            continue
        names.append(name)
    if tuple(names) == _DEFAULT_SIDES or fold(names[0]) == fold(names[1]):
        return None
    return names[0], names[1]
