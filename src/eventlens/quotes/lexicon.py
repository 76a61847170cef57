"""The quote-cue lexicon (``data/quotes/cues.tsv``): reporting verbs, document nouns, platforms."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from eventlens.errors import ResourceError

log = logging.getLogger(__name__)

_KINDS = {"verb", "belief", "attitude", "noun", "prep", "document", "platform"}
_FRAMES = {"say", "request", "both", "object", "intent", "any", "-"}
# a few inflections the tagger's lemmatizer gets wrong ("hopes" → "hop")
_LEMMA_FIXES = {"hop": ("hope", "hopes", "hoped", "hoping")}


@dataclass(frozen=True, slots=True, kw_only=True)
class CueLexicon:
    """Reporting verbs (lemma → frame; ``beliefs`` are the verbs of stated belief among them,
    ``attitudes`` the verbs of stance, evaluation, desire or intention — "X criticized Y",
    "X wants to ..." — which are attributions but not speech), multi-word prepositions,
    document nouns, platforms."""

    verbs: dict[str, str]
    beliefs: frozenset[str]
    attitudes: frozenset[str] = frozenset()
    nouns: frozenset[str] = frozenset()  # "X's claim that ...", "X's criticism of Y"
    preps: tuple[tuple[str, ...], ...]
    documents: frozenset[str]
    platforms: frozenset[str]

    def verb_frame(self, lemma: str) -> str | None:
        return self.verbs.get(lemma.lower())

    def verb_kind(self, lemma: str) -> str | None:
        """"speech", "belief" or "attitude" for a cue verb lemma, else None."""
        lemma = lemma.lower()
        if lemma not in self.verbs:
            return None
        if lemma in self.attitudes:
            return "attitude"
        return "belief" if lemma in self.beliefs else "speech"

    @staticmethod
    def fix_lemma(lemma: str, text: str) -> str:
        """The lemma, corrected for a few known lemmatizer slips ("hopes" → "hope")."""
        fixed = _LEMMA_FIXES.get(lemma.lower())
        if fixed is not None and text.lower() in fixed[1:]:
            return fixed[0]
        return lemma

    def is_platform(self, text: str) -> bool:
        return " ".join(text.lower().split()) in self.platforms

    def is_document(self, lemma: str) -> bool:
        return lemma.lower() in self.documents


def parse_lexicon(text: str, *, source: str = "cues.tsv") -> CueLexicon:
    """Parse and validate the TSV text of a cue lexicon."""
    verbs: dict[str, str] = {}
    beliefs: set[str] = set()
    attitudes: set[str] = set()
    nouns: set[str] = set()
    preps: list[tuple[str, ...]] = []
    documents: set[str] = set()
    platforms: set[str] = set()
    header_seen = False
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        cols = [c.strip() for c in raw.split("\t")]
        if not header_seen:
            if cols != ["cue", "kind", "frame"]:
                raise ResourceError(f"{source}:{n}: expected header 'cue kind frame', got {cols}")
            header_seen = True
            continue
        if len(cols) != 3:
            raise ResourceError(f"{source}:{n}: expected 3 tab-separated columns, got {len(cols)}")
        cue, kind, frame = cols[0].lower(), cols[1], cols[2]
        if kind not in _KINDS or frame not in _FRAMES or not cue:
            raise ResourceError(f"{source}:{n}: bad row {cols} (kinds {_KINDS}, frames {_FRAMES})")
        if kind not in ("verb", "belief", "attitude") and frame != "-":
            raise ResourceError(f"{source}:{n}: {kind} {cue!r} takes no frame (use '-')")
        if kind in ("verb", "belief", "attitude"):
            if frame == "-":
                raise ResourceError(f"{source}:{n}: verb {cue!r} needs a frame")
            if cue in verbs:
                raise ResourceError(f"{source}:{n}: duplicate verb {cue!r}")
            verbs[cue] = frame
            if kind == "belief":
                beliefs.add(cue)
            elif kind == "attitude":
                attitudes.add(cue)
        elif kind == "noun":
            nouns.add(cue)
        elif kind == "prep":
            preps.append(tuple(cue.split()))
        elif kind == "document":
            documents.add(cue)
        else:
            platforms.add(" ".join(cue.split()))
    if not header_seen or not verbs:
        raise ResourceError(f"{source}: no header or no verbs; is the file truncated?")
    return CueLexicon(
        verbs=verbs,
        beliefs=frozenset(beliefs),
        attitudes=frozenset(attitudes),
        nouns=frozenset(nouns),
        preps=tuple(preps),
        documents=frozenset(documents),
        platforms=frozenset(platforms),
    )


@lru_cache(maxsize=1)
def load_lexicon() -> CueLexicon:
    """The packaged cue lexicon, validated once and cached."""
    path = resources.files("eventlens.data").joinpath("quotes").joinpath("cues.tsv")
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:  # pragma: no cover - broken install
        raise ResourceError(f"cannot read the quote-cue lexicon {path}: {exc}") from exc
    lex = parse_lexicon(text)
    log.debug("loaded %d reporting verbs", len(lex.verbs))
    return lex
