"""The one type of every card, topic, item and deck id (no other exam-sim import, so both
`models` and `authored` can use it)."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import StringConstraints

# Card, topic and deck ids: lower-case ASCII letters and digits, then also '.', '_' and '-'.
# They name files and are stored in the history, so every model that holds one uses `Id`.
ID_PATTERN = r"^[a-z0-9][a-z0-9._-]*$"
Id = Annotated[str, StringConstraints(min_length=1, pattern=ID_PATTERN)]
# `ID_PATTERN` for `fullmatch`, where checks made without pydantic need it (pydantic's `$`
# is the end of the text; Python's would also match before a final line break).
WHOLE_ID = re.compile(ID_PATTERN.removeprefix("^").removesuffix("$"))

# A deck id names its library file (`<id>.toml`, written via a longer temp name); far
# below the 255-byte file-name limit of common file systems.
MAX_DECK_ID = 100
DeckId = Annotated[Id, StringConstraints(max_length=MAX_DECK_ID)]
