"""Search latency: p50/p95 per query kind (exact, prefix, typo, multi-word) and index build time.

Two graphs: the default catalogue, and a large one at O*NET scale. The large one is the O*NET
import at build/onet when it exists; otherwise a synthetic graph (1,000 careers, 9,000 skills)
whose careers get 57,000 extra aliases, as O*NET's alternate titles will be: the real titles
from ../shared/data/onet/Alternate Titles.txt when that file is there, generated ones if not.
The baseline, measured in the same run over the same queries, is the exact-name path alone (a
normalisation and one dict lookup), so the ratio shows what ranking and typo tolerance cost.
Usage: .venv/bin/python bench/search.py [--queries N] [--runs N] [--large auto|onet|synthetic]
"""
from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from careergraph.kb import KnowledgeBase
from careergraph.search import SearchIndex, documents_from_kb, normalize
from careergraph.synthetic import write_synthetic_graph

ROOT = Path(__file__).resolve().parents[1]
ONET_BUILD = ROOT / "build" / "onet"
ALTERNATE_TITLES = ROOT.parent / "shared" / "data" / "onet" / "Alternate Titles.txt"
EXTRA_ALIASES = 57_000
WORDS = ("senior lead junior chief data software network systems clinical field research sales account "
         "marketing quality safety project operations product security cloud support service technical "
         "analyst engineer manager specialist technician coordinator consultant administrator developer "
         "designer scientist officer assistant supervisor director architect inspector planner").split()


def alias_strings(count: int, rng: random.Random) -> list[str]:
    titles = []
    if ALTERNATE_TITLES.exists():
        lines = ALTERNATE_TITLES.read_text(encoding="utf-8").splitlines()[1:]
        titles = [line.split("\t")[1] for line in lines if line.count("\t") >= 2]
    while len(titles) < count:
        titles.append(" ".join(rng.sample(WORDS, rng.randint(2, 4))).title())
    return titles[:count]


def with_aliases(documents, aliases: list[str]):
    careers = [i for i, d in enumerate(documents) if d.kind == "career"]
    extra: dict[int, list[str]] = {i: [] for i in careers}
    for n, alias in enumerate(aliases):
        extra[careers[n % len(careers)]].append(alias)
    return [replace(d, aliases=d.aliases + tuple(extra.get(i, ()))) for i, d in enumerate(documents)]


def typo(text: str, rng: random.Random) -> str:
    words = [w for w in text.split() if len(w) >= 5 and w.isalpha()]
    if not words:
        return text
    word = rng.choice(words)
    i = rng.randrange(1, len(word) - 1)
    edit = rng.choice(("drop", "swap", "change"))
    wrong = {"drop": word[:i] + word[i + 1:], "swap": word[:i - 1] + word[i] + word[i - 1] + word[i + 1:],
             "change": word[:i] + ("e" if word[i] != "e" else "a") + word[i + 1:]}[edit]
    return text.replace(word, wrong, 1)


def query_set(index: SearchIndex, n: int, rng: random.Random) -> dict[str, list[str]]:
    strings = [t for t in index.texts if len(t) >= 6]
    names = [d.name for d in index.documents]
    sample = lambda pool: [rng.choice(pool) for _ in range(n)]  # noqa: E731
    multi = [t for t in strings if len(t.split()) >= 3]
    return {
        "exact": sample(names),
        "prefix": [s[:rng.randint(3, max(3, len(s) - 2))] for s in sample(strings)],
        "typo": [typo(s, rng) for s in sample(strings)],
        "multi-word": [" ".join(rng.sample(s.split(), 2)) for s in sample(multi or strings)],
    }


def timed(fn, queries: list[str], runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        for q in queries:
            started = time.perf_counter()
            fn(q)
            samples.append(time.perf_counter() - started)
    return samples


def pct(samples: list[float], p: float) -> float:
    return statistics.quantiles(samples, n=100)[p - 1] * 1000 if len(samples) > 1 else samples[0] * 1000


def report(label: str, documents, args, rng: random.Random) -> None:
    started = time.perf_counter()
    index = SearchIndex(documents)
    build = time.perf_counter() - started
    queries = query_set(index, args.queries, rng)
    everything = [q for qs in queries.values() for q in qs]
    baseline = timed(lambda q: index.exact.get(normalize(q)), everything, args.runs)
    base_p50 = pct(baseline, 50)
    print(f"\n{label}: {len(index.documents):,} entities, {len(index.texts):,} names and aliases, "
          f"{len(index.vocabulary):,} words; index built in {build * 1000:,.0f} ms")
    print(f"  {'queries':<12}{'n':>6}{'p50 ms':>9}{'p95 ms':>9}{'x baseline':>12}{'found':>8}")
    print(f"  {'baseline':<12}{len(everything):>6}{base_p50:>9.3f}{pct(baseline, 95):>9.3f}{1:>12.1f}")
    for kind, qs in [*queries.items(), ("all", everything)]:
        samples = timed(index.search, qs, args.runs)
        found = sum(1 for q in qs if index.search(q, 1)[0]) / len(qs)
        print(f"  {kind:<12}{len(qs):>6}{pct(samples, 50):>9.3f}{pct(samples, 95):>9.3f}"
              f"{pct(samples, 50) / base_p50:>12.1f}{found:>8.0%}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--queries", type=int, default=200, help="queries per kind")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--large", choices=("auto", "onet", "synthetic"), default="auto",
                        help="the large graph: build/onet when it exists (auto), or always one of the two")
    args = parser.parse_args()
    rng = random.Random(7)
    report("default catalogue (graph/)", documents_from_kb(KnowledgeBase.load(ROOT / "graph")), args, rng)
    if args.large == "onet" or (args.large == "auto" and ONET_BUILD.exists()):
        report(f"O*NET import ({ONET_BUILD})", documents_from_kb(KnowledgeBase.load(ONET_BUILD)), args, rng)
        return
    with tempfile.TemporaryDirectory() as folder:
        kb = KnowledgeBase.load(write_synthetic_graph(folder, careers=1000, skills=9000))
        source = "O*NET alternate titles" if ALTERNATE_TITLES.exists() else "generated titles"
        report(f"synthetic graph + {EXTRA_ALIASES:,} career aliases ({source})",
               with_aliases(documents_from_kb(kb), alias_strings(EXTRA_ALIASES, rng)), args, rng)


if __name__ == "__main__":
    main()
