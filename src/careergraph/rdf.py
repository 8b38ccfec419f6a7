"""Records <-> RDF. The RDF graph is the canonical in-memory model: everything a page says
is in it, and `catalogue_from_rdf` reads the records back (the round-trip tests compare).

Multi-valued fields are plain triples (easy to query); where there is more than one value,
their order is kept as well in a `cg:sequence` node (`cg:ofProperty`, `cg:items` list), as
BIBO keeps `bibo:authorList` beside `dcterms:creator`. No blank nodes are made, so two dumps
of one graph compare as sets of triples.

The mapping writes N-Triples text, bulk-loaded into an Oxigraph store (the canonical model);
`rdflib_view` gives the same store through rdflib's API.
"""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Callable

import pyoxigraph as ox
from oxrdflib import OxigraphStore
from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from . import records as r
from .vocab import SCHEMA, Iris

CITATION_TYPES = {
    "article": SCHEMA.ScholarlyArticle,
    "report": SCHEMA.Report,
    "dataset": SCHEMA.Dataset,
    "webpage": SCHEMA.WebPage,
    "unattributed": None,
}


def bind_prefixes(graph: Graph, iris: Iris) -> None:
    graph.bind("cg", iris.cg)
    graph.bind("schema", SCHEMA, replace=True)
    for prefix, ns in (("skos", SKOS), ("dcterms", DCTERMS), ("prov", PROV), ("rdfs", RDFS), ("xsd", XSD)):
        graph.bind(prefix, ns)


XSD_BOOLEAN, XSD_INTEGER, XSD_DOUBLE = str(XSD.boolean), str(XSD.integer), str(XSD.double)
LIST_FIRST, LIST_REST, LIST_NIL = RDF.first, RDF.rest, RDF.nil


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")


def _object(value, datatype=None) -> str:
    """One RDF object in N-Triples syntax."""
    if isinstance(value, URIRef):
        return f"<{value}>"
    if isinstance(value, bool):
        return f'"{str(value).lower()}"^^<{XSD_BOOLEAN}>'
    if isinstance(value, int):
        return f'"{value}"^^<{XSD_INTEGER}>'
    if isinstance(value, float):
        return f'"{value!r}"^^<{XSD_DOUBLE}>'
    if datatype is not None:
        return f'"{_escape(str(value))}"^^<{datatype}>'
    return f'"{_escape(value)}"'


class _Terms:
    """The vocabulary's terms, each made once (a Namespace makes a new URIRef per lookup)."""

    def __init__(self, namespace):
        self._namespace = namespace

    def __getattr__(self, name: str) -> URIRef:
        term = self._namespace[name]
        setattr(self, name, term)
        return term


class _Writer:
    """Writes triples as N-Triples lines: plain string work, so large catalogues map fast.
    Lines are encoded in batches so the text never exists as a list and a string and bytes at
    once, and the batches are joined once at the end (fresh memory is slow to touch here)."""

    BATCH = 20000

    def __init__(self, iris: Iris, sink: Callable[[bytes], None] | None = None):
        self.lines: list[str] = []
        self.batches: list[bytes] = []
        self.sink = sink  # also given each batch of whole lines
        self.iris, self.cg = iris, _Terms(iris.cg)

    def flush(self) -> None:
        if self.lines:
            batch = "".join(self.lines).encode("utf-8")
            self.batches.append(batch)
            self.lines.clear()
            if self.sink is not None:
                self.sink(batch)

    def add(self, s, p, value, datatype=None):
        if value is None:
            return
        if type(value) is str and datatype is None:  # the common case, inlined
            self.lines.append(f'<{s}> <{p}> "{_escape(value)}" .\n')
        else:
            self.lines.append(f"<{s}> <{p}> {_object(value, datatype)} .\n")

    def add_all(self, s, p, values):
        values = list(values)
        for v in values:
            self.add(s, p, v)
        # a sorted list needs no record of its order: readers sort plain values anyway
        if len(values) > 1 and values != sorted(values):
            # IRIs rather than blank nodes: dumps compare as plain sets of triples
            local = "seq-" + str(p).rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1]
            seq = URIRef(f"{s}-{local}" if "#" in s else f"{s}#{local}")
            self.add(s, self.cg.sequence, seq)
            self.add(seq, self.cg.ofProperty, p)
            cells = [URIRef(f"{seq}-{i}") for i in range(1, len(values) + 1)]
            self.add(seq, self.cg.items, cells[0])
            for i, (cell, v) in enumerate(zip(cells, values)):
                self.add(cell, LIST_FIRST, v)
                self.add(cell, LIST_REST, cells[i + 1] if i + 1 < len(cells) else LIST_NIL)


