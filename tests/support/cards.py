"""A card's values as pydantic dumps them and as its slots hold them, for tests that compare
cards made by different paths field by field (a `Card` is a pydantic dataclass)."""

from __future__ import annotations

import dataclasses

from pydantic import TypeAdapter

from exam_sim.models import Card

CARD = TypeAdapter(Card)  # dump_python / dump_json, as a model's model_dump / model_dump_json
FIELDS = dataclasses.fields(Card)  # in the class's order
