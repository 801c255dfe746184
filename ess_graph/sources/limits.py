"""Time limits for queries: a query given one runs in a child process that can be stopped at once.

pyoxigraph's ``Store.query`` evaluates in Rust. It releases the GIL (while planning, and while
computing each row), but it takes no timeout, offers no way to cancel a query, and gives Python
no chance to handle Ctrl-C until it returns: an ``ORDER BY`` or a ``COUNT`` over millions of rows
returns its first row after minutes, and Ctrl-C waits as long. rdflib evaluates in Python and
stops on Ctrl-C, but has no timeout either. A thread cannot be stopped: abandoned on a timeout,
it would keep a core and its memory until the query ends.

So :func:`run_in_child` forks: the child shares the parent's memory as it was (an in-memory
Oxigraph store, a read-only store on disk, an rdflib graph; nothing is copied up front), runs the
query and sends its answer back through a pipe, rows in batches, pickled. The pipe's small buffer
holds the child back until the parent has read what came before, so memory stays constant
however many rows the query gives. The parent waits on the pipe: when the time is up, on Ctrl-C
(the ``KeyboardInterrupt`` ends the wait within 0.2 s) or when the reader stops early, it kills
the child (SIGKILL) and reaps it. The child ignores SIGINT (the terminal sends it to both) and,
on Linux, dies with its parent.

The time limit counts the time the reader waits for the child: from the start of the query to
its last row, less the time the reader spends elsewhere (writing rows out, looking up labels).
A query that makes its reader wait longer than the limit is stopped; a long answer written out
slowly to a terminal, a pipe or a disk is not.

What it costs, measured on a 2-core machine shared with other work (``python
benchmarks/query_memory.py --overhead``): a small query takes 8-12 ms in a child against
0.05 ms in place, the fork copying the parent's page tables (about 10 ms for a 60 MB process,
70 ms for a 730 MB one); rows come about 15 % slower (120,000 rows/s against 140,000 from an
on-disk store), the child computing them while the parent writes the previous ones out. Without
a time limit (``timeout=None``), queries run in place, as before.

Fork is safe here because the child does nothing but run the query and write to its pipe: it
takes no lock another thread may have held at the fork (logging, standard streams) and leaves by
``os._exit``, running no cleanup of the parent's. Where there is no fork (Windows), the query
runs in place and the time limit is checked between batches of rows only.
"""

import contextlib
import ctypes
import gc
import math
import os
import pickle
import select
import signal
import sys
import time
import warnings
from collections.abc import Callable, Generator, Iterable
from typing import NoReturn

from ..errors import EssGraphError, InvalidValue, QueryTimeout, first_line

_HEADER = 8
"""Each message on the pipe is its length (8 bytes, little-endian), then its pickle."""
_ITEM, _DONE, _ERROR = 0, 1, 2


def check_timeout(timeout: float | None, field: str = "timeout") -> float | None:
    """``timeout`` as a number of seconds: None (no limit, the query runs in place), a positive
    number, or ``math.inf`` (no limit, but in a child process that Ctrl-C stops at once). Anything
    else is an :class:`~ess_graph.errors.InvalidValue` about ``field``.

    >>> check_timeout(None), check_timeout(60), check_timeout(math.inf)
    (None, 60.0, inf)
    >>> check_timeout(0)
    Traceback (most recent call last):
    ...
    ess_graph.errors.InvalidValue: timeout: 0 is not a positive number of seconds (None or math.inf: no limit)
    """
    if timeout is None:
        return None
    if isinstance(timeout, bool) or not isinstance(timeout, int | float) or math.isnan(timeout) or timeout <= 0:
        raise InvalidValue(f"{timeout!r} is not a positive number of seconds (None or math.inf: no limit)",
                           field=field)
    return float(timeout)


def timeout_message(timeout: float) -> str:
    """What a query stopped by its time limit is told.

    >>> timeout_message(60.0), timeout_message(0.5)
    ('the query did not finish within 60 s', 'the query did not finish within 0.5 s')
    """
    return f"the query did not finish within {timeout:g} s"


def run_in_child(work: Callable[[], Iterable[object]], timeout: float) -> Generator[object, None, None]:
    """What ``work()`` yields, ``work`` running in a forked child process stopped after ``timeout``
    seconds of waiting for it (``math.inf``: never, but still on Ctrl-C), with a
    :class:`~ess_graph.errors.QueryTimeout`.

    Every item must pickle. An exception raised in the child is raised here; closing the
    iterator early (or dropping it) kills the child. The child starts at the first ``next()``.

    >>> list(run_in_child(lambda: iter([("head", ("who",)), [("galilee",), ("la-note-bleue",)]]), timeout=10))
    [('head', ('who',)), [('galilee',), ('la-note-bleue',)]]
    >>> def forever():
    ...     while True:
    ...         time.sleep(0.05)
    >>> started = time.monotonic()
    >>> next(run_in_child(forever, timeout=0.3))
    Traceback (most recent call last):
    ...
    ess_graph.errors.QueryTimeout: the query did not finish within 0.3 s
    >>> time.monotonic() - started < 2
    True
    """
    if not hasattr(os, "fork"):
        yield from _in_place(work, timeout)
        return
    read_end, write_end = os.pipe()
    parent = os.getpid()
    collecting = gc.isenabled()
    gc.disable()  # a collection in the child would touch, and so copy, every object of the parent
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)  # Python 3.12+: fork with threads running
            pid = os.fork()
    except BaseException:
        os.close(read_end)
        os.close(write_end)
        raise
    finally:
        if collecting and os.getpid() == parent:
            gc.enable()
    if pid == 0:
        os.close(read_end)
        _child(work, write_end, parent)
    os.close(write_end)
    pipe = _Pipe(read_end, timeout)
    try:
        while True:
            kind, payload = pipe.message()
            if kind == _DONE:
                return
            if kind == _ERROR:
                raise _error(payload)
            yield payload
    finally:
        os.close(read_end)
        _stop(pid)


