"""The theme's compiled templates, kept in memory between `mkdocs serve` rebuilds.

MkDocs makes a new Jinja environment for every build (``Theme.get_env``), and
a Jinja environment compiles each template it loads: mkdocs-material's
``main.html``, ``base.html`` and some forty partials, about half a second of
every rebuild. Jinja's own bytecode cache (``Environment.bytecode_cache``) is
the means to keep that work: it is asked before a template is compiled, by
template name and file, and it hands back code only when the checksum of the
template's source still matches. So an edited override is compiled again,
and an unchanged one is not.

Compiled code also depends on how the environment is set up (its syntax,
its extensions, which filters and tests exist and what they are passed), so
the entries are kept only while that stays the same; a change (an edited
mkdocs.yml, another plugin list) starts afresh.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import CodeType

from jinja2 import Environment
from jinja2.bccache import Bucket, BytecodeCache


def environment_settings(env: Environment) -> tuple[object, ...]:
    """What compiling a template depends on besides its source.

    The syntax the lexer reads, the extensions, whether code is async or
    optimised, autoescape and finalize, and the names of the filters and tests
    with what each is passed (context, environment): the compiler resolves
    those when it writes the code.
    """

    def passed(functions: Mapping[str, object]) -> tuple[tuple[str, str], ...]:
        return tuple(sorted((name, repr(getattr(f, "jinja_pass_arg", None))) for name, f in functions.items()))

    return (
        env.block_start_string,
        env.block_end_string,
        env.variable_start_string,
        env.variable_end_string,
        env.comment_start_string,
        env.comment_end_string,
        env.line_statement_prefix,
        env.line_comment_prefix,
        env.trim_blocks,
        env.lstrip_blocks,
        env.newline_sequence,
        env.keep_trailing_newline,
        tuple(sorted(env.extensions)),
        env.is_async,
        env.optimized,
        repr(env.autoescape),
        repr(getattr(env.finalize, "jinja_pass_arg", None)) if env.finalize else None,
        passed(env.filters),
        passed(env.tests),
    )


class TemplateCodeCache(BytecodeCache):
    """Jinja's bytecode cache, in memory: compiled code per template, with its source's checksum.

    ``compiled`` counts the templates compiled (a miss, or a changed source)
    and ``reused`` those served from the cache, since this cache was made.
    """

    def __init__(self) -> None:
        self.entries: dict[str, tuple[str, CodeType]] = {}
        self.settings: tuple[object, ...] | None = None
        self.compiled = 0
        self.reused = 0

    def attach(self, env: Environment) -> Environment:
        """Make env use this cache; entries compiled under other settings are dropped first."""
        settings = environment_settings(env)
        if settings != self.settings:
            self.clear()
            self.settings = settings
        env.bytecode_cache = self
        return env

    def load_bytecode(self, bucket: Bucket) -> None:
        entry = self.entries.get(bucket.key)
        if entry is not None and entry[0] == bucket.checksum:
            bucket.code = entry[1]
            self.reused += 1

    def dump_bytecode(self, bucket: Bucket) -> None:
        # Jinja calls this only after it compiled the template (no code, or an outdated checksum).
        if bucket.code is not None:
            self.entries[bucket.key] = (bucket.checksum, bucket.code)
            self.compiled += 1

    def clear(self) -> None:
        self.entries.clear()


__all__ = ["TemplateCodeCache", "environment_settings"]