def catalogue_to_ntriples(catalogue: r.Catalogue, iris: Iris, sink: Callable[[bytes], None] | None = None) -> bytes:
    w = _Writer(iris, sink)
    for kind, write in (("hubs", _hub), ("careers", _career), ("skills", _skill), ("citations", _citation)):
        for entity in getattr(catalogue, kind).values():
            write(w, entity)
            if len(w.lines) >= w.BATCH:
                w.flush()
    w.flush()
    return b"".join(w.batches)


def rdf_store(ntriples: bytes) -> ox.Store:
    """The canonical RDF model: an Oxigraph store (fast SPARQL, fast bulk loading)."""
    store = ox.Store()
    _load(store, ntriples)
    return store


def _load(store: ox.Store, ntriples: bytes) -> None:
    # lenient: the text comes from our own writer over checked records (slugs, checked URLs),
    # and skipping Oxigraph's re-validation of every term saves a quarter of the load
    store.load(ntriples, ox.RdfFormat.N_TRIPLES, lenient=True)


def catalogue_to_store(catalogue: r.Catalogue, iris: Iris) -> tuple[bytes, ox.Store]:
    """The catalogue's N-Triples and the store holding them, made together: a second thread
    loads each batch of lines while the next is written. pyoxigraph parses and inserts
    without holding Python's lock, so on two cores the load hides behind the writing."""
    store = ox.Store()
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="rdf-load") as loader:
        loads = []
        ntriples = catalogue_to_ntriples(catalogue, iris, sink=lambda batch: loads.append(
            loader.submit(_load, store, batch)))
        for done in loads:
            done.result()
    return ntriples, store


def rdflib_view(store: ox.Store, iris: Iris) -> Graph:
    """The same triples through rdflib's API (oxrdflib), for code and tests written against it."""
    graph = Graph(store=OxigraphStore(store=store), identifier=DATASET_DEFAULT_GRAPH_ID)
    bind_prefixes(graph, iris)
    return graph


def memory_graph(graph: Graph) -> Graph:
    """A plain rdflib in-memory copy, for libraries that walk every triple through rdflib (pyshacl):
    oxrdflib converts terms on each access and types plain literals as xsd:string."""
    inner = getattr(graph.store, "_inner", None)
    if not isinstance(inner, ox.Store):
        return graph
    copy = Graph()
    copy.parse(data=inner.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()), format="nt")
    return copy


def catalogue_to_rdf(catalogue: r.Catalogue, iris: Iris) -> Graph:
    return rdflib_view(rdf_store(catalogue_to_ntriples(catalogue, iris)), iris)


def _hub(w: _Writer, hub: r.Hub) -> None:
    cg, s = w.cg, w.iris.hub(hub.id)
    w.add(s, RDF.type, cg.Hub)
    w.add(s, RDF.type, SCHEMA.CollectionPage)
    w.add(s, RDFS.label, hub.title)
    w.add(s, cg.intro, hub.intro)
    w.add(s, cg.order, hub.order)
    for i, section in enumerate(hub.sections, 1):
        node = URIRef(f"{s}#section-{i}")
        w.add(s, cg.section, node)
        w.add(node, RDF.type, cg.HubSection)
        w.add(node, cg.position, i)
        w.add(node, RDFS.label, section.title)
        w.add(node, cg.intro, section.intro)
        w.add_all(node, cg.listsCareer, [w.iris.career(c) for c in section.careers])
        for c in section.careers:
            w.add(w.iris.career(c), cg.inHub, s)


