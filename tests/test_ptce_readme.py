"""The README's PTCE section explains every parameter and shows a card the command really prints."""

from pathlib import Path

from ess_graph import load_graph
from ess_graph.ptce import find_ptce_candidates
from ess_graph.ptce.parameters import parameter_help
from ess_graph.ptce.report import candidate_card

README = Path(__file__).resolve().parent.parent / "README.md"


def test_every_parameter_is_explained_in_the_readme():
    text = README.read_text(encoding="utf-8")
    assert [name for name, _, _ in parameter_help() if f"`{name}`" not in text] == []


def test_the_readme_card_is_what_the_command_prints_today():
    card = candidate_card(find_ptce_candidates(load_graph()).candidate(1)).rstrip("\n")
    indented = "\n".join(f"    {line}" if line else "" for line in card.splitlines())
    assert indented in README.read_text(encoding="utf-8"), "regenerate the card in README.md"


def test_the_readme_shows_a_potential_card_as_the_command_prints_it():
    analysis = find_ptce_candidates(load_graph())
    [galilee] = [c for c in analysis.of_kind("potential") if "Galilée" in c.name]
    card = candidate_card(galilee).rstrip("\n")
    indented = "\n".join(f"    {line}" if line else "" for line in card.splitlines())
    assert "Kind: potential" in card and indented in README.read_text(encoding="utf-8"), \
        "regenerate the potential card in README.md"
