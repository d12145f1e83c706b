"""Editor text is escaped wherever it lands: Markdown, HTML and Mermaid."""

from __future__ import annotations

from html.parser import HTMLParser

import markdown

from journeybook.render import escape, mermaid
from journeybook.render.text import block, inline


class _Attributes(HTMLParser):
    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name
        self.values: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.values += [v or "" for k, v in attrs if k == self.name]


def attribute_values(html: str, name: str) -> list[str]:
    """Real attribute values as the browser decodes them (not text that looks like one)."""
    parser = _Attributes(name)
    parser.feed(html)
    return parser.values


def render(md: str) -> str:
    return markdown.markdown(md, extensions=["tables", "attr_list", "md_in_html"])


def test_inline_text_shows_exactly_what_was_typed() -> None:
    nasty = "Fill *this* in <img src=x onerror=alert(1)> [link](javascript:alert(1)) | `code` # 1."
    html = render(f"| a |\n| --- |\n| {inline(nasty)} |")
    assert "<img" not in html and "<em>" not in html and "<a " not in html and "<code>" not in html
    assert html.count("<td>") == 1  # the pipe did not split the cell
    # the browser shows the original characters
    import html as htmllib

    cell = html.split("<td>")[1].split("</td>")[0]
    assert htmllib.unescape(cell) == nasty


def test_inline_folds_newlines_so_tables_stay_whole() -> None:
    assert "\n" not in inline("one\ntwo\r\nthree")


def test_markdown_fields_format_but_never_run() -> None:
    html = block(
        "Some *emphasis* and [a link](https://example.org).\n\n"
        "<script>alert('x')</script>\n\n"
        "[bad](javascript:alert(1)) [worse](JaVaScRiPt:alert(1)) [entity](java&#115;cript:alert(1))\n\n"
        '<a href="javascript:alert(1)">raw</a> <img src=x onerror=alert(1)>'
    )
    assert "<em>emphasis</em>" in html
    assert 'href="https://example.org"' in html
    assert "<script" not in html and "<img" not in html
    hrefs = [h.strip().lower() for h in attribute_values(html, "href")]
    assert hrefs == ["https://example.org"]  # 'java&#115;cript:...' is a relative link: no page, no link
    assert not any(h.startswith("javascript:") for h in hrefs)
    assert "&lt;script&gt;" in html  # shown as text, not lost
    assert "onerror=alert(1)&gt;" in html


def test_mermaid_label_escapes_everything_but_letters_digits_and_spaces() -> None:
    assert escape.mermaid_label('Köp "x" <img src=x onerror=alert(1)>; #1: end') == (
        "Köp #34;x#34; #60;img src#61;x onerror#61;alert#40;1#41;#62;#59; #35;1#58; end"
    )


def test_mermaid_node_ids_are_generated_not_taken_from_labels() -> None:
    chain = mermaid.Chain({"a": ("Köp", "pain"), "b": ("Kåp", "cause"), "c": ("end", "item")}, [("a", "b"), ("b", "c")])
    body = mermaid.trace("t", "d", chain).split("accDescr: d\n", 1)[1]
    assert 'n1["Köp"]' in body and 'n2["Kåp"]' in body and 'n3["end"]' in body
    assert "n1 --> n2" in body and "n2 --> n3" in body


def test_mermaid_accessible_title_and_description() -> None:
    chart = mermaid.trace("Q: a", "D; b", mermaid.Chain())
    assert "accTitle: Q#58; a" in chart and "accDescr: D#59; b" in chart
