# The compiled positional constructors (_slots.c); ValueError for a class they would not make exactly.
from collections.abc import Callable
from typing import Any

def constructor(cls: type[Any], names: tuple[str, ...], name: str) -> Callable[..., Any]: ...