def _career(w: _Writer, career: r.Career) -> None:
    cg, iris, s = w.cg, w.iris, w.iris.career(career.id)
    w.add(s, RDF.type, cg.Career)
    w.add(s, RDF.type, SCHEMA.Occupation)
    w.add(s, RDFS.label, career.name)
    w.add(s, SCHEMA.name, career.name)
    w.add_all(s, SKOS.altLabel, career.aliases)
    w.add(s, SCHEMA.description, career.summary)
    w.add(s, cg.jobZone, career.job_zone)
    w.add_all(s, PROV.wasDerivedFrom, [iris.citation(c) for c in career.derived_from])
    w.add(s, cg.demand, career.demand)
    w.add(s, cg.demandNote, career.demand_note)
    w.add_all(s, cg.neighbourOf, [iris.career(c) for c in career.neighbours])
    if career.alignments:
        w.add(s, cg.onetSocCode, career.alignments.onet_soc)
        w.add(s, SCHEMA.occupationalCategory, career.alignments.onet_soc)
        w.add(s, cg.escoOccupation, URIRef(career.alignments.esco) if career.alignments.esco else None)
    for i, stage in enumerate(career.path, 1):
        node = URIRef(f"{s}#stage-{i}")
        w.add(s, cg.pathStage, node)
        w.add(node, RDF.type, cg.CareerPathStage)
        w.add(node, cg.position, i)
        w.add(node, RDFS.label, stage.stage)
        w.add_all(node, cg.focus, stage.focus)
        w.add(node, cg.months, stage.months)
        if stage.salary:
            w.add(node, cg.salaryLow, stage.salary.low)
            w.add(node, cg.salaryHigh, stage.salary.high)
            w.add(node, cg.salaryCurrency, stage.salary.currency)
            w.add(node, cg.salaryClaim, iris.claim(stage.salary.claim))
    w.add_all(s, cg.claim, [iris.claim(c) for c in career.claims])
    for i, link in enumerate(career.skills, 1):
        node = iris.link(career.id, link.skill)
        w.add(s, cg.hasSkillLink, node)
        w.add(s, cg.requires, iris.skill(link.skill))
        w.add(node, RDF.type, cg.CareerSkillLink)
        w.add(node, cg.position, i)
        w.add(node, cg.career, s)
        w.add(node, cg.skill, iris.skill(link.skill))
        w.add(node, cg.importance, link.importance)
        w.add(node, cg.salaryImpact, link.salary_impact)
        w.add(node, cg.postingSignal, link.posting_signal)
        w.add(node, cg.why, link.why)
        if link.bands:
            w.add(node, cg.juniorBand, link.bands.junior)
            w.add(node, cg.midBand, link.bands.mid)
            w.add(node, cg.seniorBand, link.bands.senior)
        w.add_all(node, cg.pairsWith, [iris.skill(p) for p in link.pairs_with])
        w.add_all(node, cg.claim, [iris.claim(c) for c in link.claims])
        w.add(node, cg.hotTechnology, True if link.hot_technology else None)
        w.add(node, cg.inDemand, True if link.in_demand else None)
        w.add(node, cg.onetImportance, link.onet_importance, XSD.double)


def _skill(w: _Writer, skill: r.Skill) -> None:
    cg, iris, s = w.cg, w.iris, w.iris.skill(skill.id)
    w.add(s, RDF.type, cg.Skill)
    w.add(s, RDF.type, SKOS.Concept)
    w.add(s, RDF.type, SCHEMA.DefinedTerm)
    w.add(s, RDFS.label, skill.name)
    w.add(s, SKOS.prefLabel, skill.name)
    w.add_all(s, SKOS.altLabel, skill.aliases)
    w.add(s, SKOS.definition, skill.description)
    w.add(s, cg.category, skill.category)
    w.add(s, cg.applicability, skill.applicability)
    w.add(s, cg.learningRamp, skill.learning_ramp)
    for i, adj in enumerate(skill.adjacent, 1):
        node = URIRef(f"{s}#adjacent-{adj.skill}")
        w.add(s, cg.adjacentTo, iris.skill(adj.skill))
        w.add(s, cg.adjacency, node)
        w.add(node, RDF.type, cg.Adjacency)
        w.add(node, cg.position, i)
        w.add(node, cg.adjacentSkill, iris.skill(adj.skill))
        w.add(node, cg.weight, adj.weight, XSD.double)
    w.add_all(s, cg.usedBy, skill.used_by)
    w.add(s, cg.usedByContext, skill.used_by_context)
    w.add_all(s, cg.claim, [iris.claim(c) for c in skill.claims])
    w.add_all(s, PROV.wasDerivedFrom, [iris.citation(c) for c in skill.derived_from])


