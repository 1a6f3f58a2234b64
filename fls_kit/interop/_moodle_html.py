"""HTML in Moodle descriptions: written as language-tagged paragraphs, read back.

`<p lang="nb">text</p><p lang="en"><em>translation</em></p>` for a competency; the framework's
description adds a list of levels, `<li><strong>C</strong> <span lang="nb">Kompetent</span> /
<span lang="en">Competent</span></li>`. Descriptions that do not follow this (a framework made in
Moodle itself) are read as plain text in the file's language.
"""

from __future__ import annotations

import html
from html.parser import HTMLParser


def paragraphs(texts: dict[str, str], lang: str) -> str:
    out = []
    for x, text in texts.items():
        if text:
            inner = escape(text) if x == lang else f"<em>{escape(text)}</em>"
            out.append(f'<p lang="{x}">{inner}</p>')
    return "".join(out)


def escape(text: str) -> str:
    return html.escape(text, quote=False).replace("\\", "&#92;")


class Description(HTMLParser):
    """Texts of `<p lang="..">` paragraphs, level list items, and all text as a fallback."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: dict[str, str] = {}
        self.first_lang = ""
        self.plain: list[str] = []
        self.levels: list[tuple[str, dict[str, str]]] = []
        self._p_lang: str | None = None
        self._span_lang: str | None = None
        self._in_li = self._in_strong = False
        self._li_code: list[str] = []
        self._li_names: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        lang = dict(attrs).get("lang") or None
        if tag == "li":
            self._in_li, self._li_code, self._li_names = True, [], {}
        elif tag == "strong" and self._in_li:
            self._in_strong = True
        elif tag == "span" and self._in_li:
            self._span_lang = lang
        elif tag == "p" and not self._in_li:
            self._p_lang = lang
            if lang and not self.first_lang:
                self.first_lang = lang
        elif tag == "br":
            self.plain.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "li" and self._in_li:
            code = "".join(self._li_code).strip()
            if code:
                self.levels.append((code, {k: v.strip() for k, v in self._li_names.items()}))
            self._in_li = False
        elif tag == "strong":
            self._in_strong = False
        elif tag == "span":
            self._span_lang = None
        elif tag == "p":
            self._p_lang = None
            self.plain.append(" ")

    def handle_data(self, data: str) -> None:
        if self._in_li:
            if self._in_strong:
                self._li_code.append(data)
            elif self._span_lang:
                self._li_names[self._span_lang] = self._li_names.get(self._span_lang, "") + data
            return
        self.plain.append(data)
        if self._p_lang:
            self.texts[self._p_lang] = self.texts.get(self._p_lang, "") + data


def describe(raw: str, fmt: str) -> Description:
    parsed = Description()
    if fmt.strip() in {"2", "4"}:  # FORMAT_PLAIN, FORMAT_MARKDOWN: not HTML
        parsed.plain.append(raw)
    else:
        parsed.feed(raw)
        parsed.close()
    parsed.texts = {k: v.strip() for k, v in parsed.texts.items()}
    return parsed


def texts_of(parsed: Description, shortname: str, code: str, file_lang: str) -> dict[str, str]:
    if parsed.texts:
        return parsed.texts
    plain = " ".join("".join(parsed.plain).split())
    if not plain:  # no description: the short name less its leading code
        plain = shortname[len(code) :].strip() if shortname.startswith(code) else shortname
    return {file_lang: plain}
