"""Where the shipped vocabulary and Calaisis graph live.

A wheel carries them inside the package (``ess_graph/data/``); a source checkout or an editable
install reads them from the repository's top-level ``ontology/`` and ``graph/`` folders.
"""

from pathlib import Path

_PACKAGE_DATA = Path(__file__).resolve().parent.parent / "data"
_CHECKOUT = Path(__file__).resolve().parent.parent.parent


def data_dir(name: str) -> Path:
    """The folder holding the shipped ``ontology``, ``graph`` or ``queries`` files, inside the
    package when installed from a wheel, else in the checkout.

    >>> data_dir("queries").name
    'queries'
    >>> data_dir("notes")
    Traceback (most recent call last):
    ...
    FileNotFoundError: the shipped 'notes' folder is missing from ... and ...
    """
    for base in (_PACKAGE_DATA, _CHECKOUT):
        folder = base / name
        if folder.is_dir():
            return folder
    raise FileNotFoundError(f"the shipped '{name}' folder is missing from {_PACKAGE_DATA} and {_CHECKOUT}")


def shapes_file() -> Path:
    """The SHACL shapes of the vocabulary, which ``ess-graph validate`` checks a graph against.

    >>> shapes_file().name
    'shapes.ttl'
    """
    return data_dir("ontology") / "shapes.ttl"


def ontology_files() -> list[Path]:
    """The vocabulary and its concept schemes (the shapes are kept apart: they are not data).

    >>> [path.name for path in ontology_files()][:3]
    ['ess.ttl', 'ptce.ttl', 'legal-forms.ttl']
    >>> "shapes.ttl" in [path.name for path in ontology_files()]
    False
    """
    folder = data_dir("ontology")
    return sorted(p for p in folder.rglob("*.ttl") if p.name != "shapes.ttl")


def graph_files() -> list[Path]:
    """The shipped territory graphs (today the Calaisis), one file per part of the newsletter's
    content: actors, initiatives, relations, figures...

    >>> [(path.parent.name, path.name) for path in graph_files()][:2]
    [('calaisis', 'actors.ttl'), ('calaisis', 'figures.ttl')]
    """
    return sorted(data_dir("graph").rglob("*.ttl"))
