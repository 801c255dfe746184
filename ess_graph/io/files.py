"""Writing output files so that a failure never leaves one half-written, and says why in one line.

A regular file is written to a temporary file beside it, then renamed into place: a crash or an
error leaves the previous file (or no file), never a truncated one. Something that is not a
regular file (``/dev/stdout``, a named pipe, ``/dev/null``) cannot be replaced that way, and must
not be: it is written directly. A temporary file left by a process that was killed carries that
process's number in its name, and the next write to the same target removes it.

    >>> import tempfile
    >>> from pathlib import Path
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     target = write_text_atomically(Path(folder) / "out" / "note.txt", "bonjour")
    ...     target.read_text(encoding="utf-8"), sorted(p.name for p in target.parent.iterdir())
    ('bonjour', ['note.txt'])
"""

import errno
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from ..errors import OutputError

T = TypeVar("T")


def write_atomically(path: Path | str, write: Callable[[Path], object]) -> Path:
    """Call ``write`` on a temporary file next to ``path``, then rename it into place; ``path``
    itself when it exists and is not a regular file. Any failure is an
    :class:`~ess_graph.errors.OutputError` naming the path.

    >>> write_atomically("/dev/full", lambda path: path.write_text("x"))
    Traceback (most recent call last):
    ...
    ess_graph.errors.OutputError: /dev/full: cannot write: no space left on device

    A crash or an error in ``write`` leaves the previous file (or no file) behind, never a
    truncated one: a map or an import that fails half-way cannot pass for a finished one.

    >>> import tempfile
    >>> def half_written(temporary):
    ...     temporary.write_text("essd:galilee ess:supp", encoding="utf-8")
    ...     raise OSError("disk full")
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = write_text_atomically(Path(folder) / "mine.ttl", "# the previous version")
    ...     try:
    ...         write_atomically(path, half_written)
    ...     except OutputError as exc:
    ...         print("failed:", str(exc).rsplit(": ", 1)[1])
    ...     path.read_text(encoding="utf-8"), [p.name for p in Path(folder).iterdir()]
    failed: disk full
    ('# the previous version', ['mine.ttl'])
    """
    target = Path(path)
    if _is_special(target):
        _guarded(target, lambda: write(target))
        return target
    _make_folder(target)
    _remove_orphans(target)
    temporary = _guarded(target, lambda: Path(_temporary_file(target)))
    try:
        _guarded(target, lambda: write(temporary))
        _guarded(target, lambda: os.replace(temporary, target))
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return target


def write_text_atomically(path: Path | str, text: str) -> Path:
    """Write UTF-8 ``text`` to ``path`` atomically (see :func:`write_atomically`), creating its
    folder if need be.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = write_text_atomically(Path(folder) / "maps" / "calaisis.txt", "Vieille-Église")
    ...     path.relative_to(folder).as_posix(), path.read_text(encoding="utf-8")
    ('maps/calaisis.txt', 'Vieille-Église')
    """
    return write_atomically(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def _is_special(target: Path) -> bool:
    try:
        mode = target.stat().st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def _make_folder(target: Path) -> None:
    if target.is_dir():
        raise OutputError(f"{target}: is a folder; give a file name")
    parent = target.parent
    for folder in (parent, *parent.parents):
        if folder.exists():
            if not folder.is_dir():
                raise OutputError(f"{target}: cannot create the folder {parent}: {folder} is a file")
            break
    _guarded(target, lambda: parent.mkdir(parents=True, exist_ok=True))


def _temporary_file(target: Path) -> str:
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp", dir=target.parent)
    os.close(handle)
    os.chmod(temporary, 0o666 & ~_current_umask())
    return temporary


def _remove_orphans(target: Path) -> None:
    """Remove the temporary files of earlier writes to ``target`` whose process is gone."""
    prefix = f".{target.name}."
    try:
        candidates = [p for p in target.parent.iterdir() if p.name.startswith(prefix) and p.name.endswith(".tmp")]
    except OSError:
        return
    for candidate in candidates:
        pid = candidate.name[len(prefix):].split(".", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            candidate.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _guarded(target: Path, action: Callable[[], T]) -> T:
    """``action()``, an operating-system failure told as one line about ``target``. A broken pipe
    is no failure to write but a reader that has read enough (``-o /dev/stdout | head``): it is
    left to the caller, which stops quietly."""
    try:
        return action()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise OutputError(f"{target}: cannot write: {_reason(exc)}") from None


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "no space left on device"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"permission denied ({exc.filename or 'the folder'})"
    if exc.errno == errno.EROFS:
        return "read-only file system"
    return (exc.strerror or str(exc)).lower() if exc.strerror else str(exc)


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
