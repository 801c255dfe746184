"""Writing output files so that a failure never leaves one half-written."""

import os
import tempfile
from collections.abc import Callable
from pathlib import Path


def write_atomically(path: Path | str, write: Callable[[Path], None]) -> Path:
    """Call ``write`` on a temporary file next to ``path``, then rename it into place.

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
    ...     except OSError as exc:
    ...         print("failed:", exc)
    ...     path.read_text(encoding="utf-8"), [p.name for p in Path(folder).iterdir()]
    failed: disk full
    ('# the previous version', ['mine.ttl'])
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(handle)
    os.chmod(temporary, 0o666 & ~_current_umask())
    try:
        write(Path(temporary))
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
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


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
