"""`careergraph build`: the whole site as static files."""
import json

from careergraph.cli import main
from careergraph.web.sitemap import all_page_paths

from .conftest import TINY


def test_build_writes_every_page_and_the_data_behind_pictures(tmp_path, tiny_kb, capsys):
    out = tmp_path / "site"
    assert main(["build", "--graph", str(TINY), str(out)]) == 0
    for path in all_page_paths(tiny_kb):
        page = out / path.strip("/") / "index.html" if path != "/" else out / "index.html"
        assert page.is_file(), path
        assert "<h1>" in page.read_text(encoding="utf-8")
    picture = json.loads((out / "api/graph/careers/hostile-career").read_text(encoding="utf-8"))
    assert picture["center"] == "careers/hostile-career"
    assert (out / "sitemap.xml").is_file() and (out / "static/js/graph.js").is_file()
    assert "files/s" in capsys.readouterr().err
