"""``--slow``: without it the slow tests are left out and the run says how many and how to run
them; with it every test runs. A run left with no test exits 5, which fails ``.ci/run``."""

import pytest

SUITE = """
import pytest

def test_quick():
    pass

@pytest.mark.slow
def test_long():
    pass
"""


@pytest.fixture
def suite(pytester):
    pytester.makeconftest("from tests.conftest import pytest_addoption, pytest_collection_modifyitems, "
                          "pytest_terminal_summary")
    pytester.makeini('[pytest]\nmarkers =\n    slow: takes more than a few seconds; run with --slow\n')
    return pytester


def test_without_slow_the_slow_tests_are_left_out_and_the_run_says_how_to_run_them(suite):
    suite.makepyfile(test_suite=SUITE)
    result = suite.runpytest()
    result.assert_outcomes(passed=1, deselected=1)
    result.stdout.fnmatch_lines(["1 slow test(s) left out: run them with --slow (python -m pytest --slow runs the "
                                 "whole suite)"])


def test_with_slow_every_test_runs(suite):
    suite.makepyfile(test_suite=SUITE)
    result = suite.runpytest("--slow")
    result.assert_outcomes(passed=2)
    result.stdout.no_fnmatch_line("*left out*")


def test_a_run_of_slow_tests_only_without_slow_runs_none_and_exits_5(suite):
    suite.makepyfile(test_suite="import pytest\n\n@pytest.mark.slow\ndef test_long():\n    pass\n")
    result = suite.runpytest()
    assert result.ret == pytest.ExitCode.NO_TESTS_COLLECTED == 5
    result.stdout.fnmatch_lines(["1 slow test(s) left out*"])
