"""Cutting a stream into lists of a fixed size, so that large inputs are read and written in
batches of bounded memory (``itertools.batched`` from Python 3.12, for 3.11)."""

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TypeVar

Item = TypeVar("Item")


def batched(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    """Lists of ``size`` items in order, the last one shorter if need be.

    >>> list(batched(range(5), 2))
    [[0, 1], [2, 3], [4]]
    """
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


__all__ = ["batched"]
