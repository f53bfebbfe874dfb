"""The deck formats: their names, the names people give them, and the file extensions
that say them (`decks.loader` chooses the reader; the TUI's file dialog lists them)."""

from __future__ import annotations

from exam_sim.errors import DeckError

FORMATS = (
    "native", "text", "csv", "tsv", "anki", "apkg", "aiken", "gift", "markdown", "json",
    "obsidian", "logseq", "org", "xlsx", "ods", "docx", "odt", "pptx", "html", "moodle",
    "pdf",
)  # fmt: skip
# Each format as a person names it, in the order a dialog lists them (`formats_said`).
FORMAT_NAMES = {
    "native": "TOML", "csv": "CSV/TSV", "tsv": "CSV/TSV", "text": "text",
    "markdown": "Markdown", "json": "JSON", "anki": "Anki", "apkg": "Anki", "aiken": "Aiken",
    "gift": "GIFT", "moodle": "Moodle XML", "obsidian": "Obsidian flashcards",
    "logseq": "Logseq", "org": "Org", "xlsx": "Excel", "ods": "LibreOffice Calc", "docx": "Word",
    "odt": "LibreOffice Writer", "pptx": "PowerPoint", "html": "HTML", "pdf": "PDF",
}  # fmt: skip


def formats_said() -> str:
    """The formats a deck may be written in, each name once: "TOML, CSV/TSV, text, …"."""
    return ", ".join(dict.fromkeys(FORMAT_NAMES.values()))


FORMAT_ALIASES = {"toml": "native", "txt": "text", "plain": "text", "plaintext": "text",
                  "quizlet": "csv", "delimited": "csv", "md": "markdown", "htm": "html",
                  "webpage": "html", "moodle-xml": "moodle", "xml": "moodle"}  # fmt: skip
EXTENSIONS = {".toml": "native", ".txt": "text", ".md": "markdown", ".markdown": "markdown",
              ".csv": "csv", ".tsv": "tsv", ".tab": "tsv", ".gift": "gift", ".aiken": "aiken",
              ".apkg": "apkg", ".colpkg": "apkg", ".json": "json", ".xlsx": "xlsx",
              ".xlsm": "xlsx", ".docx": "docx", ".html": "html", ".htm": "html",
              ".xhtml": "html", ".xml": "moodle", ".ods": "ods", ".odt": "odt",
              ".org": "org", ".pdf": "pdf", ".pptx": "pptx", ".pptm": "pptx"}  # fmt: skip


def normalise_format(format: str | None) -> str | None:
    if format is None:
        return None
    name = format.strip().lower()
    name = FORMAT_ALIASES.get(name, name)
    if name not in FORMATS:
        raise DeckError(f"unknown format {format!r} (use one of: {', '.join(FORMATS)})")
    return name
