"""Loading from the cache keyed by content gives the same knowledge base; stale or broken entries never leak."""
import networkx as nx

from careergraph.kb import KnowledgeBase
from careergraph.loadcache import LoadCache


def edges(kb):
    return sorted((u, v, tuple(sorted(d.items()))) for u, v, d in kb.links.edges(data=True))


def test_warm_load_equals_cold_load(graph_copy, tmp_path):
    cache = tmp_path / "cache"
    cold = KnowledgeBase.load(graph_copy, cache_dir=cache)
    assert list(cache.glob("*.pickle")) and list(cache.glob("*.nt"))
    warm = KnowledgeBase.load(graph_copy, cache_dir=cache)
    assert warm.catalogue == cold.catalogue and warm.version == cold.version
    assert edges(warm) == edges(cold) and nx.utils.nodes_equal(warm.links.nodes(data=True), cold.links.nodes(data=True))
    assert set(warm.store) == set(cold.store)  # the RDF store is rebuilt from the cached N-Triples


def test_a_changed_file_is_a_new_version(graph_copy, tmp_path):
    cache = tmp_path / "cache"
    first = KnowledgeBase.load(graph_copy, cache_dir=cache)
    path = graph_copy / "careers" / "plain-career.yaml"
    path.write_text(path.read_text().replace("name: Plain Career", "name: Changed Career"))
    second = KnowledgeBase.load(graph_copy, cache_dir=cache)
    assert second.version != first.version and second.career("plain-career").name == "Changed Career"


def test_broken_entries_are_ignored_and_rewritten(graph_copy, tmp_path):
    cache = tmp_path / "cache"
    cold = KnowledgeBase.load(graph_copy, cache_dir=cache)
    for entry in cache.glob("*.pickle"):
        entry.write_bytes(b"not a pickle")
    for entry in cache.glob("*.nt"):
        entry.unlink()
    again = KnowledgeBase.load(graph_copy, cache_dir=cache)
    assert again.catalogue == cold.catalogue and len(again.store) == len(cold.store)
    assert LoadCache(cache, cold.version, cold.iris.base).read() is not None  # rewritten


def test_another_base_is_another_entry(graph_copy, tmp_path):
    cache = tmp_path / "cache"
    KnowledgeBase.load(graph_copy, cache_dir=cache)
    other = KnowledgeBase.load(graph_copy, "https://example.org/kb/", cache_dir=cache)
    assert any(str(s).startswith("https://example.org/kb/") for s, _, _ in other.rdf)
    assert len(list(cache.glob("*.pickle"))) == 2


def test_the_load_pauses_the_garbage_collector_and_gives_it_back(graph_copy, tmp_path, monkeypatch):
    import gc

    import careergraph.kb as kb_module

    seen = []
    real = kb_module.load_graph
    monkeypatch.setattr(kb_module, "load_graph", lambda folder: seen.append(gc.isenabled()) or real(folder))
    assert gc.isenabled()
    KnowledgeBase.load(graph_copy, cache_dir=tmp_path / "a")
    assert seen == [False] and gc.isenabled()
    gc.disable()
    try:  # a caller that had it off gets it back off
        KnowledgeBase.load(graph_copy, cache_dir=tmp_path / "b")
        assert not gc.isenabled()
    finally:
        gc.enable()
