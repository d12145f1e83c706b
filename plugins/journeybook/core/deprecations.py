"""Fields of the format that still work but have a better replacement: located warnings.

A handbook written for an older journeybook keeps building; `journeybook
validate` (and the build's log) shows each old field with its file, line and
what to write instead. Like the other warnings in ``book.warnings`` they do not
fail `validate --strict`: strict gates on gaps and reviews, and an old spelling
that still means the same must not turn a CI run red on upgrade.
"""

from __future__ import annotations

from collections.abc import Iterable

from .models import DEPRECATED_TERM_FIELDS, Base, GlossaryFile
from .problems import Problem
from .yamlsource import SourceFile


def deprecated_fields(parsed: Iterable[tuple[SourceFile, Base]]) -> list[Problem]:
    """A warning for each glossary term still written with `sv:` or `fi:` instead of `translations:`."""
    warnings = []
    for source, model in parsed:
        if not isinstance(model, GlossaryFile):
            continue
        for index, term in enumerate(model.terms):
            for name in DEPRECATED_TERM_FIELDS:
                if name in term.model_fields_set:
                    warnings.append(
                        source.problem(
                            ("terms", index, name),
                            f"'{name}:' is deprecated",
                            expected="the term's translations in 'translations:', by language code",
                            found=f"{name}: {getattr(term, name)}",
                            hint=f"write translations: {{{name}: {getattr(term, name)}}}",
                            key=True,
                            severity="warning",
                        )
                    )
    return warnings
