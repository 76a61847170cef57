"""Token attributes read once per doc into plain lists (:class:`TokenTable`), shared by the
stages that scan every token of an article."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token


@dataclass(frozen=True, slots=True, kw_only=True)
class TokenTable:
    """The token attributes the event stage scans, read once per doc into plain lists.

    Reading a spaCy attribute costs a Token object and a string look-up each time, and the unit
    filter, the trigger matcher and the quote passes scan every token of an article; built once
    per doc and kept on it (never shared across articles). Index ``i`` is ``doc[i]``.
    """

    text: list[str]
    lower: list[str]
    lemma: list[str]  # lemma_.lower(), as triggers.lemma
    tag: list[str]
    is_alpha: list[bool]
    is_space: list[bool]
    is_title: list[bool]
    like_num: list[bool]

    def __len__(self) -> int:
        return len(self.text)

    @classmethod
    def of(cls, doc: "Doc | Iterable[Token]") -> "TokenTable":
        """The table of a doc (built from its attribute arrays, once, and kept on the doc like
        :func:`eventlens.nlp.doc_text`), or of any sequence of tokens."""
        from spacy.tokens import Doc

        if isinstance(doc, Doc):
            from eventlens.nlp import doc_cached

            return doc_cached(doc, "_eventlens_tokens", cls._of_doc)
        text: list[str] = []
        lower: list[str] = []
        lemma: list[str] = []
        tag: list[str] = []
        alpha: list[bool] = []
        space: list[bool] = []
        title: list[bool] = []
        num: list[bool] = []
        for t in doc:
            text.append(t.text)
            lower.append(t.lower_)
            lemma.append(t.lemma_.lower())
            tag.append(t.tag_)
            alpha.append(t.is_alpha)
            space.append(t.is_space)
            title.append(t.is_title)
            num.append(t.like_num)
        return cls(text=text, lower=lower, lemma=lemma, tag=tag, is_alpha=alpha, is_space=space,
                   is_title=title, like_num=num)

    @classmethod
    def _of_doc(cls, doc: "Doc") -> "TokenTable":
        arr = doc.to_array(_ATTRS)
        strings = doc.vocab.strings
        cols = arr.T.tolist() if len(doc) else [[] for _ in _ATTRS]
        return cls(text=[strings[h] for h in cols[0]], lower=[strings[h] for h in cols[1]],
                   lemma=[strings[h].lower() for h in cols[2]], tag=[strings[h] for h in cols[3]],
                   is_alpha=[bool(v) for v in cols[4]], is_space=[bool(v) for v in cols[5]],
                   is_title=[bool(v) for v in cols[6]], like_num=[bool(v) for v in cols[7]])


_ATTRS = ["ORTH", "LOWER", "LEMMA", "TAG", "IS_ALPHA", "IS_SPACE", "IS_TITLE", "LIKE_NUM"]
