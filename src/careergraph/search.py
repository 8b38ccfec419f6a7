"""Search over names, aliases and summaries: one index, built once per graph version.

Ranking, best first: the exact name > an exact alias > a prefix of a name or alias > every
word found in a name or alias (the last one may be a prefix, as while typing) > the same with
one typo in a word (of four letters or more, and only for words no name or alias uses: a word
the catalogue knows is taken as meant) > every word found in the summary. Ties go to names
over aliases, shorter strings, alphabetical order, then careers, skills, hubs, sources.

Speed comes from maps built up front, so a query never scans every string: exact strings,
a token → postings map, a sorted vocabulary (prefixes by bisection), the best few strings
for every one- and two-character prefix, and a map from one-deletion variants to the tokens
they come from (SymSpell's symmetric deletion: two words one edit apart share a variant).
"""
from __future__ import annotations

import heapq
import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass
from itertools import islice

from .kb import KnowledgeBase
from .linkgraph import node_key

TIERS = ("name", "alias", "prefix", "words", "typo", "summary")
KIND_ORDER = ("career", "skill", "hub", "citation")
TOKEN = re.compile(r"[^\W_]+[+#]*")  # words; "c++" and "c#" keep their sign
TYPO_MIN_LENGTH = 4  # shorter words have too many one-edit neighbours to guess from
MAX_QUERY_TOKENS = 12
SHORT_PREFIX = 2  # prefixes this short are answered from a precomputed best-few list
SHORT_PREFIX_KEEP = 50
MAX_PREFIX_EXPANSION = 500  # vocabulary words a three-plus-letter prefix may stand for


def tokens(text: str) -> tuple[str, ...]:
    """Case- and accent-insensitive words: 'Café Ångström' → ('cafe', 'angstrom')."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return tuple(TOKEN.findall("".join(c for c in decomposed if not unicodedata.combining(c))))


def normalize(text: str) -> str:
    return " ".join(tokens(text))


def within_one_edit(a: str, b: str) -> bool:
    """One insertion, deletion, substitution or swap of neighbouring letters apart (or equal)."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
        return len(diff) <= 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long = (a, b) if len(a) < len(b) else (b, a)
    i = next((i for i, (x, y) in enumerate(zip(short, long)) if x != y), len(short))
    return short[i:] == long[i + 1:]


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))}


def _typo_candidate(word: str) -> bool:
    return len(word) >= TYPO_MIN_LENGTH and not any(c.isdigit() for c in word)  # "2023" is no typo of "2024"


@dataclass(frozen=True)
class Document:
    """One searchable entity."""

    kind: str
    id: str
    name: str
    url: str
    aliases: tuple[str, ...] = ()
    summary: str = ""  # shown with a hit, and searched
    keywords: str = ""  # searched like the summary, never shown


@dataclass(frozen=True)
class Hit:
    document: Document
    tier: str
    matched: str  # the name or alias that matched (the name for a summary match)


def documents_from_kb(kb: KnowledgeBase) -> list[Document]:
    """Every career, skill, hub and citation with the strings a visitor may know it by.

    Each entity's id counts as an alias (a pasted URL slug finds it); a career's O*NET-SOC
    code too, and its `aliases` (O*NET alternate titles) once careers carry them.
    """
    cat = kb.catalogue

    def doc(kind, entity_id, name, aliases, summary, keywords=()):
        return Document(kind, entity_id, name, "/" + node_key(kind, entity_id),
                        tuple(a for a in dict.fromkeys((*aliases, entity_id)) if a and a != name),
                        summary, " ".join(k for k in keywords if k))

    out = []
    for c in cat.careers.values():
        onet = (c.alignments.onet_soc,) if c.alignments and c.alignments.onet_soc else ()
        out.append(doc("career", c.id, c.name, (*getattr(c, "aliases", ()), *onet), c.summary))
    for s in cat.skills.values():
        out.append(doc("skill", s.id, s.name, s.aliases, s.description, (s.category,)))
    for h in cat.hubs.values():
        out.append(doc("hub", h.id, h.title, (), h.intro, [sec.title for sec in h.sections]))
    for c in cat.citations.values():
        out.append(doc("citation", c.id, c.short or c.title, (c.title, c.doi), c.title,
                       (*c.authors, c.venue, *(f"{cl.headline} {cl.finding}" for cl in c.claims))))
    return out


