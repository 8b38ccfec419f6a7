"""Values computed once per graph version (dumps, the ontology page, VoID), shared by the
requests of one process. A few entries only: the current version's, and the previous one's
while workers swap (web/state.py replaces a whole GraphState per version)."""
from __future__ import annotations

import threading
from collections import OrderedDict

_KEEP = 16
_cache: OrderedDict = OrderedDict()
_lock = threading.Lock()


def per_version(kb, name: str, build):
    """build() once per (graph version, base IRI, name)."""
    key = (kb.version, kb.iris.base, name)
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    value = build()  # outside the lock: a slow build must not hold up other names
    with _lock:
        _cache[key] = value
        while len(_cache) > _KEEP:
            _cache.popitem(last=False)
    return value
