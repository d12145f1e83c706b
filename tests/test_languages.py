"""Page languages: numbers and plurals as each language writes them, and a new language is one catalog file."""

from __future__ import annotations

import datetime as dt
import logging
import shutil
from pathlib import Path

import pytest

from catalogs import write_catalog
from conftest import MINI, ROOT, build_site, edit, write_config
from journeybook.cli import main
from journeybook.core import load_handbook
from journeybook.mkdocs_plugin import page_language
from journeybook.render import render_site
from journeybook.render.i18n import LANGUAGES, LOCALE_DIR_ENV, labels_for, supported_languages

#: A German catalog with a handful of keys: enough to see it used, and to see English where it has none.
GERMAN: dict[str, str | tuple[str, ...]] = {
    "journey_map": "Kundenreisekarte",
    "lead_time": "Durchlaufzeit",
    "total_waiting": "Wartezeit insgesamt",
    "days": ("{count} Tag", "{count} Tage"),
    "steps_in_phases": ("{steps} in {count} Phase", "{steps} in {count} Phasen"),
}

#: The mini glossary's term as written today, and as written before `translations:`.
MIGRATED = "    translations:\n      sv: kvitto\n      fi: kuitti"
OLD_FIELDS = "    sv: kvitto\n    fi: kuitti"


