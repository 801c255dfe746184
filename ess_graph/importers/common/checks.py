"""Checking and converting one cell value: identifiers, dates, numbers, codes.

Each function takes the text of a cell and returns the typed value, or raises :class:`BadValue`
with a message that says what is wrong and what was expected; the reader adds file, line and
column. The rules are those of the official registers (SIRENE's check digit, the RNA number,
the COG codes), so a typo is caught on import instead of creating a node nobody can merge.
"""

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from rdflib import Literal
from rdflib.namespace import XSD


class BadValue(ValueError):
    """A cell value that cannot be used; the message says why.

    >>> issubclass(BadValue, ValueError)
    True
    """


LA_POSTE_SIREN = "356000000"
"""La Poste's establishments are too many for the Luhn key; their SIRET digits sum to a multiple of 5."""

_RNA = re.compile(r"W[0-9A-Z]{9}")
_COMMUNE = re.compile(r"\d{5}|2[AB]\d{3}")
_DEPARTEMENT = re.compile(r"\d{2}|2[AB]|97\d")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_YEAR = re.compile(r"\d{4}")
_YEAR_MONTH = re.compile(r"\d{4}-\d{2}")


def luhn_valid(digits: str) -> bool:
    """The Luhn check that INSEE uses as the key of SIREN and SIRET numbers.

    >>> luhn_valid("380475558"), luhn_valid("380475559")
    (True, False)
    """
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def _digits(value: str) -> str:
    return value.replace(" ", "").replace("\u00a0", "")


def siren(value: str) -> str:
    """A 9-digit SIREN number with a valid check digit.

    >>> siren("380 475 558")
    '380475558'
    """
    number = _digits(value)
    if not (len(number) == 9 and number.isdigit()):
        raise BadValue(f"'{value}' is not a SIREN number (9 digits)")
    if not luhn_valid(number):
        raise BadValue(f"'{value}' is not a valid SIREN number (wrong check digit)")
    return number


def siret(value: str) -> str:
    """A 14-digit SIRET number (SIREN + NIC) with a valid check digit.

    >>> siret("38047555800018")
    Traceback (most recent call last):
    ...
    ess_graph.importers.common.checks.BadValue: '38047555800018' is not a valid SIRET number (wrong check digit)
    """
    number = _digits(value)
    if not (len(number) == 14 and number.isdigit()):
        raise BadValue(f"'{value}' is not a SIRET number (14 digits: SIREN + NIC)")
    valid = (sum(map(int, number)) % 5 == 0) if number.startswith(LA_POSTE_SIREN) else luhn_valid(number)
    if not valid:
        raise BadValue(f"'{value}' is not a valid SIRET number (wrong check digit)")
    return number


def rna(value: str) -> str:
    """An RNA association number: W followed by 9 characters (digits, or letters for Corsica and overseas).

    >>> rna("w622001234")
    'W622001234'
    """
    number = value.strip().upper()
    if not _RNA.fullmatch(number):
        raise BadValue(f"'{value}' is not an RNA number (W followed by 9 digits or capital letters)")
    return number


def commune_code(value: str) -> str:
    """A commune's five-character INSEE code (2A/2B for Corsica).

    >>> commune_code("2a004")
    '2A004'
    """
    code = value.strip().upper()
    if not _COMMUNE.fullmatch(code):
        raise BadValue(f"'{value}' is not a commune INSEE code (5 characters, e.g. 62193 or 2A004)")
    return code


def departement_code(value: str) -> str:
    """A département's INSEE code: 2 digits, 2A/2B, or 97x overseas.

    >>> departement_code("2"), departement_code("974")
    ('02', '974')
    """
    code = value.strip().upper()
    if len(code) == 1 and code.isdigit():
        code = "0" + code
    if not _DEPARTEMENT.fullmatch(code):
        raise BadValue(f"'{value}' is not a département code (e.g. 62, 2A, 974)")
    return code


def departement_of_commune(code: str) -> str:
    """The département of a commune code (three digits overseas).

    >>> departement_of_commune("62193"), departement_of_commune("97411")
    ('62', '974')
    """
    return code[:3] if code.startswith("97") else code[:2]


def iso_date(value: str) -> date:
    """A calendar date written YYYY-MM-DD.

    >>> iso_date("2023-03-14")
    datetime.date(2023, 3, 14)
    """
    text = value.strip()
    if not _ISO_DATE.fullmatch(text):
        raise BadValue(f"'{value}' is not a date in the form YYYY-MM-DD")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise BadValue(f"'{value}' is not a real date") from None


def date_literal(value: str) -> Literal:
    """A year, a month or a day (YYYY, YYYY-MM or YYYY-MM-DD), typed as precisely as written.

    >>> date_literal("2014-10").datatype
    rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#gYearMonth')
    """
    text = value.strip()
    if _YEAR.fullmatch(text):
        return Literal(text, datatype=XSD.gYear)
    if _YEAR_MONTH.fullmatch(text):
        if not 1 <= int(text[5:]) <= 12:
            raise BadValue(f"'{value}' is not a real month")
        return Literal(text, datatype=XSD.gYearMonth)
    if _ISO_DATE.fullmatch(text):
        return Literal(iso_date(text).isoformat(), datatype=XSD.date)
    raise BadValue(f"'{value}' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")


def decimal_number(value: str, *, minimum: Decimal | None = None, maximum: Decimal | None = None) -> Decimal:
    """A number with a point as decimal separator, within bounds when given.

    >>> decimal_number("12500.50", minimum=Decimal(0))
    Decimal('12500.50')
    """
    text = value.strip()
    if "," in text and "." not in text:
        raise BadValue(f"'{value}' uses a comma: write the decimal separator as a point")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise BadValue(f"'{value}' is not a number") from None
    if not number.is_finite():
        raise BadValue(f"'{value}' is not a number")
    if minimum is not None and number < minimum:
        raise BadValue(f"{value} is below {'zero' if minimum == 0 else minimum}" +
                       (": an amount cannot be negative" if minimum == 0 else ""))
    if maximum is not None and number > maximum:
        raise BadValue(f"{value} is above {maximum}")
    return number


def choice(value: str, allowed: tuple[str, ...]) -> str:
    """One of the allowed values, exactly as written in the schema.

    >>> choice(" oui", ("oui", "non"))
    'oui'
    """
    text = value.strip()
    if text not in allowed:
        raise BadValue(f"'{value}' is not allowed (expected one of: {', '.join(allowed)})")
    return text
