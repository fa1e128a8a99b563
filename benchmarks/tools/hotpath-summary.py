#!/usr/bin/env python3
"""Summarise HOTPATH_ONLY=1 benchmarks/run.sh: BytezTemplate against Boot's WebClient.Builder, per round
and as medians, with the ratios issue 21 sets targets for (req/s at least 0.95x, CPU per call at most 1.1x).

Usage: hotpath-summary.py RESULTS_DIR   (reads results.jsonl and runs.jsonl written by run.sh)
"""
import json
import statistics
import sys
from pathlib import Path

FLOOR, TEMPLATE = "boot-webclient", "template"


def main():
    out = Path(sys.argv[1])
    results = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines() if line.strip()]
    runs = [json.loads(line) for line in (out / "runs.jsonl").read_text().splitlines() if line.strip()]
    load = {(r["round"], r["client"]): r["loadavg"] for r in runs}
    by_round = {}
    for r in results:
        by_round.setdefault(int(r["label"].rsplit("-r", 1)[1]), {})[r["client"]] = r
    print("| round | client | req/s | CPU ms / call | KiB allocated / call | p50 ms | p99 ms | errors | load (1/5/15 min) before |")
    print("|---:|---|---:|---:|---:|---:|---:|---:|---|")
    rps_ratios, cpu_ratios = [], []
    for rnd in sorted(by_round):
        for client in (FLOOR, TEMPLATE):
            r = by_round[rnd].get(client)
            if r is None:
                print(f"| {rnd} | {client} | missing | | | | | | {load.get((rnd, client), '')} |")
                continue
            print(f"| {rnd} | {client} | {float(r['rps']):,.0f} | {float(r['cpuSecondsPer1k']):.3f} | {r.get('allocatedKiBPerCall', '')} | {r['p50Ms']} | "
                  f"{r['p99Ms']} | {r['errors']} | {load.get((rnd, client), '')} |")
        f, t = by_round[rnd].get(FLOOR), by_round[rnd].get(TEMPLATE)
        if f and t:
            rps_ratios.append(float(t["rps"]) / float(f["rps"]))
            cpu_ratios.append(float(t["cpuSecondsPer1k"]) / float(f["cpuSecondsPer1k"]))
    print()
    print("| client | req/s (median) | CPU ms / call (median) | KiB allocated / call (median) | rounds |")
    print("|---|---:|---:|---:|---:|")
    for client in (FLOOR, TEMPLATE):
        rows = [by_round[rnd][client] for rnd in sorted(by_round) if client in by_round[rnd]]
        if rows:
            print(f"| {client} | {statistics.median(float(r['rps']) for r in rows):,.0f} | "
                  f"{statistics.median(float(r['cpuSecondsPer1k']) for r in rows):.3f} | "
                  f"{statistics.median(float(r.get('allocatedKiBPerCall', 'nan')) for r in rows):.1f} | {len(rows)} |")
    if rps_ratios:
        print()
        print(f"template / Boot WebClient, req/s: median {statistics.median(rps_ratios):.3f}x "
              f"(by round {' / '.join(f'{x:.2f}' for x in rps_ratios)}; target >= 0.95x)")
        print(f"template / Boot WebClient, CPU per call: median {statistics.median(cpu_ratios):.3f}x "
              f"(by round {' / '.join(f'{x:.2f}' for x in cpu_ratios)}; target <= 1.10x)")
    timed = [(r["client"], r.get("httpClientRequestsTimed"), r.get("bytezClientRequestsTimed")) for r in results]
    print()
    print("observations timed per process (http.client.requests, bytez.client.requests): "
          + ", ".join(f"{c} {h}/{b if b is not None else '-'}" for c, h, b in timed))


if __name__ == "__main__":
    main()
