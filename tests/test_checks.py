"""Cell checks follow the registers' own rules."""

from decimal import Decimal

import pytest
from rdflib.namespace import XSD

from ess_graph.importers.common import checks


def test_siret_with_a_valid_luhn_key_is_accepted_and_spaces_are_dropped():
    assert checks.siret("775 672 272 00017") == "77567227200017"


@pytest.mark.parametrize("value", ["77567227200018", "7756722720001", "7756722720001A"])
def test_siret_with_a_wrong_key_or_length_is_refused(value):
    with pytest.raises(checks.BadValue):
        checks.siret(value)


def test_la_poste_sirets_follow_their_own_rule_sum_of_digits_multiple_of_five():
    assert checks.siret("35600000000051")  # digits sum to 20; the Luhn key would refuse it
    with pytest.raises(checks.BadValue):
        checks.siret("35600000000052")


def test_rna_numbers_are_w_and_nine_characters_letters_allowed_for_corsica():
    assert checks.rna("w622001234") == "W622001234"
    assert checks.rna("W2A1000123") == "W2A1000123"
    with pytest.raises(checks.BadValue):
        checks.rna("W62200123")


def test_dates_keep_the_precision_they_were_written_with():
    assert checks.date_literal("2014").datatype == XSD.gYear
    assert checks.date_literal("2014-10").datatype == XSD.gYearMonth
    assert checks.date_literal("2014-10-05").datatype == XSD.date
    with pytest.raises(checks.BadValue):
        checks.date_literal("2014-02-30")


def test_amounts_use_a_point_and_cannot_be_negative():
    assert checks.decimal_number("12500.50", minimum=Decimal(0)) == Decimal("12500.50")
    with pytest.raises(checks.BadValue, match="comma"):
        checks.decimal_number("12500,50")
    with pytest.raises(checks.BadValue, match="negative"):
        checks.decimal_number("-1", minimum=Decimal(0))


def test_departement_codes_include_corsica_and_overseas_and_pad_a_single_digit():
    assert [checks.departement_code(c) for c in ("62", "2a", "974", "1")] == ["62", "2A", "974", "01"]
    assert checks.departement_of_commune("97411") == "974"
