"""Every public function and class of the library shows a short example in its docstring.

The examples are doctests: pytest runs them with the package (``--doctest-modules`` in
pyproject.toml), so an example whose output drifts from the code fails like any other test, and
a reader can trust what the docstring shows. This test makes sure there is one to run.

The library API is what the package, its sub-packages and their modules list in ``__all__``.
``ess_graph.cli`` is the command line, not the library: its commands are documented by ``--help``.
"""

import importlib
import inspect
import pkgutil
from types import ModuleType

import pytest

PACKAGES = (
    "ess_graph", "ess_graph.vocab", "ess_graph.io", "ess_graph.sources", "ess_graph.sparql", "ess_graph.ptce",
    "ess_graph.mapping", "ess_graph.importers",
)

def modules_of(package_name: str) -> list[ModuleType]:
    """The package and its plain modules that declare ``__all__`` (sub-packages are in PACKAGES or
    are the command line; ``__main__`` would run the command)."""
    package = importlib.import_module(package_name)
    modules = [package]
    for info in pkgutil.iter_modules(package.__path__):
        if not info.ispkg and info.name != "__main__":
            modules.append(importlib.import_module(f"{package_name}.{info.name}"))
    return [module for module in modules if hasattr(module, "__all__")]


def public_functions_and_classes(package_name: str) -> dict[str, object]:
    """``module.name`` -> object, for every function and class listed in an ``__all__`` of the
    package (constants and type aliases carry no docstring of their own)."""
    found = {}
    for module in modules_of(package_name):
        for name in module.__all__:
            obj = getattr(module, name)
            if inspect.isclass(obj) or inspect.isfunction(inspect.unwrap(obj)):
                found[f"{module.__name__}.{name}"] = obj
    return found


def shows_an_example(obj: object) -> bool:
    """The object's own docstring (not one inherited from a base class) holds a ``>>>`` line."""
    return ">>>" in (obj.__doc__ or "")


@pytest.mark.parametrize("package_name", PACKAGES)
def test_every_public_function_and_class_shows_an_example(package_name):
    public = public_functions_and_classes(package_name)
    assert public, f"{package_name} lists no public function or class"
    missing = sorted(name for name, obj in public.items() if not shows_an_example(obj))
    assert not missing, "give these docstrings a short example whose output is exact: " + ", ".join(missing)
