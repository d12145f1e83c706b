"""Every word and number the generated pages print that does not come from the YAML.

The words live in gettext catalogs, ``locale/<language>/LC_MESSAGES/journeybook.po``:
``msgctxt`` is the key renderers look up (``ctx.L["journey_map"]``), ``msgid``
the English source and ``msgstr`` the translation. Translators use the usual
tools (Poedit, Weblate); a language is supported when its catalog is there, so
adding one is adding one file. The catalogs are read with Babel when first
needed (no compile step, nothing to forget before a build).

Numbers, amounts, percentages, durations and dates are formatted with Babel for
the page language: a decimal comma in Swedish and Finnish, plural forms from
the catalog's ``Plural-Forms`` ("1 dag", "2 dagar"). Thousands are grouped
with a narrow no-break space in every language, as before, and a percent sign
follows a space: a figure reads the same to every reader of the handbook and
never breaks across lines.

A key a catalog lacks (or leaves empty, or marks fuzzy) is shown in English;
``Labels.missing`` names those keys, and a test lists them per language, so an
incomplete catalog is seen, never silently shipped.
"""

from __future__ import annotations

import datetime as dt
import gettext
import logging
import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Final

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.messages.pofile import read_po
from babel.numbers import get_decimal_symbol, get_group_symbol, get_minus_sign_symbol, parse_pattern

log = logging.getLogger(__name__)

DOMAIN: Final = "journeybook"
SOURCE_LANGUAGE: Final = "en"
#: Where the catalogs are read from instead of the packaged ones (a test adds a language this way).
LOCALE_DIR_ENV: Final = "JOURNEYBOOK_LOCALE_DIR"
PACKAGE_LOCALE_DIR: Final = Path(__file__).resolve().parent.parent / "locale"
#: Groups thousands in every language (ISO 80000): "28 800", never "28,800" or "28.800".
GROUP_SEPARATOR: Final = "\u202f"
ENGLISH_PLURAL: Final = "(n != 1)"


def locale_dir() -> Path:
    """The folder holding ``<language>/LC_MESSAGES/journeybook.po``: $JOURNEYBOOK_LOCALE_DIR or the package's."""
    configured = os.environ.get(LOCALE_DIR_ENV)
    return Path(configured).resolve() if configured else PACKAGE_LOCALE_DIR


def supported_languages(folder: Path | None = None) -> tuple[str, ...]:
    """The languages with a catalog, English first: the one list the plugin, the CLI and the pages use."""
    return _languages(folder or locale_dir())


