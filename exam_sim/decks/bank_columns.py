"""A question bank kept in a spreadsheet, as exam-prep sites and teachers export it: a
question, its options in columns, the answer, and maybe an explanation and a topic.

    Question,A,B,C,D,Answer,Explanation,Topic
    Which service stores objects?,Amazon S3,Amazon EC2,Amazon RDS,AWS Lambda,A,…,Storage

The options are lettered or numbered columns ("A", "Option B", "Choice 3", "(d)"), and
the answer names one or more of them by letter or number ("B", "A, C", "2") or by its
text; or the right answer is written out in one column and the wrong ones in others
("Correct answer", "Distractor 1", "Wrong answer 2"). An explanation, a rationale for each
option ("Why A", "Explanation B"), a reference (links), tags and a topic may follow. Each
row is an authored item, asked as written (`banks.items_deck`): before, the question was
read as a term and the answer letter as its definition. A row whose answer names no
option is refused naming its line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from exam_sim.decks.banks import RawItem, items_deck, without_letters
from exam_sim.decks.column_names import column_role
from exam_sim.decks.common import clean_fields, split_tags
from exam_sim.models import Deck, DeckError
from exam_sim.text import fold

__all__ = [
    "ANSWER_NAMES", "EXPLANATION_NAMES", "HEADERLESS_NOTE", "QUESTION_NAMES", "REFERENCE_NAMES",
    "BankColumns", "answered", "bank_columns", "headerless_bank",
]  # fmt: skip

# Column names, folded (`text.fold`): English and the languages decks come in most; the
# JSON reader's keys too (`json_deck`).
QUESTION_NAMES = {
    "question", "questions", "question text", "stem", "prompt", "item", "pregunta", "frage",
    "vraag", "domanda", "pergunta", "pytanie", "fraga", "soru", "вопрос",
    "питання", "問題", "问题", "質問", "질문", "cau hoi", "คำถาม",
}  # fmt: skip
ANSWER_NAMES = {
    "answer", "answers", "correct", "correct answer", "correct answers", "correct option",
    "correct options", "correct choice", "key", "answer key", "solution", "right answer",
    "respuesta", "respuesta correcta", "reponse", "bonne reponse", "antwort",
    "richtige antwort", "losung", "risposta", "risposta corretta", "resposta",
    "resposta correta", "antwoord", "juist antwoord", "odpowiedz", "ответ",
    "правильный ответ", "відповідь", "答え", "正解", "答案", "正确答案", "정답",
}  # fmt: skip
EXPLANATION_NAMES = {
    "explanation", "answer explanation", "rationale", "why", "feedback", "reason",
    "explicacion", "erklarung",
    "explication", "spiegazione", "explicacao", "uitleg", "объяснение", "解説", "解释", "해설",
}  # fmt: skip
REFERENCE_NAMES = {
    "reference", "references", "link", "links", "source", "sources", "url", "urls",
    "documentation", "docs", "see also", "referencia", "referencias", "quelle", "fuente",
}  # fmt: skip
_LINKS = re.compile(r"(?:https?://\S+\s*)+")  # links one after another: each a reference
# An option's rationale: "Explanation A", "Why B", "Rationale (c)", "Feedback 4".
_RATIONALE = re.compile(r"(?:explanation|rationale|why|feedback|reason)\s*\(?([a-f]|[1-6])\)?")
# An option column: a letter or a number, alone or after a word saying "option".
_OPTION = re.compile(
    r"(?:(?:option|choice|answer|alternative|opt|q|opcion|opcao|reponse|antwort|risposta|"
    r"вариант)\s*)?\(?([a-f]|[1-6])\)?\.?",
)
# A wrong answer written out: "Distractor 1", "Wrong answer 2", "Incorrect 3".
_WRONG = re.compile(r"(?:distractor|wrong|incorrect)(?: answer| option)?\s*\d?")
# An answer cell naming options: one letter or number ("B", "2"), several joined by
# commas, "and" or spaces ("A, C", "A and C"), or run together in capitals ("ACD"); after
# a word saying so ("Option B", "Answer: B"), and before the option's text ("B) …").
_SAID_OPTION = re.compile(
    r"^(?:option|choice|answer|antwort|respuesta|reponse|réponse)\s*:?\s*", re.I
)
_LETTERED_TEXT = re.compile(r"\(?([A-Fa-f1-6])[).:]\s+\S")
_ONE = re.compile(r"\(?[A-Fa-f1-6][).]?")
_LISTED = re.compile(
    r"[A-Fa-f1-6](?:(?:\s*[,;/&+]\s*|\s+(?:and|y|et|und)\s+|\s+)[A-Fa-f1-6])+", re.I
)
_SAID_CHARS = 40  # an answer naming options by letter is short; a longer one is text
_RUN = re.compile(r"[A-F]{2,6}")
_NAME = re.compile(r"(?<![^\W\d_])[A-Fa-f1-6](?![^\W\d_])")  # a letter standing alone
_OTHER_NAME = {
    **dict(zip("abcdef", "123456", strict=True)),
    **dict(zip("123456", "abcdef", strict=True)),
}


@dataclass(frozen=True)
class BankColumns:
    """Where a bank's header puts each part of a question (column positions)."""

    question: int
    answer: int
    options: tuple[tuple[str, int], ...]  # (letter or number, column), in order
    wrong: tuple[int, ...] = ()  # columns of wrong answers written out
    explanation: int | None = None
    topic: int | None = None
    rationales: tuple[tuple[str, int], ...] = ()  # (letter or number, column): "Why B"
    references: int | None = None
    tags: int | None = None

    def items(
        self, rows: Iterable[tuple[int, list[str]]], *, file: str, html: bool | None,
        title: str | None, deck_id: str | None, reader_notes: tuple[str, ...] = (),
    ) -> Deck:  # fmt: skip
        """The deck of the rows' items (each row one question; blank rows skipped)."""
        raws = [raw for line, row in rows if (raw := self.item(line, row, file, html=html))]
        return items_deck(raws, file=file, title=title, deck_id=deck_id, reader_notes=reader_notes)

    def item(self, line: int, row: list[str], file: str, *, html: bool | None) -> RawItem | None:
        """The item of one row (None for a blank one)."""

        def cell(at: int | None) -> str:
            return row[at] if at is not None and at < len(row) else ""

        if not any(cell.strip() for cell in row):
            return None
        stem, answer, why, topic, see = clean_fields(
            [cell(at) for at in (self.question, self.answer, self.explanation, self.topic,
                                 self.references)],
            html,
        )  # fmt: skip
        rationales = dict(
            zip((name for name, _ in self.rationales),
                clean_fields([cell(at) for _, at in self.rationales], html), strict=True)
        )  # fmt: skip
        if not stem:
            raise DeckError("the question is empty", file=file, line=line)
        if not answer:
            raise DeckError("the answer is empty", file=file, line=line)
        if self.wrong:
            wrong = [text for text in clean_fields([cell(at) for at in self.wrong], html) if text]
            options = [(answer, True, ""), *((text, False, "") for text in wrong)]
        else:
            texts = without_letters(clean_fields([cell(at) for _, at in self.options], html))
            lettered = [(name, text) for (name, _), text in zip(self.options, texts, strict=True)]
            right = answered(answer, lettered, file, line)
            options = [
                (text, name in right, rationales.get(name, rationales.get(_OTHER_NAME[name], "")))
                for name, text in lettered
                if text
            ]
        if len(options) < 2:
            raise DeckError(f"the question has {len(options)} option(s); it needs two or more",
                            file=file, line=line)  # fmt: skip
        return RawItem(
            line=line, stem=stem, topic=topic, options=options, explanation=why,
            references=tuple(see.split()) if _LINKS.fullmatch(see) else (see,) if see else (),
            tags=tuple(split_tags(cell(self.tags))) if self.tags is not None else (),
        )  # fmt: skip


