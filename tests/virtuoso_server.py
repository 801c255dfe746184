"""A real Virtuoso Open Source server on free loopback ports, with a temporary database filled by
Virtuoso's own bulk loader, for the tests (and the benchmark) that check ``--endpoint`` on a
second SPARQL engine besides Oxigraph.

Debian's package ``virtuoso-opensource`` installs the server as ``virtuoso-t`` and its SQL
client as ``isql-vt``. Without them the tests skip and say why, except under CI (``CI=true``),
where they fail.

The server gets a configuration file of its own (:func:`write_config`): its database, log and
lock files in a temporary folder, both ports (SQL and HTTP) on 127.0.0.1, the loaded files' folders
as the only ones it may read (``DirsAllowed``), and no cap on the rows of an answer below
``max_rows``: the packaged ``virtuoso.ini`` cuts every SPARQL answer at 10,000 rows without saying
so, and stops a query after 60 s with the rows found so far. The files are loaded into one named
graph (``ld_add``, ``rdf_loader_run``, ``checkpoint``, through ``isql-vt``), and the endpoint's
address names that graph as the default one (``?default-graph-uri=``), so that queries see the
loaded triples and not Virtuoso's own system graphs beside them.
"""

import shutil
import subprocess
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .oxigraph_server import free_port, skip_or_fail

SERVER, CLIENT = "virtuoso-t", "isql-vt"
GRAPH = "urn:ess-graph:calaisis"
"""The named graph the tests load the shipped files into."""


def missing_virtuoso_reason() -> str | None:
    """Why a Virtuoso server cannot be started here, or None when it can."""
    missing = [command for command in (SERVER, CLIENT) if shutil.which(command) is None]
    if missing:
        return (f"Virtuoso Open Source is not installed ({' and '.join(missing)} not found; "
                "apt-get install virtuoso-opensource)")
    return None


@dataclass(frozen=True)
class Virtuoso:
    """A running server: its SQL port (for ``isql-vt``), its HTTP port, its folder."""

    sql_port: int
    http_port: int
    folder: Path

    @property
    def sparql_url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/sparql"

    def endpoint_url(self, graph: str = GRAPH) -> str:
        """The address to give ``--endpoint``: the SPARQL endpoint, with ``graph`` as default graph."""
        return f"{self.sparql_url}?{urllib.parse.urlencode({'default-graph-uri': graph})}"

    def sql(self, script: str, timeout: float = 3600) -> str:
        """Run SQL statements through ``isql-vt`` as the database's administrator (a new database's
        password is ``dba``); any error stops the tests with Virtuoso's message."""
        done = subprocess.run([CLIENT, f"127.0.0.1:{self.sql_port}", "dba", "dba", "VERBOSE=OFF", "BANNER=OFF",
                               "PROMPT=OFF"], input=script, capture_output=True, text=True, timeout=timeout)
        if done.returncode != 0 or "*** Error" in done.stderr:
            raise RuntimeError(f"isql-vt failed: {done.stderr.strip() or done.stdout.strip()}")
        return done.stdout

    def bulk_load(self, files: Sequence[Path], graph: str = GRAPH) -> None:
        """Load ``files`` into ``graph`` with Virtuoso's bulk loader, then make it durable; a file the
        loader could not read stops the tests with its error."""
        listed = "".join(f"ld_add({_sql_text(str(Path(path).resolve()))}, {_sql_text(graph)});\n" for path in files)
        self.sql(listed + "rdf_loader_run();\ncheckpoint;\n")
        failed = self.sql("select ll_file, ll_error from DB.DBA.LOAD_LIST where ll_error is not null;\n").strip()
        if failed:
            raise RuntimeError(f"Virtuoso's bulk loader failed: {failed}")

    def disk_bytes(self) -> int:
        """The size of the database's files (the log aside)."""
        return sum(path.stat().st_size for path in (self.folder / "db").iterdir() if path.suffix != ".log")


def write_config(folder: Path, sql_port: int, http_port: int, readable: Sequence[Path], *,
                 buffers: int = 10_000, max_rows: int = 10_000_000) -> Path:
    """A ``virtuoso.ini`` for a server of its own in ``folder``: ``buffers`` pages of 8 KiB of
    cache (the packaged file's comments advise 170,000 for 2 GB of free memory, 680,000 for 8 GB),
    answers of up to ``max_rows`` rows, no time limit on a query (the client has its own)."""
    db = folder / "db"
    db.mkdir(parents=True, exist_ok=True)
    allowed = ", ".join(sorted({str(Path(path).resolve()) for path in readable}))
    config = folder / "virtuoso.ini"
    config.write_text(f"""[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
DirsAllowed = {allowed}
NumberOfBuffers = {buffers}
MaxDirtyBuffers = {buffers * 3 // 4}
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {db}
[SPARQL]
ResultSetMaxRows = {max_rows}
MaxQueryExecutionTime = 0
MaxQueryCostEstimationTime = 0
""", encoding="utf-8")
    return config


@contextmanager
def running(folder: Path, readable: Sequence[Path], *, buffers: int = 10_000) -> Iterator[Virtuoso]:
    """A Virtuoso server with a new database in ``folder``, which may read the files in the folders
    ``readable``; stopped on leaving. Skips (fails under CI) when Virtuoso is not installed."""
    reason = missing_virtuoso_reason()
    if reason:
        skip_or_fail(reason)
    server = Virtuoso(free_port(), free_port(), folder)
    config = write_config(folder, server.sql_port, server.http_port, readable, buffers=buffers)
    with open(folder / "virtuoso.out", "wb") as output:
        process = subprocess.Popen([SERVER, "+configfile", str(config), "+foreground"], cwd=folder,
                                   stdout=output, stderr=subprocess.STDOUT)
    try:
        _wait_until_serving(server, process)
        yield server
    finally:
        process.terminate()  # Virtuoso checkpoints and stops
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@contextmanager
def serving(folder: Path, files: Sequence[Path], graph: str = GRAPH) -> Iterator[Virtuoso]:
    """A Virtuoso server holding ``files`` in ``graph``, bulk-loaded, ready for queries."""
    with running(folder, [Path(path).resolve().parent for path in files]) as server:
        server.bulk_load(files, graph)
        yield server


def _wait_until_serving(server: Virtuoso, process: subprocess.Popen, seconds: float = 60.0) -> None:
    ask = f"{server.sparql_url}?{urllib.parse.urlencode({'query': 'ASK {}'})}"
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"virtuoso-t stopped: {_log_tail(server.folder)}")
        try:
            with urllib.request.urlopen(ask, timeout=2):
                return
        except OSError:
            time.sleep(0.25)
    raise RuntimeError(f"Virtuoso did not answer within {seconds:g} s: {_log_tail(server.folder)}")


def _log_tail(folder: Path) -> str:
    text = (folder / "virtuoso.out").read_text(encoding="utf-8", errors="replace")
    return " / ".join(text.strip().splitlines()[-5:])


def _sql_text(value: str) -> str:
    """A SQL string literal."""
    return "'" + value.replace("'", "''") + "'"

