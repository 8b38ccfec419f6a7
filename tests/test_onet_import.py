"""The O*NET importer on small slices of the real files (tests/fixtures/onet)."""
import hashlib
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from careergraph.cli import main
from careergraph.importers.onet import import_onet, slugify
from careergraph.importers.onet_files import OnetFileError, read_onet
from careergraph.kb import KnowledgeBase
from careergraph.load import load_graph
from careergraph.sitecrawl import crawl
from careergraph.web import create_app

from .conftest import GRAPH

SLICE = Path(__file__).parent / "fixtures" / "onet"
ATTRIBUTION = ("This dataset includes information from the O*NET Database by the U.S. Department of Labor, "
               "Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0 license.")


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    out = tmp_path_factory.mktemp("onet") / "graph"
    counts = import_onet(SLICE, out, GRAPH)
    return out, counts


def digest(folder: Path) -> dict:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_slice_imports_into_a_valid_graph(imported, capsys):
    out, counts = imported
    # data-scientist, software-developer and ai-research-scientist carry three of the six codes
    assert counts["occupations"] == 6 and counts["enriched careers"] == 3 and counts["new careers"] == 3
    assert main(["validate", "--graph", str(out), "--quiet"]) == 0
    result = load_graph(out)
    in_slice = {line.split("\t")[0] for line in (SLICE / "Occupation Data.txt").read_text().splitlines()[1:]}
    socs = [c.alignments.onet_soc for c in result.catalogue.careers.values()
            if c.alignments and c.alignments.onet_soc in in_slice]
    assert len(socs) == len(set(socs)) == 6  # matched codes enrich, never duplicate


def test_data_scientists_enrich_the_hand_made_career(imported):
    out, _ = imported
    kb = KnowledgeBase.load(out)
    career = kb.career("data-scientist")
    linked = {l.skill for l in career.skills}
    assert {"python", "tensorflow", "kubernetes", "mlflow"} <= linked
    assert not (out / "skills" / "mlflow-2.yaml").exists()  # O*NET's "Mlflow" is our MLflow
    zones = dict(line.split("\t")[:2] for line in (SLICE / "Job Zones.txt").read_text().splitlines()[1:])
    assert "Data Scientists" in career.aliases and career.job_zone == int(zones["15-2051.00"])
    assert career.summary.startswith("Data scientists turn raw data")  # the hand-made text stays
    # O*NET's flags join the hand-made links: Python is Hot and In Demand, MLflow neither
    python = next(l for l in career.skills if l.skill == "python")
    assert python.hot_technology and python.in_demand and python.importance == "core"
    assert not next(l for l in career.skills if l.skill == "mlflow").hot_technology
    assert "onet-29-2" in career.derived_from


def test_catch_all_occupation_without_data_is_a_career_with_a_warning(imported):
    out, _ = imported
    result = load_graph(out)
    career = next(c for c in result.catalogue.careers.values()
                  if c.alignments and c.alignments.onet_soc == "15-1299.00")
    assert career.skills == ()
    assert any("links no skills" in p.message for p in result.problems.warnings if career.id in p.file)


def test_rated_skills_and_knowledge_become_links_with_their_importance(imported):
    out, _ = imported
    kb = KnowledgeBase.load(out)
    ceo = next(c for c in kb.catalogue.careers.values() if c.alignments and c.alignments.onet_soc == "11-1011.00")
    rated = [l for l in ceo.skills if l.onet_importance is not None]
    assert rated and all(l.onet_importance >= 3.5 for l in rated)
    assert all(l.importance == ("core" if l.onet_importance >= 4 else "important") for l in rated)
    assert any(kb.skill(l.skill).category == "O*NET Knowledge" for l in rated)


def test_import_is_idempotent(imported, tmp_path):
    out, _ = imported
    again = tmp_path / "again"
    shutil.copytree(out, again)
    import_onet(SLICE, again, GRAPH)
    assert digest(again) == digest(out)


