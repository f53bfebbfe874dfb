"""Write tests/data/anki/: real Anki packages, made by Anki's own library.

    python -m venv /tmp/anki && /tmp/anki/bin/pip install anki
    /tmp/anki/bin/python scripts/anki_fixtures.py

`anki` (the official package, its Rust backend included) is not a dependency of
exam-sim: it is needed only to make these files again. One collection holds basic notes
(HTML, an entity, a link, a sound, tags, a word with an umlaut) and a cloze note with two
deletions, in two subdecks of "AWS ML"; it is exported as Anki 2.1.50+ does by default
(`anki-modern.apkg`, the collection zstd-compressed), in the legacy format for older
versions (`anki-legacy.apkg`) and as a whole collection (`anki-collection.colpkg`).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from anki.collection import Collection, DeckIdLimit, ExportAnkiPackageOptions

OUT = Path(__file__).resolve().parent.parent / "tests" / "data" / "anki"
NOTES = [  # (subdeck, notetype, fields, tags)
    ("Modeling", "Basic", ["XGBoost", "Gradient boosted <b>decision trees</b>.<br>Fast."],
     ["algo"]),
    ("Modeling", "Basic", ["K-Means", "Clusters points around k centroids [sound:km.mp3]"], []),
    ("Data", "Cloze", ["{{c1::AWS Glue}} prepares and catalogues {{c2::data}}.", ""],
     ["etl", "x"]),
    ("Data", "Basic", ["Athena", "Serverless SQL over data in Amazon&nbsp;S3 &amp; more."], []),
    ("Data", "Basic", ["Amazon Kinesis",
                       "Streams data <i>in real time</i>; see <a href='https://aws.amazon.com'>AWS</a>."],
     []),
    ("Modeling", "Basic", ["Überanpassung",
                           "Modell lernt das Rauschen der Trainingsdaten (<i>overfitting</i>)."],
     []),
]  # fmt: skip


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        col = Collection(str(Path(tmp) / "collection.anki2"))
        parent = col.decks.id("AWS ML")
        assert parent is not None
        for subdeck, notetype_name, values, tags in NOTES:
            notetype = col.models.by_name(notetype_name)
            assert notetype is not None
            note = col.new_note(notetype)
            for name, value in zip(col.models.field_names(notetype), values, strict=True):
                note[name] = value
            note.tags = tags
            deck_id = col.decks.id(f"AWS ML::{subdeck}")
            assert deck_id is not None
            col.add_note(note, deck_id)
        for legacy, name in ((False, "anki-modern.apkg"), (True, "anki-legacy.apkg")):
            options = ExportAnkiPackageOptions(
                with_scheduling=False, with_deck_configs=False, with_media=True, legacy=legacy
            )
            col.export_anki_package(
                out_path=str(OUT / name), options=options, limit=DeckIdLimit(parent)
            )
        col.export_collection_package(
            str(OUT / "anki-collection.colpkg"), include_media=True, legacy=False
        )
        col.close()


if __name__ == "__main__":
    main()
