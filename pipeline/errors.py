"""Errors raised by commentwatch's own code.

    CommentwatchError
     ├── ConfigError          bad site list, option or environment value (exit code 2)
     ├── InputError           a malformed input record (``analyze``/``eval`` name the line)
     ├── StoreError           the database refused or is at the wrong schema
     └── LockHeldError        another run holds the lock (exit code 3)

Comment text never raises out of a stage: hostile or malformed text is logged and skipped.
"""

from __future__ import annotations

__all__ = ["CommentwatchError", "ConfigError", "InputError", "LockHeldError", "StoreError"]


class CommentwatchError(Exception):
    """Base of every error commentwatch raises on purpose."""


class ConfigError(CommentwatchError):
    """A configuration file, option or environment variable is wrong."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None) -> None:
        self.path = path
        self.line = line
        where = ""
        if path:
            where = f"{path}:{line}: " if line else f"{path}: "
        super().__init__(f"{where}{message}")


class InputError(CommentwatchError):
    """An input record is malformed."""

    def __init__(self, message: str, *, line: int | None = None) -> None:
        self.line = line
        super().__init__(f"line {line}: {message}" if line else message)


class StoreError(CommentwatchError):
    """The database cannot be used as asked."""


class LockHeldError(CommentwatchError):
    """Another run holds the lock."""