def _citation(w: _Writer, citation: r.Citation) -> None:
    cg, iris, s = w.cg, w.iris, w.iris.citation(citation.id)
    w.add(s, RDF.type, cg.Citation)
    w.add(s, RDF.type, DCTERMS.BibliographicResource)
    w.add(s, RDF.type, CITATION_TYPES[citation.kind])
    w.add(s, cg.kind, citation.kind)
    w.add(s, RDFS.label, citation.short or citation.title)
    w.add(s, DCTERMS.title, citation.title)
    w.add_all(s, DCTERMS.creator, citation.authors)
    w.add(s, cg.shortLabel, citation.short)
    w.add(s, cg.venue, citation.venue)
    w.add(s, DCTERMS.date, str(citation.year) if citation.year else None, XSD.gYear)
    w.add(s, SCHEMA.url, URIRef(citation.url) if citation.url else None)
    w.add(s, cg.doi, citation.doi)
    if citation.sample:
        w.add(s, cg.sampleSize, citation.sample.size)
        w.add(s, cg.sampleUnit, citation.sample.unit)
        w.add(s, cg.sampleApproximate, citation.sample.approximate)
    w.add(s, cg.design, citation.design)
    w.add(s, cg.replications, citation.replications)
    w.add(s, cg.attribution, citation.attribution)
    for i, claim in enumerate(citation.claims, 1):
        node = iris.claim(f"{citation.id}#{claim.id}")
        w.add(s, cg.hasClaim, node)
        w.add(node, RDF.type, cg.Claim)
        w.add(node, cg.position, i)
        w.add(node, PROV.wasDerivedFrom, s)
        w.add(node, RDFS.label, claim.headline)
        w.add(node, cg.headline, claim.headline)
        w.add(node, cg.finding, claim.finding)
        w.add(node, cg.topic, claim.topic)
        w.add(node, cg.status, claim.status)


# --- reading records back ------------------------------------------------------------------

class _Reader:
    def __init__(self, graph: Graph, iris: Iris):
        self.g, self.iris, self.cg = graph, iris, iris.cg

    def one(self, s, p):
        value = self.g.value(s, p)
        return value.toPython() if isinstance(value, Literal) else value

    def all(self, s, p) -> list:
        values = set(self.g.objects(s, p))
        for seq in self.g.objects(s, self.cg.sequence):
            if self.g.value(seq, self.cg.ofProperty) == p:
                ordered = list(Collection(self.g, self.g.value(seq, self.cg.items)))
                if set(ordered) == values:
                    values = ordered
        if isinstance(values, set):
            values = sorted(values)
        return [v.toPython() if isinstance(v, Literal) else v for v in values]

    def ordered_nodes(self, s, p) -> list:
        return sorted(self.g.objects(s, p), key=lambda n: self.one(n, self.cg.position) or 0)

    def ids(self, s, p) -> tuple[str, ...]:
        return tuple(self.iris.parse(str(v))[1] for v in self.all(s, p))

    def subjects(self, cls):
        return sorted(self.g.subjects(RDF.type, cls))


def catalogue_from_rdf(graph: Graph, iris: Iris) -> r.Catalogue:
    rd, cg = _Reader(graph, iris), iris.cg
    cat = r.Catalogue()
    for s in rd.subjects(cg.Hub):
        hub_id = iris.parse(str(s))[1]
        sections = tuple(
            r.HubSection(title=rd.one(n, RDFS.label), intro=rd.one(n, cg.intro), careers=rd.ids(n, cg.listsCareer))
            for n in rd.ordered_nodes(s, cg.section))
        cat.hubs[hub_id] = r.Hub(id=hub_id, title=rd.one(s, RDFS.label), intro=rd.one(s, cg.intro),
                                 order=rd.one(s, cg.order), sections=sections)
    for s in rd.subjects(cg.Career):
        cat.careers[iris.parse(str(s))[1]] = _read_career(rd, s)
    for s in rd.subjects(cg.Skill):
        skill_id = iris.parse(str(s))[1]
        adjacent = tuple(
            r.Adjacency(skill=iris.parse(str(rd.one(n, cg.adjacentSkill)))[1], weight=rd.one(n, cg.weight))
            for n in rd.ordered_nodes(s, cg.adjacency))
        cat.skills[skill_id] = r.Skill(
            id=skill_id, name=rd.one(s, SKOS.prefLabel), description=rd.one(s, SKOS.definition),
            aliases=tuple(rd.all(s, SKOS.altLabel)), category=rd.one(s, cg.category),
            applicability=rd.one(s, cg.applicability), learning_ramp=rd.one(s, cg.learningRamp),
            adjacent=adjacent, used_by=tuple(rd.all(s, cg.usedBy)),
            used_by_context=rd.one(s, cg.usedByContext), claims=_claim_refs(rd, s),
            derived_from=rd.ids(s, PROV.wasDerivedFrom))
    for s in rd.subjects(cg.Citation):
        cat.citations[iris.parse(str(s))[1]] = _read_citation(rd, s)
    for kind in r.KINDS:  # same order as the loader: by id
        entities = cat.of_kind(kind)
        ordered = dict(sorted(entities.items()))
        entities.clear()
        entities.update(ordered)
    return cat