@lru_cache(maxsize=8)
def _languages(folder: Path) -> tuple[str, ...]:
    found = sorted(p.parent.parent.name for p in folder.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
    return tuple(sorted(found, key=lambda code: code != SOURCE_LANGUAGE))


LANGUAGES: Final[tuple[str, ...]] = supported_languages(PACKAGE_LOCALE_DIR)
"""The languages journeybook ships catalogs for."""


def language_code(language: str | None) -> str:
    """'sv-SE', 'fi_FI', 'SV' -> the catalog code ('sv', 'fi'); None -> English."""
    return (language or SOURCE_LANGUAGE).replace("_", "-").split("-")[0].strip().lower() or SOURCE_LANGUAGE


def is_supported(language: str | None, folder: Path | None = None) -> bool:
    return language_code(language) in supported_languages(folder)


def labels_for(language: str | None, folder: Path | None = None) -> Labels:
    """The labels and formats of a page language; a language without a catalog gets English.

    Callers that take a language from a user (the plugin's ``theme.language``)
    check :func:`is_supported` first and warn; this function never fails.
    """
    where = folder or locale_dir()
    code = language_code(language)
    return _load(code if code in supported_languages(where) else SOURCE_LANGUAGE, where)


# --- catalogs ---------------------------------------------------------------------


@dataclass(frozen=True)
class _Catalog:
    texts: dict[str, str]
    #: Forms of each plural key, with the rule that picks one (English's where the catalog lacks the key).
    plurals: dict[str, tuple[tuple[str, ...], Callable[[int], int]]]
    missing: frozenset[str]


def _read(path: Path) -> tuple[dict[str, str | tuple[str, ...]], dict[str, str | tuple[str, ...]], str]:
    """(translations, English sources, plural expression) of one catalog, keyed by msgctxt."""
    with path.open("rb") as handle:
        catalog = read_po(handle, domain=DOMAIN)
    strings: dict[str, str | tuple[str, ...]] = {}
    sources: dict[str, str | tuple[str, ...]] = {}
    for message in catalog:
        if not message.id or message.context is None:
            continue
        sources[message.context] = message.id if isinstance(message.id, str) else tuple(message.id)
        text = message.string
        forms = (text,) if isinstance(text, str) else tuple(text or ())
        if not message.fuzzy and forms and all(forms):
            strings[message.context] = text if isinstance(text, str) else forms
    return strings, sources, catalog.plural_expr


@lru_cache(maxsize=16)
def _catalog(code: str, folder: Path) -> _Catalog:
    """The catalog of code over the English source: every English key, translated where the catalog has it."""
    _, sources, _ = _read(folder / SOURCE_LANGUAGE / "LC_MESSAGES" / f"{DOMAIN}.po")
    if code == SOURCE_LANGUAGE:
        strings: dict[str, str | tuple[str, ...]] = dict(sources)
        expression = ENGLISH_PLURAL
    else:
        strings, _, expression = _read(folder / code / "LC_MESSAGES" / f"{DOMAIN}.po")
    plural, english = gettext.c2py(expression), gettext.c2py(ENGLISH_PLURAL)
    texts: dict[str, str] = {}
    plurals: dict[str, tuple[tuple[str, ...], Callable[[int], int]]] = {}
    missing: set[str] = set()
    for key, source in sources.items():
        own = strings.get(key)
        if own is None or isinstance(own, str) != isinstance(source, str):
            missing.add(key)
            own = source
        if isinstance(own, str):
            texts[key] = own
        else:
            plurals[key] = (own, english if key in missing else plural)
    if missing:
        log.debug("journeybook: %d labels missing in %s, shown in English: %s", len(missing), code, sorted(missing))
    return _Catalog(texts, plurals, frozenset(missing))


@lru_cache(maxsize=16)
def _load(code: str, folder: Path) -> Labels:
    return Labels(code, _catalog(code, folder))


def _babel_locale(code: str) -> Locale:
    try:
        return Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        return Locale.parse(SOURCE_LANGUAGE)


# --- the labels renderers read --------------------------------------------------------


class Labels(Mapping[str, str]):
    """The words of one page language (``L["key"]``) and its ways of writing numbers.

    A Mapping, so every ``ctx.L["key"]`` call site reads it like the dict it
    replaces; the methods add what a dict cannot: plural forms and numbers.
    """

    def __init__(self, language: str, catalog: _Catalog) -> None:
        self.language = language
        self.locale = _babel_locale(language)
        self._catalog = catalog
        self._group = get_group_symbol(self.locale)
        self._decimal = get_decimal_symbol(self.locale)
        self._minus = get_minus_sign_symbol(self.locale)
        self._thousands = self.locale.decimal_formats[None].grouping == (3, 3)

    @property
    def missing(self) -> frozenset[str]:
        """Keys this language's catalog lacks: they are shown in English."""
        return self._catalog.missing

    def __getitem__(self, key: str) -> str:
        return self._catalog.texts[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._catalog.texts)

    def __len__(self) -> int:
        return len(self._catalog.texts)

    # --- plurals ----------------------------------------------------------------

    def plural(self, key: str, count: float, **values: object) -> str:
        """The form of key for count, with ``{count}`` written as a number of the language.

        Gettext plural rules count whole things; a fraction (2.5 hours) takes
        the last form, the general plural in every language with a catalog.
        """
        forms, rule = self._catalog.plurals[key]
        index = rule(int(count)) if float(count).is_integer() else len(forms) - 1
        form = forms[min(index, len(forms) - 1)]
        return form.format(count=self.decimal(count), **values)

    # --- numbers ----------------------------------------------------------------

    def _format(self, value: float, decimals: int, *, trim: bool) -> str:
        """Digits by Python's formatting (as before), symbols by the language's CLDR data (via Babel).

        Babel's own pattern formatting costs a hundred times more per number,
        and pages print tens of thousands of them; the language's decimal sign,
        minus sign and grouping are all that differ between the catalogs'
        languages. A language that groups otherwise than by thousands (hi: 1,23,456)
        is formatted by Babel in full.
        """
        if not self._thousands:
            whole_part = self.locale.decimal_formats[None].pattern.split(";")[0].split(".")[0]
            pattern = whole_part + ("." + ("#" if trim else "0") * decimals if decimals > 0 else "")
            text: str = parse_pattern(pattern).apply(Decimal(repr(float(value))), self.locale)
            return text.replace(self._group, GROUP_SEPARATOR)
        text = f"{abs(value):,.{decimals}f}"
        if trim and "." in text:
            text = text.rstrip("0").rstrip(".")
        whole, _, fraction = text.partition(".")
        text = whole.replace(",", GROUP_SEPARATOR) + (self._decimal + fraction if fraction else "")
        if value < 0 and text.strip("0" + GROUP_SEPARATOR + self._decimal):
            return self._minus + text
        return text

    def number(self, value: float, decimals: int = 0) -> str:
        """A figure with exactly decimals decimals: ``28 800``, ``4,5`` in Swedish."""
        return self._format(value, decimals, trim=False)

    def decimal(self, value: float, max_decimals: int = 1) -> str:
        """A measured value: up to max_decimals decimals, none when it is whole (``2``, ``2,5``)."""
        return self._format(value, max_decimals, trim=True)

    def percent(self, share: float) -> str:
        """A share (0.25) as a whole percentage, ``25 %``: the number in the language's digits, then a space.

        The space is the handbook's house style in every language (ISO 80000-1,
        like the grouping above), so English pages keep the "25 %" they had.
        """
        return f"{self.number(share * 100)} %"

    def money(self, value: float, currency: str) -> str:
        """A whole amount followed by the organisation's currency as written (``28 800 SEK``).

        The currency is the editor's text (SEK, EUR, kr): Babel would upper-case
        it as an ISO code, so it is joined here. Callers pass it escaped for
        where the text lands (``inline``, ``attr``); the number needs no escaping.
        """
        return f"{self.number(value)} {currency}"

    def duration(self, hours: float) -> str:
        """A duration for readers: days when it is a day or more, else hours or minutes (``2,5 tuntia``)."""
        if hours <= 0:
            return self.number(0)
        if hours >= 24:
            return self.plural("days", round(hours / 24, 1))
        if hours >= 1:
            return self.plural("hours", round(hours, 1))
        return self.plural("minutes", round(hours * 60, 1))

    def date(self, day: dt.date, form: str = "long") -> str:
        """A date as the language writes it in a sentence (``3 March 2026``, ``3 mars 2026``)."""
        return str(format_date(day, form, locale=self.locale))

    def language_name(self, code: str) -> str:
        """The name of a language in this one (``sv`` -> Swedish, svenska); an unknown code as written."""
        try:
            name = Locale.parse(code.replace("-", "_")).get_display_name(self.locale)
        except (UnknownLocaleError, ValueError):
            return code
        return name[:1].upper() + name[1:] if name else code


__all__ = [
    "LANGUAGES",
    "LOCALE_DIR_ENV",
    "Labels",
    "is_supported",
    "labels_for",
    "language_code",
    "locale_dir",
    "supported_languages",
]
