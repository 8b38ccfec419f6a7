"""Crawl the site's internal link graph through the WSGI app (no server, no network).

Used by `careergraph links`, the crawler test and the site picture: which pages exist, which
internal links point where, what each answers, and how many clicks each page is from a
pillar hub.
"""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit


class _LinkParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])


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
    while queue:
        path = queue.popleft()
        response = client.get(path)
        result.status[path] = response.status_code
        result.links[path] = []
        if response.status_code != 200 or response.mimetype != "text/html":
            continue
        parser = _LinkParser()
        parser.feed(response.get_data(as_text=True))
        result.ids[path] = parser.ids
        result.links[path] = [t for t in (_internal(h, path) for h in parser.links) if t]
        for target in result.links[path]:
            target_path = urldefrag(target)[0]
            if target_path not in seen and (limit is None or len(seen) < limit):
                seen.add(target_path)
                queue.append(target_path)
    result.depth = click_depths(result.links, hubs)
    return result


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