def answered(answer: str, lettered: list[tuple[str, str]], file: str, line: int) -> set[str]:
    """The names of the options an answer cell gives: by letter or number ("B", "b)",
    "Option B", "A, C", "A and C", "ACD", "2"; "B) Amazon EC2" by its letter), by the
    option's text, or by a flag an option ("0 1 0 0"). Several letters run together only
    in capitals: "bad" is no answer B, A, D."""
    given = [name for name, text in lettered if text]
    written = {fold(text): name for name, text in lettered if text}
    if fold(answer) in written:
        return {written[fold(answer)]}
    flags = answer.replace(",", " ").split()
    if set(flags) <= {"0", "1"} and "1" in flags and len(flags) > 2:
        # one flag an option, as Anki's multiple-choice notes write them ("0 1 0 0"): for
        # every option column, or for the options given
        for named in ([name for name, _ in lettered], given):
            if len(flags) == len(named):
                return {name for name, flag in zip(named, flags, strict=True) if flag == "1"}
    said = _SAID_OPTION.sub("", answer.strip())
    if m := _LETTERED_TEXT.match(said):  # "B) Amazon EC2"
        said = m[1]
    found: set[str] = set()
    if len(said) > _SAID_CHARS:  # no letters of options: a text, read no further
        pass
    elif _RUN.fullmatch(said):
        found = set(said.lower())
    elif _ONE.fullmatch(said) or _LISTED.fullmatch(said):
        found = {name.lower() for name in _NAME.findall(said)}
    if found and not found <= set(given):  # "2" for B where the columns are lettered, or back
        found = {_OTHER_NAME.get(name, name) for name in found}
    if found and found <= set(given):
        return found
    listed = ", ".join(name.upper() for name in given)
    raise DeckError(
        f"the answer {_shown(answer)} names no option (options {listed}; give a letter, a number "
        "or an option's text)",
        file=file,
        line=line,
    )


