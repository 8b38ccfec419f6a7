"""The command line: exit codes, messages, exports; never a traceback."""
import subprocess
import sys

import networkx as nx
from rdflib import Graph

from careergraph.cli import main

from .conftest import TINY


def test_validate_exit_codes_and_messages(graph_copy, capsys):
    assert main(["validate", "--graph", str(TINY)]) == 0
    out, err = capsys.readouterr()
    assert "0 error(s)" in err and "warning: demand: missing" in out
    (graph_copy / "skills" / "skill-c.yaml").write_text("name: C\ndescription: d\nlearning_ramp: vertical\n")
    assert main(["validate", "--graph", str(graph_copy), "-q"]) == 1
    out, err = capsys.readouterr()
    assert "skill-c.yaml:3:16: error: learning_ramp: found text 'vertical', expected one of gentle" in out
    assert "warning" not in out and "1 error(s)" in err


def test_validate_missing_folder(tmp_path, capsys):
    assert main(["validate", "--graph", str(tmp_path / "nowhere")]) == 1
    assert "no such graph folder" in capsys.readouterr().out


def test_stats_counts(capsys):
    assert main(["stats", "--graph", str(TINY)]) == 0
    rows = dict(line.rsplit(None, 1) for line in capsys.readouterr().out.splitlines())
    assert rows["careers"] == "3" and rows["skills"] == "3" and rows["hubs"] == "1"
    assert rows["career-skill links"] == "5" and rows["claims"] == "2" and rows["errors"] == "0"


def test_export_formats_to_files(tiny_kb, tmp_path):
    for fmt, parser in (("ttl", "turtle"), ("nt", "nt"), ("jsonld", "json-ld")):
        out = tmp_path / f"dump.{fmt}"
        assert main(["export", "--graph", str(TINY), "--format", fmt, "-o", str(out)]) == 0
        assert set(Graph().parse(out, format=parser)) == set(tiny_kb.rdf)
    out = tmp_path / "links.graphml"
    assert main(["export", "--graph", str(TINY), "--format", "graphml", "-o", str(out)]) == 0
    g = nx.read_graphml(out)
    assert g.number_of_nodes() == tiny_kb.links.number_of_nodes()
    assert g.number_of_edges() == tiny_kb.links.number_of_edges()


def test_export_refuses_a_broken_graph_and_unwritable_output(graph_copy, tmp_path, capsys):
    assert main(["export", "--graph", str(TINY), "--format", "ttl", "-o", str(tmp_path / "no" / "x.ttl")]) == 2
    assert "No such file or directory" in capsys.readouterr().err
    (graph_copy / "skills" / "skill-c.yaml").write_text("name: [\n")
    assert main(["export", "--graph", str(graph_copy), "--format", "ttl"]) == 1
    assert "refusing to export" in capsys.readouterr().err


def test_console_script_prints_no_traceback_on_bad_yaml(graph_copy):
    (graph_copy / "careers" / "plain-career.yaml").write_text("name: : :\n\tsummary: [\n")
    proc = subprocess.run([sys.executable, "-m", "careergraph.cli", "validate", "--graph", str(graph_copy)],
                          capture_output=True, text=True)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stdout + proc.stderr
    assert "plain-career.yaml:1:" in proc.stdout and "malformed YAML" in proc.stdout


def test_links_reports_health_of_the_internal_link_graph(capsys):
    assert main(["links", "--graph", str(TINY)]) == 0
    out = capsys.readouterr().out
    assert "pages unreachable from any pillar hub: 0" in out and "broken internal links: 0" in out
    assert "deepest drilldown: 2 click(s) from a pillar hub" in out


def test_broken_links_are_found_by_status_and_fragment():
    from careergraph.sitecrawl import SiteCrawl, click_depths

    site = SiteCrawl(status={"/a": 200, "/b": 404, "/c": 200},
                     links={"/a": ["/b", "/c#there", "/c#missing", "#self"], "/b": [], "/c": []},
                     ids={"/a": {"self"}, "/c": {"there"}})
    assert site.broken_links() == [("/a", "/b", "answers 404"), ("/a", "/c#missing", "no element with id 'missing'")]
    assert click_depths(site.links, ["/a"]) == {"/a": 0, "/b": 1, "/c": 1}