def test_refuses_to_overwrite_a_folder_it_did_not_write(tmp_path, capsys):
    (tmp_path / "mine.txt").write_text("precious")
    assert main(["import", "onet", str(SLICE), "--out", str(tmp_path)]) == 1
    assert "was not written by `careergraph import`" in capsys.readouterr().err
    assert (tmp_path / "mine.txt").read_text() == "precious"


@pytest.mark.parametrize("name,damage,expected", [
    ("Technology Skills.txt", lambda t: t[: t.index("\n", 4000)] + "\n15-2051.00\tTruncated row\n",
     "Technology Skills.txt:{line}: found 2 tab-separated column(s), expected 6"),
    ("Occupation Data.txt", lambda t: t.replace("O*NET-SOC Code\tTitle", "Code\tTitle", 1),
     "Occupation Data.txt:1: header"),
    ("Job Zones.txt", lambda t: t.replace("15-2051.00", "15-2051", 1), "Job Zones.txt:{line}: O*NET-SOC Code '15-2051'"),
    ("Related Occupations.txt", lambda t: t.replace("Primary-Short\t", "Primary-Short\t", 1) + "99-9999.00\t15-1252.00\tPrimary-Short\t1\n",
     "Related Occupations.txt:{line}: O*NET-SOC code 99-9999.00 is not in Occupation Data.txt"),
])
def test_bad_or_truncated_input_names_file_and_line(tmp_path, capsys, name, damage, expected):
    broken = tmp_path / "onet"
    shutil.copytree(SLICE, broken)
    text = (broken / name).read_text(encoding="utf-8").replace("\r\n", "\n")
    damaged = damage(text)
    (broken / name).write_text(damaged, encoding="utf-8")
    line = next((i for i, l in enumerate(damaged.splitlines(), 1)
                 if l.startswith("15-2051\t") or l.startswith("99-9999.00") or l == "15-2051.00\tTruncated row"), 0)
    with pytest.raises(OnetFileError) as info:
        read_onet(broken)
    assert expected.format(line=line) in str(info.value)
    assert main(["import", "onet", str(broken), "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert "careergraph import:" in err and "Traceback" not in err


def test_missing_and_unreadable_files(tmp_path):
    broken = tmp_path / "onet"
    shutil.copytree(SLICE, broken)
    (broken / "Skills.xlsx").write_bytes(b"not a workbook")
    with pytest.raises(OnetFileError, match=r"Skills.xlsx: not a readable .xlsx workbook"):
        read_onet(broken)
    (broken / "Job Zones.txt").unlink()
    with pytest.raises(OnetFileError, match=r"Job Zones.txt: missing"):
        read_onet(broken)


def test_slugs_are_valid_ids():
    assert slugify("C++") == "c-plus-plus" and slugify("C#") == "c-sharp"
    assert slugify("Microsoft .NET Framework") == "microsoft-net-framework"
    assert slugify("Café Ångström") == "cafe-angstrom" and slugify("!!!") == "item"


def test_imported_pages_carry_the_attribution_and_crawl_cleanly(imported):
    out, _ = imported
    app = create_app({"GRAPH_DIR": str(out), "TESTING": True})
    client = app.test_client()
    page = BeautifulSoup(client.get("/careers/data-scientist/skills/python").data, "html.parser")
    assert ATTRIBUTION in " ".join(page.select_one("footer").get_text(" ", strip=True).split())
    assert "in demand" in page.select_one(".onet-flags").get_text()
    hand_made_only = BeautifulSoup(client.get("/careers/ml-platform-engineer").data, "html.parser")
    assert ATTRIBUTION not in hand_made_only.get_text()
    kb = app.extensions["careergraph"].state.kb
    site = crawl(app, [f"/hubs/{h}" for h in kb.catalogue.hubs])
    assert {p: s for p, s in site.status.items() if s >= 400} == {}
    drilldowns = [f"/careers/{c.id}/skills/{l.skill}" for c in kb.catalogue.careers.values() for l in c.skills]
    assert all(site.depth.get(d, 99) <= 3 for d in drilldowns)