@pytest.fixture
def german(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The packaged catalogs plus de/LC_MESSAGES/journeybook.po, and journeybook pointed at them."""
    folder = tmp_path / "locale"
    write_catalog(folder, "de", GERMAN)
    monkeypatch.setenv(LOCALE_DIR_ENV, str(folder))
    return folder


def _page(language: str, path: str) -> str:
    return next(p.content for p in render_site(load_handbook(MINI), language) if p.path == path)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", ["**Lead time:** 12.1 days", "**Steps:** 3 in 2 phases", "(February 28, 2026)"]),
        ("sv", ["**Ledtid:** 12,1 dagar", "**Steg:** 3 i 2 faser", "(28 februari 2026)"]),
        ("fi", ["**Läpimenoaika:** 12,1 päivää", "**Vaiheet:** 3, 2 jaksossa", "(28. helmikuuta 2026)"]),
    ],
)
def test_figures_use_the_page_language(language: str, expected: list[str]) -> None:
    page = _page(language, "journeys/move-now/index.md")
    for text in expected:
        assert text in page


@pytest.mark.parametrize(
    ("language", "one_day", "two_days", "hours", "minute"),
    [
        ("en", "1 day", "2 days", "2.5 hours", "1 minute"),
        ("sv", "1 dag", "2 dagar", "2,5 timmar", "1 minut"),
        ("fi", "1 päivä", "2 päivää", "2,5 tuntia", "1 minuutti"),
    ],
)
def test_durations_take_the_plural_of_the_language(
    language: str, one_day: str, two_days: str, hours: str, minute: str
) -> None:
    L = labels_for(language)
    assert [L.duration(24), L.duration(48), L.duration(2.5), L.duration(1 / 60)] == [one_day, two_days, hours, minute]


def test_numbers_money_and_percentages() -> None:
    en, sv, fi = labels_for("en"), labels_for("sv"), labels_for("fi")
    assert (en.number(28800), sv.number(28800)) == ("28\u202f800", "28\u202f800")
    assert fi.number(1234567) == "1\u202f234\u202f567"
    assert (en.decimal(4.5), sv.decimal(4.5), fi.decimal(4.0)) == ("4.5", "4,5", "4")
    assert (en.number(15.04, 1), sv.number(15.04, 1)) == ("15.0", "15,0")
    assert sv.money(1250.4, "SEK") == "1\u202f250 SEK"
    assert (en.percent(0.6), fi.percent(0.6)) == ("60 %", "60 %")
    assert sv.date(dt.date(2026, 3, 3)) == "3 mars 2026"


def test_a_missing_translation_is_shown_in_english_and_named(german: Path) -> None:
    L = labels_for("de")
    assert L.language == "de"
    assert L["journey_map"] == "Kundenreisekarte"
    assert L["journeys"] == "Journeys"  # not in the German catalog
    assert "journeys" in L.missing and "journey_map" not in L.missing
    assert L.duration(36) == "1,5 Tage"


def test_an_empty_or_fuzzy_entry_counts_as_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_catalog(tmp_path, "de", {"journey_map": "Kundenreisekarte", "lead_time": ""})
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('msgctxt "journey_map"', '#, fuzzy\nmsgctxt "journey_map"'), encoding="utf-8")
    monkeypatch.setenv(LOCALE_DIR_ENV, str(tmp_path))
    L = labels_for("de")
    assert (L["journey_map"], L["lead_time"]) == ("Journey map", "Lead time")
    assert {"journey_map", "lead_time"} <= L.missing


def test_a_fourth_language_is_one_catalog_file(german: Path, tmp_path: Path) -> None:
    """The catalog alone makes `de` a language of the CLI, the renderers and the MkDocs plugin."""
    assert set(supported_languages()) == {*LANGUAGES, "de"}
    assert "de" not in LANGUAGES
    out = tmp_path / "export"
    assert main(["export", str(MINI), "--out", str(out), "--language", "de"]) == 0
    page = (out / "docs" / "journeys" / "move-now" / "index.md").read_text(encoding="utf-8")
    assert "## Kundenreisekarte" in page
    assert "**Durchlaufzeit:** 12,1 Tage" in page
    assert "**Steps:** 3 in 2 Phasen" in page  # "steps" is not in the catalog: English, visibly
    site = tmp_path / "site"
    build_site(write_config(tmp_path, MINI, "de"), site, strict=False)
    built = (site / "journeys" / "move-now" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="de"' in built
    assert "Kundenreisekarte" in built and "12,1 Tage" in built


def test_the_build_names_the_labels_a_catalog_lacks(german: Path, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO):
        assert page_language("de") == "de"
    assert "labels have no 'de' translation and show in English" in caplog.text
    assert "journeys" in caplog.text


def test_an_unsupported_theme_language_builds_in_english_with_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        assert page_language("tlh") == "en"
    assert "no labels for theme.language 'tlh'" in caplog.text
    assert ", ".join(LANGUAGES) in caplog.text
    assert page_language("sv-SE") == "sv"


def test_the_cli_offers_exactly_the_catalog_languages(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["export", str(MINI), "--out", "unused", "--language", "tlh"])
    assert f"choose from {', '.join(repr(code) for code in LANGUAGES)}" in capsys.readouterr().err


def test_page_scripts_hold_no_list_of_languages() -> None:
    """The script takes the words it needs from the page, so a new language needs no script change."""
    scripts = [*(ROOT / "plugins" / "journeybook" / "assets").glob("*.js"), *(ROOT / "overrides").rglob("*.js")]
    assert scripts
    for script in scripts:
        text = script.read_text(encoding="utf-8")
        assert not any(f"{code}:" in text or f'"{code}"' in text for code in LANGUAGES if code != "en"), script


def test_glossary_translations_in_any_language(mini: Path) -> None:
    edit(mini / "glossary.yml", "      fi: kuitti", "      fi: kuitti\n      de: Quittung\n      pt-BR: recibo")
    book = load_handbook(mini)
    assert book.warnings == ()
    page = next(p.content for p in render_site(book, "sv") if p.path == "glossary/index.md")
    for line in ("Svenska:** kvitto", "Finska:** kuitti", "Tyska:** Quittung", "Portugisiska (Brasilien):** recibo"):
        assert f"- **{line}\n" in page


def test_old_sv_and_fi_fields_still_work_with_a_located_warning(mini: Path) -> None:
    edit(mini / "glossary.yml", MIGRATED, OLD_FIELDS)
    book = load_handbook(mini, display_root=mini)
    assert book.terms["receipt"].translations == {"sv": "kvitto", "fi": "kuitti"}
    found = [(w.file, w.line, w.field, w.severity, w.hint) for w in book.warnings]
    assert found == [
        ("glossary.yml", 6, "terms[0].sv", "warning", "write translations: {sv: kvitto}"),
        ("glossary.yml", 7, "terms[0].fi", "warning", "write translations: {fi: kuitti}"),
    ]
    page = next(p.content for p in render_site(book) if p.path == "glossary/index.md")
    assert "**Swedish:** kvitto" in page


def test_old_fields_are_shown_by_validate_and_change_no_verdict(
    mini: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The warnings are printed, and neither `validate` nor `validate --strict` decides otherwise for them."""
    migrated = tmp_path / "migrated"
    shutil.copytree(mini, migrated)
    edit(mini / "glossary.yml", MIGRATED, OLD_FIELDS)
    verdicts = []
    for folder in (migrated, mini):
        for strict in ([], ["--strict"]):
            verdicts.append(main(["validate", str(folder), *strict]))
            err = capsys.readouterr().err
            assert ("'sv:' is deprecated" in err) == (folder == mini)
            assert ("write translations: {fi: kuitti}" in err) == (folder == mini)
    assert verdicts[:2] == verdicts[2:]