def _claim_refs(rd: _Reader, s) -> tuple[str, ...]:
    return tuple(rd.iris.parse(str(v))[1] for v in rd.all(s, rd.cg.claim))


def _read_career(rd: _Reader, s) -> r.Career:
    cg, iris = rd.cg, rd.iris
    path = []
    for n in rd.ordered_nodes(s, cg.pathStage):
        salary = None
        if rd.one(n, cg.salaryLow) is not None:
            salary = r.Salary(low=rd.one(n, cg.salaryLow), high=rd.one(n, cg.salaryHigh),
                              currency=rd.one(n, cg.salaryCurrency),
                              claim=iris.parse(str(rd.one(n, cg.salaryClaim)))[1])
        path.append(r.PathStage(stage=rd.one(n, RDFS.label), focus=tuple(rd.all(n, cg.focus)),
                                salary=salary, months=rd.one(n, cg.months)))
    links = []
    for n in rd.ordered_nodes(s, cg.hasSkillLink):
        bands = r.Bands(junior=rd.one(n, cg.juniorBand), mid=rd.one(n, cg.midBand), senior=rd.one(n, cg.seniorBand))
        links.append(r.CareerSkillLink(
            skill=iris.parse(str(rd.one(n, cg.skill)))[1], importance=rd.one(n, cg.importance),
            salary_impact=rd.one(n, cg.salaryImpact), posting_signal=rd.one(n, cg.postingSignal),
            why=rd.one(n, cg.why), bands=bands if bands != r.Bands() else None,
            pairs_with=rd.ids(n, cg.pairsWith), claims=_claim_refs(rd, n),
            hot_technology=bool(rd.one(n, cg.hotTechnology)), in_demand=bool(rd.one(n, cg.inDemand)),
            onet_importance=rd.one(n, cg.onetImportance)))
    onet, esco = rd.one(s, cg.onetSocCode), rd.one(s, cg.escoOccupation)
    return r.Career(
        id=iris.parse(str(s))[1], name=rd.one(s, SCHEMA.name), summary=rd.one(s, SCHEMA.description),
        skills=tuple(links), demand=rd.one(s, cg.demand), demand_note=rd.one(s, cg.demandNote),
        neighbours=rd.ids(s, cg.neighbourOf),
        alignments=r.Alignments(onet_soc=onet, esco=str(esco) if esco else None) if (onet or esco) else None,
        path=tuple(path), claims=_claim_refs(rd, s), aliases=tuple(rd.all(s, SKOS.altLabel)),
        job_zone=rd.one(s, cg.jobZone), derived_from=rd.ids(s, PROV.wasDerivedFrom))


def _read_citation(rd: _Reader, s) -> r.Citation:
    cg = rd.cg
    claims = tuple(
        r.Claim(id=str(n).rsplit("#", 1)[1], headline=rd.one(n, cg.headline), finding=rd.one(n, cg.finding),
                topic=rd.one(n, cg.topic), status=rd.one(n, cg.status))
        for n in rd.ordered_nodes(s, cg.hasClaim))
    size = rd.one(s, cg.sampleSize)
    sample = r.Sample(size=size, unit=rd.one(s, cg.sampleUnit),
                      approximate=bool(rd.one(s, cg.sampleApproximate))) if size is not None else None
    year = rd.one(s, DCTERMS.date)
    url = rd.one(s, SCHEMA.url)
    return r.Citation(
        id=rd.iris.parse(str(s))[1], kind=rd.one(s, cg.kind), title=rd.one(s, DCTERMS.title), claims=claims,
        authors=tuple(rd.all(s, DCTERMS.creator)), short=rd.one(s, cg.shortLabel), venue=rd.one(s, cg.venue),
        year=int(str(year)[:4]) if year is not None else None, url=str(url) if url else None,
        doi=rd.one(s, cg.doi), sample=sample, design=rd.one(s, cg.design),
        replications=rd.one(s, cg.replications), attribution=rd.one(s, cg.attribution))
