"""Lossless JSON round trip of the frozen records (dates as ISO strings, tuples as lists, nested dataclasses).

Generic over the dataclasses in :mod:`incidentdb.records`, so fields added there later round-trip without
touching the store. Unknown keys in stored JSON are ignored (an older store read by newer code and the
reverse).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from functools import cache
from typing import Any, TypeVar, Union, get_args, get_origin

from incidentdb import records

T = TypeVar("T")


def to_json(value: Any) -> Any:
    """A JSON-ready copy of a record (or of any nesting of records, tuples, dicts and dates)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_json(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, bytes):
        raise TypeError("raw bytes are stored in their own column, not in JSON")
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [to_json(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    return value


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls, vars(records))


def _decode(tp: Any, data: Any) -> Any:
    if data is None:
        return None
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        options = [a for a in get_args(tp) if a is not type(None)]
        return _decode(options[0], data) if len(options) == 1 else data
    if origin is typing.Literal:
        return data
    if origin is tuple:
        args = get_args(tp)
        item = args[0] if args else Any
        return tuple(_decode(item, v) for v in data)
    if origin is dict:
        _, value_type = get_args(tp) or (str, Any)
        return {k: _decode(value_type, v) for k, v in data.items()}
    if tp is dt.datetime:
        return dt.datetime.fromisoformat(data)
    if tp is dt.date:
        return dt.date.fromisoformat(data)
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return from_json(tp, data)
    return data


def from_json(cls: type[T], data: dict[str, Any]) -> T:
    """Rebuild a record of type ``cls`` from :func:`to_json` output."""
    hints = _hints(cls)  # type: ignore[arg-type]
    names = {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    kwargs = {k: _decode(hints[k], v) for k, v in data.items() if k in names}
    return cls(**kwargs)