def _shown(answer: str) -> str:
    """An answer as an error quotes it: a long one cut short."""
    return repr(answer if len(answer) <= _SAID_CHARS else answer[:_SAID_CHARS] + "…")


def bank_columns(header: list[str]) -> BankColumns | None:
    """Where a header row puts a question bank's parts, or None when it names no bank: a
    question column, an answer column, and two option columns or more (or one wrong
    answer written out or more); maybe an explanation, a topic, tags, a reference and a
    rationale for each option ("Why B")."""
    names = [_column_name(cell) for cell in header]
    question = next((k for k, name in enumerate(names) if name in QUESTION_NAMES), None)
    answer = next((k for k, name in enumerate(names) if name in ANSWER_NAMES), None)
    if question is None or answer is None:
        return None
    options = tuple(
        (m[1], k)
        for k, name in enumerate(names)
        if k not in (question, answer) and (m := _OPTION.fullmatch(name))
    )
    wrong = tuple(k for k, name in enumerate(names) if _WRONG.fullmatch(name))
    if len(options) < 2 and not wrong:
        return None
    if len({name for name, _ in options}) != len(options):
        return None  # "A" twice: no lettered options
    return BankColumns(
        question=question,
        answer=answer,
        options=() if wrong else options,
        wrong=wrong,
        explanation=next((k for k, name in enumerate(names) if name in EXPLANATION_NAMES), None),
        topic=next((k for k, cell in enumerate(header) if column_role(cell) == "topic"), None),
        rationales=tuple(
            (m[1], k) for k, name in enumerate(names) if (m := _RATIONALE.fullmatch(name))
        ),
        references=next((k for k, name in enumerate(names) if name in REFERENCE_NAMES), None),
        tags=next((k for k, cell in enumerate(header) if column_role(cell) == "tags"), None),
    )


# A note on a column's name, after a dash or in parentheses: Kahoot's template heads its
# columns "Question - max 120 characters", "Answer 1 - max 75 characters", "Time limit
# (sec) – 5, 10, 20…", "Correct answer(s) - choose at least one".
_NAME_NOTE = re.compile(
    r"\s+[-–—]\s.*|\s*\((?:sec|secs|seconds|optional|required)\)", re.IGNORECASE | re.DOTALL
)


def _column_name(cell: str) -> str:
    """A header cell as the names above are written: without a note on it, "answer(s)"
    as "answers", folded, one space between words."""
    name = _NAME_NOTE.sub("", cell[:100]).replace("(s)", "s")
    return " ".join(fold(name).replace("_", " ").split())


HEADERLESS_NOTE = (
    "read as questions, a row each: the question, its options and the letter of its answer "
    "(import the file with --no-header to read it as cards)"
)
_ANSWER_CELL = re.compile(r"\s*\(?([A-Fa-f])\)?\s*(?:[,;/&+ ]\s*\(?[A-Fa-f]\)?\s*)*")


def headerless_bank(rows: list[tuple[int, list[str]]]) -> BankColumns | None:
    """The columns of a question bank written without a header, or None: three rows or
    more, all as wide (a question, two options or more, an answer: four columns at
    least), nine in ten of them ending in the letters of options they have ("B", "A,
    C")? A deck of cards ends so almost never."""
    widths = {len(row) for _, row in rows}
    if len(rows) < 3 or len(widths) != 1 or (width := widths.pop()) < 4 or width > 8:
        return None
    letters = "abcdef"[: width - 2]
    ending = sum(
        len(cell) <= _SAID_CHARS
        and _ANSWER_CELL.fullmatch(cell) is not None
        and set(re.findall(r"[a-f]", cell.lower())) <= set(letters)
        for cell in (row[-1] for _, row in rows)
    )
    if ending < 0.9 * len(rows):  # rows ending in the letters of options they have
        return None
    return BankColumns(
        question=0,
        answer=width - 1,
        options=tuple((letter, k + 1) for k, letter in enumerate(letters)),
    )
