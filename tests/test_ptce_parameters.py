"""Weights and thresholds: defaults, overrides from the command line and from TOML, and their errors."""

import pytest

from ess_graph.errors import EssGraphError, InvalidValue, NameNotFound
from ess_graph.ptce.parameters import PTCEParameters, load_parameters


def test_command_line_values_are_typed_by_the_parameter():
    params = load_parameters(None, ["seed=7", "weight_funding=0.2", "art9_kinds=authority,research,state"])
    assert (params.seed, params.weight_funding) == (7, 0.2)
    assert params.art9_role_kinds() == ("authority", "research", "state")


def test_the_command_line_wins_over_the_config_file(tmp_path):
    config = tmp_path / "ptce.toml"
    config.write_text("[ptce]\nseed = 3\nresolution = 1.5\n", encoding="utf-8")
    params = load_parameters(config, ["seed=9"])
    assert (params.seed, params.resolution) == (9, 1.5)


def test_a_config_file_may_put_keys_at_the_top(tmp_path):
    config = tmp_path / "ptce.toml"
    config.write_text("target_size = 12\n", encoding="utf-8")
    assert load_parameters(config).target_size == 12


@pytest.mark.parametrize(("assignment", "kind", "message"), [
    ("colour=red", NameNotFound, "assignments: unknown parameter 'colour'"),
    ("sed=3", NameNotFound, "assignments: unknown parameter 'sed'; did you mean seed?"),
    ("seed=abc", EssGraphError, "assignments: parameter 'seed': expected an integer, got 'abc'"),
    ("seed", InvalidValue, "assignments: expected NAME=VALUE, got 'seed'"),
    ("weight_funding=-1", EssGraphError, "assignments: parameter 'weight_funding': must be at least 0, got -1.0"),
    ("status_planned=2", EssGraphError, "assignments: parameter 'status_planned': must be at most 1, got 2.0"),
    ("max_territory_level=country", EssGraphError,
     "assignments: parameter 'max_territory_level': expected one of commune, intercommunality, pays, departement, "
     "region, got 'country'"),
    ("art9_kinds=ministry", EssGraphError, "assignments: parameter 'art9_kinds': expected kinds among ess, "
                                           "enterprise, authority, state, research, support, other, got 'ministry'"),
    ("resolution=nan", EssGraphError, "assignments: parameter 'resolution': expected a finite number, got nan"),
])
def test_bad_values_are_one_line_errors_naming_the_parameter(assignment, kind, message):
    with pytest.raises(kind) as error:
        load_parameters(None, [assignment])
    assert str(error.value) == message
    assert error.value.field == "assignments"


def test_an_unknown_name_says_which_names_are_close():
    with pytest.raises(NameNotFound) as error:
        load_parameters(None, ["weight_fund=1"])
    assert error.value.suggestions[0] == "weight_funding"


def test_a_bad_config_file_names_the_file(tmp_path):
    config = tmp_path / "ptce.toml"
    config.write_text("seed = 'three'\n", encoding="utf-8")
    with pytest.raises(EssGraphError, match=r"ptce.toml: parameter 'seed': expected an integer, got 'three'") as error:
        load_parameters(config)
    assert error.value.field is None
    config.write_text("colour = 'red'\n", encoding="utf-8")
    with pytest.raises(NameNotFound, match=r"ptce.toml: unknown parameter 'colour'$"):
        load_parameters(config)
    config.write_text("seed = [\n", encoding="utf-8")
    with pytest.raises(EssGraphError, match=r"ptce.toml: invalid TOML"):
        load_parameters(config)
    with pytest.raises(EssGraphError, match=r"missing.toml: no such file"):
        load_parameters(tmp_path / "missing.toml")


def test_a_float_for_an_integer_parameter_must_be_whole(tmp_path):
    config = tmp_path / "ptce.toml"
    config.write_text("seed = 2.5\n", encoding="utf-8")
    with pytest.raises(EssGraphError, match="expected an integer"):
        load_parameters(config)


def test_status_factors_follow_the_statuses():
    params = PTCEParameters()
    assert [params.status_factor(s) for s in ("done", "in-progress", "planned", "possible")] == [1.0, 0.9, 0.5, 0.25]
