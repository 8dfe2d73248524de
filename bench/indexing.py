"""Benchmark: text analysis for the index — documents per second and bytes of tokens per document, for the market's
normal texts and for adversarial ones (what an attacker or a careless client can put in a field).

    .venv/bin/python bench/indexing.py --documents 2000

Normal documents are the demo market's instrument, result and demand texts; adversarial ones are 100 KB fields of
one digit run, one letter run, code-like runs, repeated Chinese and spaced numbers. Each is analysed exactly as a
search document is (``index_tokens`` of the title twice and of the body). Prints, per kind: documents/s, p95 and
max ms per document, tokens and bytes per document, and the ratio of the adversarial worst case to the normal
median — the bounds in ``search.analysis`` keep every adversarial document within a small constant of a normal one.
"""

import argparse
import os
import sys
import time

from _setup import ROOT, percentile


def normal_texts():
    from demands.demo import data as demands
    from instruments.demo import data as instruments
    from tech_transfer.demo import data as results

    for i in instruments.INSTRUMENTS:
        yield i["name"], " ".join([i["name"], i["model_number"], i["manufacturer"], i["capabilities"]])
    for r in results.RESULTS:
        yield r["title"], " ".join([r["title"], r["abstract"], " ".join(r["keywords"])])
    for d in demands.DEMANDS:
        yield d["title"], " ".join([d["title"], d["problem"], d["target_indicators"]])


ADVERSARIAL = {
    "100 KB of one digit": "7" * 100_000,
    "100 KB of one letter": "x" * 100_000,
    "100 KB of code-like runs": "ab-12." * 17_000,
    "100 KB of Chinese": "注塑模具随形冷却水路设计" * 2_800,
    "100 KB of spaced numbers": "1234567 " * 12_500,
}


def measure(label, pairs, documents):
    from search.analysis import index_tokens, tokens_text

    pairs = list(pairs)
    times, sizes, counts = [], [], []
    started = time.perf_counter()
    for n in range(documents):
        title, body = pairs[n % len(pairs)]
        t0 = time.perf_counter()
        tokens = index_tokens(title) * 2 + index_tokens(body)
        text = tokens_text(tokens)
        times.append(time.perf_counter() - t0)
        sizes.append(len(text.encode()))
        counts.append(len(tokens))
    total = time.perf_counter() - started
    ms = sorted(t * 1000 for t in times)
    sizes.sort()
    print(f"{label:<28} {documents / total:9.0f} docs/s  p95 {percentile(ms, 0.95):7.2f} ms  max {ms[-1]:7.2f} ms  "
          f"tokens/doc {sum(counts) / len(counts):7.0f}  bytes/doc p50 {percentile(sizes, 0.5):7.0f} "
          f"max {sizes[-1]:7.0f}")  # fmt: skip
    return percentile(ms, 0.5), ms[-1], sizes[-1]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=2000, help="normal documents analysed")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings")
    import django

    django.setup()  # the demo texts live in the apps' demo modules; no database is touched
    from search.analysis import index_tokens

    index_tokens("预热")  # load jieba's dictionary once, outside the measurement
    normal_median, _worst, normal_bytes = measure("normal market texts", normal_texts(), args.documents)
    worst_ms, worst_bytes = 0.0, 0
    for label, text in ADVERSARIAL.items():
        _p50, worst, size = measure(label, [("标题", text)], 20)
        worst_ms, worst_bytes = max(worst_ms, worst), max(worst_bytes, size)
    print(f"\nadversarial worst case: {worst_ms:.1f} ms per document ({worst_ms / normal_median:.0f}x the normal "
          f"median), {worst_bytes} bytes of tokens ({worst_bytes / normal_bytes:.1f}x the largest normal "
          "document)")  # fmt: skip


if __name__ == "__main__":
    main()
