"""Canonical keys: the names every value of the official tables is known by.

A key is ``<table>.<cell_ref>`` with the keys of the official format
(``applications.results.denied.state_secret@commercial_enterprise``,
``proactive_disclosure.art20_1.regulations.issued``,
``review_litigation.litigation.direct.total``). A mistyped key is an
`UnknownKeyError` (a `KeyError`) that names the closest real keys, so a typo
in an analysis script is found at once rather than read as a missing value.
"""

from __future__ import annotations

import difflib
from functools import cache

from govreport.errors import UnknownKeyError
from govreport.report.spec import EDITIONS, edition


@cache
def known_keys() -> tuple[str, ...]:
    """Every canonical key of either edition, in the format's order (2019 first)."""
    seen: dict[str, None] = {}
    for name in EDITIONS:
        for key in edition(name).all_keys():
            seen.setdefault(key, None)
    return tuple(seen)


def suggest_keys(key: str, limit: int = 3) -> tuple[str, ...]:
    """The known keys closest to `key`: same table and row first, then by spelling."""
    keys = known_keys()
    table, _, rest = key.partition(".")
    pool = [k for k in keys if k.startswith(table + ".")] or list(keys)
    close = difflib.get_close_matches(key, pool, n=limit, cutoff=0.6)
    if not close and rest:
        # a right cell under a wrong table, or a right row with a wrong column
        head = key.split("@", 1)[0]
        close = [k for k in pool if k.split("@", 1)[0] == head][:limit]
        close = close or difflib.get_close_matches(key, keys, n=limit, cutoff=0.4)
    return tuple(close)


def unknown_key(key: str) -> UnknownKeyError:
    """The error for a key no edition has, carrying the closest known keys."""
    return UnknownKeyError(key, suggest_keys(key))


def missing_key(key: str) -> KeyError:
    """The error for a key a report's values lack: `UnknownKeyError` when no edition
    has it, else a `KeyError` that names the edition that does."""
    if key in _key_set():
        editions = [name for name in EDITIONS if key in _edition_keys(name)]
        return KeyError(f"{key!r} is a key of the {' and '.join(editions)} edition only")
    return unknown_key(key)


def check_key(key: str) -> str:
    """`key` itself when some edition of the format has it, else an `UnknownKeyError`."""
    if key not in _key_set():
        raise unknown_key(key)
    return key


@cache
def _edition_keys(name: str) -> frozenset[str]:
    return frozenset(edition(name).all_keys())


@cache
def _key_set() -> frozenset[str]:
    return frozenset(known_keys())
