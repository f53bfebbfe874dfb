"""Spaced repetition and the readiness forecast, pure (no Textual, no I/O).

* ``rating``: how an answered question becomes an FSRS rating;
* ``memory``: each card's FSRS state, replayed from its reviews (the `fsrs` package);
* ``study``: which cards a study session asks, and the "due today" summary;
* ``forecast``: the expected score on the exam date, its interval, the daily plan.
"""
