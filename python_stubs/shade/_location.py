"""Where in the user's code a traced operation was written."""
import linecache
import os
import sys

import numpy as np

_SKIPPED_DIRS = (os.path.dirname(os.path.abspath(__file__)) + os.sep,
                 os.path.dirname(os.path.abspath(np.__file__)) + os.sep)


class Location:
    """A file and line of the user's code."""

    def __init__(self, filename, line):
        self.filename, self.line = filename, line

    def __str__(self):
        return f"{self.filename}:{self.line}"

    @property
    def source(self):
        return linecache.getline(self.filename, self.line).strip()


def user_location():
    """The innermost frame of the call stack outside Shade and numpy."""
    frame = sys._getframe(1)
    while frame is not None:
        filename = os.path.abspath(frame.f_code.co_filename)
        if not filename.startswith(_SKIPPED_DIRS) and \
                not frame.f_code.co_filename.startswith("<__array_function__"):
            return Location(frame.f_code.co_filename, frame.f_lineno)
        frame = frame.f_back
    return Location("<unknown>", 0)


def describe(location, message):
    """`message` prefixed with the location and followed by its source line."""
    text = f"{location}: {message}"
    source = location.source if location is not None else ""
    return f"{text}\n    {source}" if source else text
