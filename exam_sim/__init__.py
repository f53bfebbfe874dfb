"""exam-sim: realistic multiple-choice practice exams from flashcard decks."""

__version__ = "0.1.0"
