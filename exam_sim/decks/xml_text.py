"""What lxml's complaints about a file say, in a learner's words: the readers of XML
formats (OpenDocument, Moodle XML) name a problem with it in one sentence."""

from __future__ import annotations

import re

_DEPTH = re.compile(r"Excessive depth in document: (\d+)")


def xml_problem(error: Exception) -> str:
    """ "nested more than 256 elements deep" for libxml2's "Excessive depth in document:
    256, use XML_PARSE_HUGE option", else the complaint as written, without its place
    (the reader names the line) and its last full stop."""
    message = str(error)
    depth = _DEPTH.search(message)
    if depth:
        return f"nested more than {int(depth[1]):,} elements deep, which is not read"
    return message.split(", line ")[0].rstrip(".")
