"""The session engine's one error: an operation the session cannot do.

`SessionError` is defined once, in `exam_sim.errors`, under `ExamSimError` (one hierarchy
for every front end); it is re-exported here and from `exam_sim.exam` so the engine's
modules and older callers keep importing it from where it used to live.
"""

from __future__ import annotations

from exam_sim.errors import SessionError as SessionError  # re-exported from exam_sim.errors

__all__ = ["SessionError"]