class SearchIndex:
    def __init__(self, documents):
        self.documents: list[Document] = list(documents)
        self.texts: list[str] = []  # every name and alias, as written
        self.owner: list[int] = []  # string -> document
        self.order: list[tuple] = []  # string -> (alias?, words, text): names, then shorter, then a-z
        self.padded: list[str] = []  # string -> " its normalised words ", for substring tests
        self.exact: dict[str, list[int]] = {}
        self.postings: dict[str, set[int]] = {}
        self.summary_postings: dict[str, set[int]] = {}
        for d, document in enumerate(self.documents):
            for text, alias in ((document.name, False), *((a, True) for a in document.aliases)):
                self._add_string(d, text, alias)
            for word in set(tokens(f"{document.summary} {document.keywords}")):
                self.summary_postings.setdefault(word, set()).add(d)
        self.doc_rank = [(KIND_ORDER.index(doc.kind) if doc.kind in KIND_ORDER else len(KIND_ORDER), d)
                         for d, doc in enumerate(self.documents)]
        self.vocabulary = sorted(self.postings)
        self.variants: dict[str, list[str]] = {}
        for word in self.vocabulary:
            if _typo_candidate(word):
                for variant in _deletions(word):
                    self.variants.setdefault(variant, []).append(word)
        self.short_prefixes = self._best_short_prefixes()

    def _add_string(self, d: int, text: str, alias: bool) -> None:
        words = tokens(text)
        if not words:
            return
        s = len(self.texts)
        norm = " ".join(words)
        self.texts.append(text)
        self.owner.append(d)
        self.order.append((alias, len(words), text.casefold()))
        self.padded.append(f" {norm} ")
        self.exact.setdefault(norm, []).append(s)
        for word in set(words):
            self.postings.setdefault(word, set()).add(s)

    def _best_short_prefixes(self) -> dict[str, list[int]]:
        table: dict[str, list[int]] = {}
        for s in sorted(range(len(self.texts)), key=lambda s: (self.order[s], s)):
            for n in range(1, SHORT_PREFIX + 1):
                start = self.padded[s][1:n + 1]
                if len(start) == n and " " not in start:
                    bucket = table.setdefault(start, [])
                    if len(bucket) < SHORT_PREFIX_KEEP:
                        bucket.append(s)
        return table

    # --- asking ------------------------------------------------------------------------------
    def search(self, query: str, limit: int = 50) -> tuple[list[Hit], int]:
        """The best `limit` hits and how many entities matched in all."""
        words = tokens(query)[:MAX_QUERY_TOKENS]
        if not words:
            return [], 0
        best: dict[int, tuple] = {}  # document -> ((tier, string order), string); string -1: summary
        norm = " ".join(words)
        order, padded, start = self.order, self.padded, f" {norm}"
        self._offer(best, ((1 if order[s][0] else 0, s) for s in self.exact.get(norm, ())))
        self._offer(best, ((2 if padded[s].startswith(start) else 3, s)
                           for s in self._word_matches(words, [{w} for w in words])))
        spellings = [self._spellings(w) for w in words]
        if any(len(spelled) > 1 for spelled in spellings):
            self._offer(best, ((4, s) for s in self._word_matches(words, spellings)))
        summary_key = (len(TIERS) - 1, ())
        for d in self._summary_matches(words) - best.keys():
            best[d] = (summary_key, -1)
        top = heapq.nsmallest(limit, best.items(), key=lambda item: (item[1][0], self.doc_rank[item[0]]))
        hits = [Hit(self.documents[d], TIERS[key[0]], self.texts[s] if s >= 0 else self.documents[d].name)
                for d, (key, s) in top]
        return hits, len(best)

    def _offer(self, best: dict, ranked) -> None:
        """Keep each document's best match from (tier index, string) pairs."""
        owner, order = self.owner, self.order
        for tier, s in ranked:
            key, d = (tier, order[s]), owner[s]
            current = best.get(d)
            if current is None or key < current[0]:
                best[d] = (key, s)

    def _word_matches(self, words: tuple[str, ...], spellings: list[set[str]]) -> set[int]:
        """Strings holding a spelling of every word; the last word may also be the start of one."""
        found: set[int] | None = None
        for spelled in sorted(spellings[:-1], key=lambda sp: sum(len(self.postings.get(w, ())) for w in sp)):
            found = self._strings_with(spelled, found)
            if not found:
                return set()
        last, last_spellings = words[-1], spellings[-1]
        if found is None:  # a one-word query
            if len(last) <= SHORT_PREFIX:
                return set(self.short_prefixes.get(last, ())) | self.postings.get(last, set())
            return self._strings_with(last_spellings | set(self._prefixed(last)), None)
        expansion = last_spellings | set(self._prefixed(last))
        if (len(expansion) < MAX_PREFIX_EXPANSION
                and sum(len(self.postings.get(w, ())) for w in expansion) <= 4 * len(found)):
            return self._strings_with(expansion, found)  # set intersection beats a scan
        marks = [f" {last}", *(f" {w} " for w in last_spellings if w != last)]
        return {s for s in found if any(mark in self.padded[s] for mark in marks)}

    def _strings_with(self, spellings, within: set[int] | None) -> set[int]:
        """Strings holding any of the spellings (within `within`); may be the index's own set: read only."""
        postings = [self.postings[w] for w in spellings if w in self.postings]
        union = postings[0] if len(postings) == 1 else set().union(*postings)
        return union if within is None else within & union

    def _spellings(self, word: str) -> set[str]:
        """The word, and the catalogue's words one edit from it when the catalogue lacks it."""
        if not _typo_candidate(word) or word in self.postings:
            return {word}  # a word the catalogue uses is taken as meant
        near = {word}
        for variant in _deletions(word) | {word}:
            near.update(self.variants.get(variant, ()))
            if variant in self.postings:
                near.add(variant)  # the query has one letter too many
        return {w for w in near if within_one_edit(word, w)}

    def _prefixed(self, start: str):
        i = bisect_left(self.vocabulary, start)
        for word in islice(self.vocabulary, i, i + MAX_PREFIX_EXPANSION):
            if not word.startswith(start):
                break
            yield word

    def _summary_matches(self, words: tuple[str, ...]) -> set[int]:
        found: set[int] | None = None
        for word in sorted(words, key=lambda w: len(self.summary_postings.get(w, ()))):
            docs = self.summary_postings.get(word, set())
            found = docs if found is None else found & docs  # never changed in place: may be the index's own
            if not found:
                return set()
        return found or set()


def grouped(hits: list[Hit]) -> list[tuple[str, list[Hit]]]:
    """Hits by kind, the kind of the best hit first; ranking kept inside each group."""
    groups: dict[str, list[Hit]] = {}
    for hit in hits:
        groups.setdefault(hit.document.kind, []).append(hit)
    return list(groups.items())
