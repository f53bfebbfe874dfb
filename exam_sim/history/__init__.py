"""The crash-proof history of practice sessions: one SQLite file, every write committed at once.

One module per job (docs/history.md describes the file, docs/architecture.md the layout):

* ``records``: the records the queries return (AttemptSummary, TopicTrendPoint,
  TopicAverage, CardStats, Confusion) and HistoryError;
* ``rows``: how SQL rows become those records and the Attempt model, by column name;
* ``schema``: the tables, each version's migration, the version bookkeeping;
* ``guards``: whether a file is a usable exam-sim history (refused in one sentence if not),
  and the connection set-up (WAL, busy timeout, durable commits);
* ``stats``: topic trends and averages, the running card and confusion totals;
* ``export``: JSON and CSV, streamed from the cursor;
* ``store``: `History`, which ties them to one connection.

Everything the rest of exam-sim uses is importable from here.
"""

from exam_sim.history.export import spreadsheet_safe, utc_now
from exam_sim.history.guards import BUSY_TIMEOUT_MS
from exam_sim.history.records import (
    AttemptSummary,
    CardStats,
    Confusion,
    HistoryError,
    TopicAverage,
    TopicTrendPoint,
)
from exam_sim.history.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION
from exam_sim.history.store import History
from exam_sim.units import LETTERS  # the option letters of the CSV export

__all__ = [
    "APPLICATION_ID",
    "BUSY_TIMEOUT_MS",
    "LETTERS",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "AttemptSummary",
    "CardStats",
    "Confusion",
    "History",
    "HistoryError",
    "TopicAverage",
    "TopicTrendPoint",
    "spreadsheet_safe",
    "utc_now",
]
