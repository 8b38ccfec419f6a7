"""Crawl the site's internal link graph through the WSGI app (no server, no network).

Used by `careergraph links`, the crawler test and the site picture: which pages exist, which
internal links point where, what each answers, and how many clicks each page is from a
pillar hub.
"""
from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass, field
from html import unescape
from urllib.parse import urldefrag, urljoin, urlsplit


# Our pages are generated with double-quoted attributes, so two regular expressions read their
# links and ids several times faster than html.parser (which dominated a crawl's time).
HREF = re.compile(r'<a\s[^>]*?\bhref="([^"]*)"')
ID = re.compile(r'<[a-zA-Z][^>]*?\sid="([^"]*)"')


def _links_and_ids(html: str) -> tuple[list[str], set[str]]:
    return [unescape(h) for h in HREF.findall(html)], {unescape(i) for i in ID.findall(html)}


@dataclass
class SiteCrawl:
    status: dict[str, int] = field(default_factory=dict)  # path -> HTTP status
    links: dict[str, list[str]] = field(default_factory=dict)  # path -> internal link targets (with #)
    ids: dict[str, set[str]] = field(default_factory=dict)
    depth: dict[str, int] = field(default_factory=dict)  # clicks from the nearest pillar hub

    def broken_links(self) -> list[tuple[str, str, str]]:
        """(page, link, why) for links to error pages or to fragments that do not exist."""
        out = []
        for page, targets in self.links.items():
            for target in targets:
                path, fragment = urldefrag(target)
                path = path or page
                code = self.status.get(path)
                if code is None:
                    continue
                if code >= 400:
                    out.append((page, target, f"answers {code}"))
                elif fragment and fragment not in self.ids.get(path, set()):
                    out.append((page, target, f"no element with id {fragment!r}"))
        return out


def _internal(href: str, page: str) -> str | None:
    absolute = urljoin("http://site" + page, href)
    parts = urlsplit(absolute)
    if parts.netloc != "site" or parts.path.startswith("/static/"):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "") + (f"#{parts.fragment}" if parts.fragment else "")


def crawl(app, hubs: list[str], start: str = "/", limit: int | None = None) -> SiteCrawl:
    """Fetch every page reachable from the home page, then count clicks from the hubs."""
    result = SiteCrawl()
    client = app.test_client()
    queue = deque([start] + hubs)
    seen = set(queue)
    adapter = app.url_map.bind("localhost")
    while queue:
        path = queue.popleft()
        if _is_data(path):  # dumps and other files: a matching route is enough, no need to build them
            result.status[path] = 200 if _routed(adapter, path) else 404
            result.links[path] = []
            continue
        response = client.get(path)
        result.status[path] = response.status_code
        result.links[path] = []
        if response.status_code != 200 or response.mimetype != "text/html":
            continue
        hrefs, result.ids[path] = _links_and_ids(response.get_data(as_text=True))
        result.links[path] = [t for t in (_internal(h, path) for h in hrefs) if t]
        for target in result.links[path]:
            target_path = urldefrag(target)[0]
            if target_path not in seen and (limit is None or len(seen) < limit):
                seen.add(target_path)
                queue.append(target_path)
    result.depth = click_depths(result.links, hubs)
    return result


DATA_SUFFIXES = (".ttl", ".nt", ".jsonld", ".rdf", ".xml", ".txt", ".json", ".gz", ".rq")


def _is_data(path: str) -> bool:
    bare = path.split("?", 1)[0]
    return bare.endswith(DATA_SUFFIXES) or bare.startswith(("/api/", "/.well-known/"))


def _routed(adapter, path: str) -> bool:
    from werkzeug.exceptions import HTTPException
    from werkzeug.routing import RequestRedirect

    try:
        adapter.match(path.split("?", 1)[0], method="GET")
        return True
    except RequestRedirect:
        return True
    except HTTPException:
        return False


def click_depths(links: dict[str, list[str]], roots: list[str]) -> dict[str, int]:
    depth = {root: 0 for root in roots}
    queue = deque(roots)
    while queue:
        page = queue.popleft()
        for target in links.get(page, []):
            target_path = urldefrag(target)[0] or page
            if target_path not in depth:
                depth[target_path] = depth[page] + 1
                queue.append(target_path)
    return depth
