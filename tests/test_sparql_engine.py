"""The SPARQL engine without HTTP: what a query is, the protocol's rules, and the killable
worker process (formats, caps, time limit, restarts)."""
import os
import signal
import threading
import time

import pytest
from werkzeug.datastructures import MultiDict

from careergraph.formats import GRAPH_FORMATS, RESULT_FORMATS
from careergraph.sparql import LocalEngine, QueryJob, SparqlError, query_form, uses_service
from careergraph.sparql_remote import RemoteEngine, count_rows
from careergraph.web.sparqlprotocol import check_query, choose_formats, read_operation

from .sparqlcompare import ASKS, CONSTRUCTS, SELECTS, assert_same, parse_answer, q

JSON = "application/sparql-results+json"
PATHOLOGICAL = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f"


@pytest.mark.parametrize("text, form", [
    ("SELECT * {}", "SELECT"), ("  ask {}", "ASK"), ("DESCRIBE <x>", "DESCRIBE"),
    ("BASE <http://x/> PREFIX cg: <http://x/o#> PREFIX : <y> construct {} where {}", "CONSTRUCT"),
    ("# SELECT in a comment\nPREFIX a: <http://x/#SELECT> INSERT DATA {}", "UPDATE"),
    ("DELETE WHERE { ?s ?p ?o }", "UPDATE"), ("LOAD <http://x>", "UPDATE"), ("WITH <g> DELETE {} WHERE {}", "UPDATE"),
    ("", None), ("garbage", None), ("PREFIX broken SELECT", None),
])
def test_query_form(text, form):
    assert query_form(text) == form


def test_service_is_found_only_as_a_keyword():
    assert uses_service("SELECT * { SERVICE <http://x/> { ?s ?p ?o } }")
    assert uses_service("select * { service silent <http://x/> { } }")
    assert not uses_service("SELECT ?service { ?s <http://x/SERVICE> 'SERVICE' ; ex:SERVICE \"\"\"SERVICE\"\"\" }")
    assert not uses_service("SELECT * { ?s ?p ?o } # SERVICE <x>")


def _operation(method="GET", mimetype="", args=(), form=(), body=b"", charset=None):
    return read_operation(method, mimetype, MultiDict(list(args)), MultiDict(list(form)), body, charset)


def test_read_operation_accepts_the_three_ways_of_sending_a_query():
    assert _operation(args=[("query", "ASK {}"), ("format", "json")]).query == "ASK {}"
    assert _operation("POST", "application/x-www-form-urlencoded", form=[("query", "ASK {}")]).formats == ()
    post = _operation("POST", "application/sparql-query", body="ASK { ?s ?p 'é' }".encode("latin-1"), charset="latin-1")
    assert post.query == "ASK { ?s ?p 'é' }"
    assert _operation().query is None  # a bare GET


@pytest.mark.parametrize("kwargs, status", [
    ({"args": [("query", "ASK {}"), ("query", "ASK {}")]}, 400),
    ({"method": "POST", "mimetype": "application/sparql-query", "args": [("query", "ASK {}")], "body": b"ASK {}"}, 400),
    ({"method": "POST", "mimetype": "application/x-www-form-urlencoded",
      "form": [("query", "ASK {}"), ("update", "CLEAR ALL")]}, 400),
    ({"method": "POST", "mimetype": "application/x-www-form-urlencoded", "form": [("update", "CLEAR ALL")]}, 403),
    ({"method": "POST", "mimetype": "application/sparql-update", "body": b"CLEAR ALL"}, 403),
    ({"method": "POST", "mimetype": "text/plain", "body": b"ASK {}"}, 415),
    ({"method": "POST", "mimetype": "", "body": b""}, 415),
    ({"method": "POST", "mimetype": "application/x-www-form-urlencoded"}, 400),
    ({"args": [("query", "ASK {}"), ("named-graph-uri", "http://x/g")]}, 400),
    ({"method": "POST", "mimetype": "application/sparql-query", "body": b"\xff\xfe"}, 400),
])
def test_read_operation_refusals(kwargs, status):
    with pytest.raises(SparqlError) as refused:
        _operation(**kwargs)
    assert refused.value.status == status and refused.value.message


