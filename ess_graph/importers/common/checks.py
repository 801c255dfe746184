"""Checking and converting one cell value: identifiers, dates, numbers, codes.

Each function takes the text of a cell and returns the typed value, or raises :class:`BadValue`
with a message that says what is wrong and what was expected; the reader adds file, line and
column. The rules are those of the official registers (SIRENE's check digit, the RNA number,
the COG codes), so a typo is caught on import instead of creating a node nobody can merge.
"""

import re
from datetime import date, timedelta
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
_AMOUNT = re.compile(r"[0-9]+(\.[0-9]+)?")
_POSTAL_CODE = re.compile(r"[0-9]{5}")
_TELEPHONE = re.compile(r"\+[0-9][0-9 ]{7,}")
"""International format, as the shapes ask (essh:ContactPointShape)."""
_FRENCH_TELEPHONE = re.compile(r"0([1-9])[ .-]?([0-9]{2})[ .-]?([0-9]{2})[ .-]?([0-9]{2})[ .-]?([0-9]{2})")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")

EARLIEST_YEAR = 1000
"""Dates before this year are typing mistakes (0000, 0201...), or the RNA's 0001-01-01 for "no date"."""
YEARS_AHEAD = 100
"""Dates more than this many years ahead are typing mistakes (2999), even for a planned link."""
MAX_AMOUNT = Decimal(1_000_000_000)
"""One billion euros: no grant or loan to a local actor comes near it; 1e400 is a typing mistake."""


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


def _plausible_year(value: str, year: int) -> None:
    if year < EARLIEST_YEAR:
        raise BadValue(f"'{value}' is before the year {EARLIEST_YEAR}: not a plausible date")
    if year > date.today().year + YEARS_AHEAD:
        raise BadValue(f"'{value}' is more than {YEARS_AHEAD} years ahead: not a plausible date")


def iso_date(value: str) -> date:
    """A calendar date written YYYY-MM-DD, between the year 1000 and a hundred years from now.

    >>> iso_date("2023-03-14")
    datetime.date(2023, 3, 14)
    >>> iso_date("0000-01-01")
    Traceback (most recent call last):
    ...
    ess_graph.importers.common.checks.BadValue: '0000-01-01' is before the year 1000: not a plausible date
    """
    text = value.strip()
    if not _ISO_DATE.fullmatch(text):
        raise BadValue(f"'{value}' is not a date in the form YYYY-MM-DD")
    _plausible_year(value, int(text[:4]))
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
        _plausible_year(value, int(text))
        return Literal(text, datatype=XSD.gYear)
    if _YEAR_MONTH.fullmatch(text):
        _plausible_year(value, int(text[:4]))
        if not 1 <= int(text[5:]) <= 12:
            raise BadValue(f"'{value}' is not a real month")
        return Literal(text, datatype=XSD.gYearMonth)
    if _ISO_DATE.fullmatch(text):
        return Literal(iso_date(text).isoformat(), datatype=XSD.date)
    raise BadValue(f"'{value}' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")


def date_span(literal: Literal) -> tuple[date, date]:
    """The first and last days of a year, a month or a day written by :func:`date_literal`.

    >>> date_span(date_literal("2024-02"))
    (datetime.date(2024, 2, 1), datetime.date(2024, 2, 29))
    """
    text = str(literal)
    if literal.datatype == XSD.gYear:
        return date(int(text), 1, 1), date(int(text), 12, 31)
    if literal.datatype == XSD.gYearMonth:
        first = date(int(text[:4]), int(text[5:7]), 1)
        following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
        return first, following - timedelta(days=1)
    day = date.fromisoformat(text)
    return day, day


def past_date_literal(value: str) -> Literal:
    """A date (YYYY, YYYY-MM or YYYY-MM-DD) that has begun: a founding date cannot be in the future.

    >>> past_date_literal("2999")
    Traceback (most recent call last):
    ...
    ess_graph.importers.common.checks.BadValue: '2999' is in the future: a founding date is a date that has passed
    """
    text = value.strip()
    future = BadValue(f"'{value}' is in the future: a founding date is a date that has passed")
    if text[:4].isdigit() and int(text[:4]) > date.today().year:
        raise future
    literal = date_literal(value)
    if date_span(literal)[0] > date.today():
        raise future
    return literal


def ends_before_start(start: Literal, end: Literal) -> bool:
    """Whether a period ends before it starts (2019 ends before 2020-01-15; 2020 does not).

    >>> start = date_literal("2020-01-15")
    >>> ends_before_start(start, date_literal("2019")), ends_before_start(start, date_literal("2020"))
    (True, False)
    """
    return date_span(end)[1] < date_span(start)[0]


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


def amount(value: str) -> Decimal:
    """An amount in euros: digits and at most two decimals after a point, not negative, below a billion.

    >>> amount("12500.50"), amount("12500.500")
    (Decimal('12500.50'), Decimal('12500.500'))
    >>> amount("0.001")
    Traceback (most recent call last):
    ...
    ess_graph.importers.common.checks.BadValue: '0.001' has more than two decimals: an amount is in euros and cents
    """
    number = decimal_number(value, minimum=Decimal(0))
    text = value.strip()
    if not _AMOUNT.fullmatch(text):
        raise BadValue(f"'{value}' is not an amount written in digits, with a point before the cents (12500.50)")
    if number > MAX_AMOUNT:
        raise BadValue(f"'{value}' is more than one billion euros: not a plausible amount")
    if number != number.quantize(Decimal("0.01")):
        raise BadValue(f"'{value}' has more than two decimals: an amount is in euros and cents")
    return number


def postal_code(value: str) -> str:
    """A French postal code: five digits.

    >>> postal_code(" 62100 ")
    '62100'
    >>> postal_code("ABCDE")
    Traceback (most recent call last):
    ...
    ess_graph.importers.common.checks.BadValue: 'ABCDE' is not a postal code (5 digits, e.g. 62100)
    """
    code = value.strip()
    if not _POSTAL_CODE.fullmatch(code):
        raise BadValue(f"'{value}' is not a postal code (5 digits, e.g. 62100)")
    return code


def telephone(value: str) -> str:
    """A telephone number in international format: +, the country code, digits and spaces.

    >>> telephone("+33 3 21 00 00 00")
    '+33 3 21 00 00 00'
    >>> telephone("03.21.00.00.00")
    Traceback (most recent call last):
    ...
    ess_graph.importers.common.checks.BadValue: '03.21.00.00.00' is not in international format: write +33 3 21 00 00 00
    """
    text = value.strip()
    if _TELEPHONE.fullmatch(text):
        return text
    french = _FRENCH_TELEPHONE.fullmatch(text)
    if french:
        raise BadValue(f"'{value}' is not in international format: write +33 {' '.join(french.groups())}")
    raise BadValue(f"'{value}' is not a telephone number in international format (+33 3 21 00 00 00: a +, the "
                   "country code, then digits and spaces)")


def email(value: str) -> str:
    """An email address: one @, a domain with a dot, no spaces.

    >>> email("contact@example.org")
    'contact@example.org'
    """
    text = value.strip()
    if not _EMAIL.fullmatch(text):
        raise BadValue(f"'{value}' is not an email address (name@example.org)")
    return text


def choice(value: str, allowed: tuple[str, ...]) -> str:
    """One of the allowed values, exactly as written in the schema.

    >>> choice(" oui", ("oui", "non"))
    'oui'
    """
    text = value.strip()
    if text not in allowed:
        raise BadValue(f"'{value}' is not allowed (expected one of: {', '.join(allowed)})")
    return text