_SLICE = 0.2
"""The longest a wait for the child goes without looking at signals, in seconds."""


class _Pipe:
    """The parent's end: whole messages, and the time left to wait for them."""

    def __init__(self, fd: int, timeout: float):
        self.fd, self.timeout, self.left = fd, timeout, timeout
        self.poller = select.poll()
        self.poller.register(fd, select.POLLIN)

    def message(self) -> tuple[int, object]:
        size = int.from_bytes(self._read(_HEADER), "little")
        kind, payload = pickle.loads(self._read(size))
        return kind, payload

    def _read(self, size: int) -> bytes:
        chunks, missing = [], size
        while missing:
            self._wait()
            chunk = os.read(self.fd, min(missing, 1 << 20))
            if not chunk:
                raise EssGraphError("the query's process stopped without an answer (out of memory?)")
            chunks.append(chunk)
            missing -= len(chunk)
        return b"".join(chunks)

    def _wait(self) -> None:
        """Wait until there is something to read; the wait counts against the time limit.

        The wait goes in slices of at most ``_SLICE`` seconds: Python runs a signal's handler
        in the main thread between two bytecodes, and a SIGINT the kernel hands to another
        thread of the process (Oxigraph's RocksDB threads, a timer) does not interrupt a
        ``poll`` of the main thread. Between slices, Ctrl-C raises KeyboardInterrupt here."""
        while True:
            began = time.monotonic()
            ready = self.poller.poll(math.ceil(max(min(self.left, _SLICE), 0) * 1000))
            self.left -= time.monotonic() - began
            if ready:
                return
            if self.left <= 0:
                raise QueryTimeout(timeout_message(self.timeout), seconds=self.timeout)


def _child(work: Callable[[], Iterable[object]], fd: int, parent: int) -> NoReturn:
    """The child's whole life: run ``work``, send what it yields, leave without cleaning up."""
    status = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        _die_with(parent)
        for item in work():
            _send(fd, (_ITEM, item))
        _send(fd, (_DONE, None))
    except BaseException as exc:  # sent to the parent, which raises it
        try:
            _send(fd, (_ERROR, _portable(exc)))
        except BaseException:
            status = 1
    finally:
        os._exit(status)


def _send(fd: int, message: tuple[int, object]) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    view = memoryview(len(data).to_bytes(_HEADER, "little") + data)
    while view:
        view = view[os.write(fd, view):]


def _portable(exc: BaseException) -> tuple[bytes | None, str]:
    """An exception as its pickle (when it has one) and its one-line message."""
    message = str(exc) if isinstance(exc, EssGraphError) else f"{type(exc).__name__}: {first_line(exc)}"
    try:
        return pickle.dumps(exc), message
    except Exception:
        return None, message


def _error(payload: object) -> BaseException:
    data, message = payload if isinstance(payload, tuple) else (None, str(payload))
    if isinstance(data, bytes):
        try:
            exc = pickle.loads(data)
            if isinstance(exc, BaseException):
                return exc
        except Exception:
            pass
    return EssGraphError(message)


def _die_with(parent: int) -> None:
    """On Linux, ask to be killed when the parent dies (PR_SET_PDEATHSIG), so that a parent killed
    with SIGKILL leaves no query running; elsewhere, nothing."""
    if not sys.platform.startswith("linux"):
        return
    try:
        ctypes.CDLL(None).prctl(1, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the request
        os._exit(1)


def _stop(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    while True:
        try:
            os.waitpid(pid, 0)
            return
        except ChildProcessError:
            return
        except KeyboardInterrupt:  # a second Ctrl-C: the child is already killed, reap it all the same
            continue


def _in_place(work: Callable[[], Iterable[object]], timeout: float) -> Generator[object, None, None]:
    """Without fork: ``work`` here, the time it takes checked between items only."""
    left = timeout
    items = iter(work())
    while True:
        began = time.monotonic()
        try:
            item = next(items)
        except StopIteration:
            return
        left -= time.monotonic() - began
        if left < 0:
            raise QueryTimeout(timeout_message(timeout), seconds=timeout)
        yield item


__all__ = ["check_timeout", "run_in_child", "timeout_message"]