def test_check_query_refuses_before_running():
    for text, words in [(" ", "empty"), ("INSERT DATA {}", "read-only"), ("SELECT * { SERVICE <x> {} }", "SERVICE")]:
        with pytest.raises(SparqlError, match=words):
            check_query(text)
    assert check_query("SELECT * {}") == "SELECT" and check_query("nonsense") is None


def test_choose_formats():
    results, graph = choose_formats("SELECT", (), "text/csv")
    assert results.key == "csv" and graph is None
    assert choose_formats("CONSTRUCT", ("json-ld", "application/ld+json"), None)[1].key == "jsonld"
    assert choose_formats(None, (), None)[0].key == "json"
    with pytest.raises(SparqlError) as refused:
        choose_formats("CONSTRUCT", (), "text/csv")
    assert refused.value.status == 406 and "text/turtle" in refused.value.message


@pytest.fixture(scope="module")
def engine():
    engine = LocalEngine(memory_mb=2048)
    yield engine
    engine.close()


def run(engine, kb, text, results=JSON, graph="text/turtle", max_rows=10000, timeout=10.0, respond=None):
    return engine.run(kb, QueryJob(text, results, graph, max_rows), timeout, respond=respond)


def never(error):
    raise AssertionError(f"the watchdog answered {error.status}: {error.message}")


# Where the query runs: the worker process, or this process under the watchdog (as in a
# gunicorn sync worker, where the web process answers the request alone).
WHERE = {"worker": None, "in-process": never}


@pytest.mark.parametrize("where", WHERE)
@pytest.mark.parametrize("fmt", RESULT_FORMATS, ids=lambda f: f.key)
def test_select_in_every_results_format_matches_rdflib(engine, default_kb, fmt, where):
    for text in SELECTS:
        answer = run(engine, default_kb, q(text), results=fmt.mime, respond=WHERE[where])
        assert answer.mime == fmt.mime
        assert_same(answer.body, answer.mime, default_kb.rdf, q(text))


@pytest.mark.parametrize("where", WHERE)
@pytest.mark.parametrize("fmt", GRAPH_FORMATS, ids=lambda f: f.key)
def test_construct_in_every_graph_format_matches_rdflib(engine, default_kb, fmt, where):
    for text in CONSTRUCTS:
        answer = run(engine, default_kb, q(text), results=None, graph=fmt.mime, respond=WHERE[where])
        assert_same(answer.body, answer.mime, default_kb.rdf, q(text))


@pytest.mark.parametrize("where", WHERE)
def test_ask(engine, default_kb, where):
    for text, expected in ASKS.items():
        answer = run(engine, default_kb, q(text), results="application/sparql-results+xml", respond=WHERE[where])
        assert parse_answer(answer.body, answer.mime) is expected


@pytest.mark.parametrize("where", WHERE)
def test_errors_name_their_cause(engine, default_kb, where):
    cases = [("SELECT ?x WHERE { ?x ?y }", {}, 400, "Malformed query: error at 1:"),
             ("SELECT * WHERE { ?s ?p ?o }", {"max_rows": 100}, 422, "more than 100 rows"),
             ("CONSTRUCT WHERE { ?s ?p ?o }", {"max_rows": 100}, 422, "more than 100 rows"),
             ("CONSTRUCT WHERE { ?s ?p ?o } LIMIT 1", {"graph": None}, 406, "RDF format"),
             ("SELECT * WHERE { ?s ?p ?o } LIMIT 1", {"results": None}, 406, "results format")]
    for text, kwargs, status, words in cases:
        with pytest.raises(SparqlError) as failed:
            run(engine, default_kb, text, respond=WHERE[where], **kwargs)
        assert failed.value.status == status and words in failed.value.message


