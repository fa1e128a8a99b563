#!/usr/bin/env python3
"""Summarise HOTPATH_ONLY=1 benchmarks/run.sh: BytezTemplate against Boot's WebClient.Builder, per round
and as medians, with the ratios issue 21 sets targets for (req/s at least 0.95x, CPU per call at most 1.1x),
and the same ratios for Boot's client with one observation of its own around each call (when measured).

Usage: hotpath-summary.py RESULTS_DIR   (reads results.jsonl and runs.jsonl written by run.sh)
"""
import json
import statistics
import sys
from pathlib import Path

FLOOR, TEMPLATE, OBSERVED = "boot-webclient", "template", "boot-webclient-observed"
NO_HTTP = "template-no-http-observation"
CLIENTS = (FLOOR, TEMPLATE, OBSERVED, NO_HTTP)


def ratios(by_round, over, under, key):
    out = []
    for rnd in sorted(by_round):
        a, b = by_round[rnd].get(over), by_round[rnd].get(under)
        if a and b:
            out.append(float(a[key]) / float(b[key]))
    return out


def main():
    out = Path(sys.argv[1])
    results = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines() if line.strip()]
    runs = [json.loads(line) for line in (out / "runs.jsonl").read_text().splitlines() if line.strip()]
    load = {(r["round"], r["client"]): r["loadavg"] for r in runs}
    by_round = {}
    for r in results:
        by_round.setdefault(int(r["label"].rsplit("-r", 1)[1]), {})[r["client"]] = r
    clients = [c for c in CLIENTS if any(c in rows for rows in by_round.values())]
    print("| round | client | req/s | CPU ms / call | KiB allocated / call | p50 ms | p99 ms | errors | load (1/5/15 min) before |")
    print("|---:|---|---:|---:|---:|---:|---:|---:|---|")
    for rnd in sorted(by_round):
        for client in clients:
            r = by_round[rnd].get(client)
            if r is None:
                print(f"| {rnd} | {client} | missing | | | | | | {load.get((rnd, client), '')} |")
                continue
            print(f"| {rnd} | {client} | {float(r['rps']):,.0f} | {float(r['cpuSecondsPer1k']):.3f} | {r.get('allocatedKiBPerCall', '')} | {r['p50Ms']} | "
                  f"{r['p99Ms']} | {r['errors']} | {load.get((rnd, client), '')} |")
    print()
    print("| client | req/s (median) | CPU ms / call (median) | KiB allocated / call (median) | rounds |")
    print("|---|---:|---:|---:|---:|")
    for client in clients:
        rows = [by_round[rnd][client] for rnd in sorted(by_round) if client in by_round[rnd]]
        if rows:
            print(f"| {client} | {statistics.median(float(r['rps']) for r in rows):,.0f} | "
                  f"{statistics.median(float(r['cpuSecondsPer1k']) for r in rows):.3f} | "
                  f"{statistics.median(float(r.get('allocatedKiBPerCall', 'nan')) for r in rows):.1f} | {len(rows)} |")
    pairs = [(TEMPLATE, FLOOR, "template / Boot WebClient", "; target >= 0.95x", "; target <= 1.10x"),
             (OBSERVED, FLOOR, "Boot WebClient with its own observation / Boot WebClient", "", ""),
             (TEMPLATE, OBSERVED, "template / Boot WebClient with its own observation", "", ""),
             (NO_HTTP, FLOOR, "template without http.client.requests / Boot WebClient", "", ""),
             (NO_HTTP, TEMPLATE, "template without http.client.requests / template", "", "")]
    for over, under, name, rps_target, cpu_target in pairs:
        rps = ratios(by_round, over, under, "rps")
        cpu = ratios(by_round, over, under, "cpuSecondsPer1k")
        if rps:
            print()
            print(f"{name}, req/s: median {statistics.median(rps):.3f}x "
                  f"(by round {' / '.join(f'{x:.2f}' for x in rps)}{rps_target})")
            print(f"{name}, CPU per call: median {statistics.median(cpu):.3f}x "
                  f"(by round {' / '.join(f'{x:.2f}' for x in cpu)}{cpu_target})")
    timed = [(r["client"], r.get("httpClientRequestsTimed"), r.get("bytezClientRequestsTimed", r.get("callsTimed"))) for r in results]
    print()
    print("observations timed per process (http.client.requests, the client's own per-call observation): "
          + ", ".join(f"{c} {h}/{b if b is not None else '-'}" for c, h, b in timed))


if __name__ == "__main__":
    main()