def test_a_query_past_the_limit_is_killed_and_the_next_gets_a_fresh_worker(default_kb):
    engine = LocalEngine()
    try:
        run(engine, default_kb, "ASK {}")
        first = engine._worker.proc
        started = time.monotonic()
        with pytest.raises(SparqlError) as stopped:
            run(engine, default_kb, PATHOLOGICAL, timeout=1.0)
        assert stopped.value.status == 503 and "1 s time limit" in stopped.value.message
        assert time.monotonic() - started < 2.0
        assert first.poll() == -signal.SIGKILL  # killed and reaped: no orphan keeps computing
        assert run(engine, default_kb, "ASK { ?s ?p ?o }").body == b'{"head":{},"boolean":true}'
        assert engine._worker.proc.pid != first.pid
    finally:
        engine.close()


def test_in_process_a_query_past_the_limit_is_answered_by_the_watchdog_then_its_process_killed(default_kb):
    """The real kill ends this process, so the query runs in a forked child; what the watchdog
    answered comes back through a pipe, and the child must have died of SIGKILL."""
    read_end, write_end = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - the child
        try:
            os.close(read_end)
            run(LocalEngine(), default_kb, PATHOLOGICAL, timeout=0.5,
                respond=lambda error: os.write(write_end, f"{error.status} {error.message}".encode()))
            os.write(write_end, b"finished")
        finally:
            os._exit(0)
    os.close(write_end)
    started = time.monotonic()
    while (done := os.waitpid(child, os.WNOHANG))[0] == 0 and time.monotonic() - started < 20:
        time.sleep(0.02)
    if done[0] == 0:
        os.kill(child, signal.SIGKILL)
        os.waitpid(child, 0)
    elapsed = time.monotonic() - started
    with os.fdopen(read_end, "rb") as said:
        answer = said.read().decode()
    assert os.WIFSIGNALED(done[1]) and os.WTERMSIG(done[1]) == signal.SIGKILL, done
    assert answer.startswith("503 ") and "0.5 s time limit" in answer, answer
    assert elapsed < 1.5, elapsed


def test_in_process_no_worker_process_is_started(default_kb):
    engine = LocalEngine()
    assert run(engine, default_kb, "ASK { ?s ?p ?o }", respond=never).body == b'{"head":{},"boolean":true}'
    assert engine._worker is None


def test_a_worker_that_dies_is_replaced(engine, default_kb):
    run(engine, default_kb, "ASK {}")
    os.kill(engine._worker.proc.pid, signal.SIGKILL)
    engine._worker.proc.wait()
    assert run(engine, default_kb, "ASK { ?s ?p ?o }").mime == JSON


def test_one_worker_per_graph_version(engine, default_kb, tiny_kb):
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    for kb in (default_kb, tiny_kb, default_kb):  # the worker holds the version's N-Triples
        triples = kb.ntriples().count(b"\n")
        assert run(engine, kb, count, results="text/csv").body == f"n\r\n{triples}\r\n".encode()
    assert engine._worker.key == (default_kb.version, default_kb.iris.base)


def test_concurrent_requests_queue_for_the_worker(engine, default_kb):
    answers = []
    threads = [threading.Thread(target=lambda: answers.append(run(engine, default_kb, "ASK { ?s ?p ?o }")))
               for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(answers) == 4


def test_count_rows_of_relayed_answers():
    assert count_rows(b"a,b\r\n1,\"x\ny\"\r\n2,3\r\n", "text/csv; charset=utf-8", 10) == 2
    assert count_rows(b'{"head":{"vars":["a"]},"results":{"bindings":[{},{}]}}', JSON, 10) == 2
    assert count_rows(b"<http://x/a> <http://x/b> <http://x/c> .\n" * 5, "application/n-triples", 3) == 4
    assert count_rows(b'{"head":{},"boolean":true}', JSON, 10) == 1
    with pytest.raises(SparqlError) as bad:
        count_rows(b"<html>", "text/html", 10)
    assert bad.value.status == 502


def test_remote_engine_reports_an_unreachable_server(default_kb):
    from .livesrv import free_port

    engine = RemoteEngine(f"http://127.0.0.1:{free_port()}/query")
    with pytest.raises(SparqlError) as failed:
        engine.run(default_kb, QueryJob("ASK {}", JSON, None, 10), 2.0)
    assert failed.value.status == 502 and "cannot be reached" in failed.value.message
    with pytest.raises(ValueError):
        RemoteEngine("file:///etc/passwd")
