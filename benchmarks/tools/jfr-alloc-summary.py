#!/usr/bin/env python3
"""Summarise the allocation samples of a JFR recording: sampled weight by allocated class and by the
first frame of the client (io.github.bytezspring.client) or, failing that, the first non-JDK frame.

Usage: jfr-alloc-summary.py RECORDING.jfr [JFR_TOOL]
Reads 'jfr print --events jdk.ObjectAllocationSample --stack-depth 64'.
"""
import collections
import re
import subprocess
import sys

FRAME = re.compile(r"^\s+([\w$.<>]+)\(")
CLASS = re.compile(r"^\s+objectClass = ([\w$.\[\]]+)")
WEIGHT = re.compile(r"^\s+weight = ([\d.,]+) (bytes|kB|MB|GB)")
UNITS = {"bytes": 1, "kB": 1024, "MB": 1024 ** 2, "GB": 1024 ** 3}
JDK = re.compile(r"^(java\.|jdk\.|sun\.)")


def events(path, tool):
    out = subprocess.run([tool, "print", "--events", "jdk.ObjectAllocationSample", "--stack-depth", "64", path],
                         check=True, capture_output=True, text=True).stdout
    event = None
    for line in out.splitlines():
        if line.startswith("jdk.ObjectAllocationSample"):
            if event:
                yield event
            event = {"stack": [], "class": "?", "weight": 0}
        elif event is not None:
            m = CLASS.match(line)
            if m:
                event["class"] = m.group(1)
                continue
            m = WEIGHT.match(line)
            if m:
                event["weight"] = float(m.group(1).replace(",", "")) * UNITS[m.group(2)]
                continue
            m = FRAME.match(line)
            if m:
                event["stack"].append(m.group(1))
    if event:
        yield event


def main():
    path = sys.argv[1]
    tool = sys.argv[2] if len(sys.argv) > 2 else "jfr"
    by_class = collections.Counter()
    by_site = collections.Counter()
    by_client = collections.Counter()
    total = 0
    for e in events(path, tool):
        total += e["weight"]
        by_class[e["class"]] += e["weight"]
        site = next((f for f in e["stack"] if not JDK.match(f)), "(JDK only)")
        by_site[site] += e["weight"]
        client = next((f for f in e["stack"] if f.startswith("io.github.bytezspring.client.")), None)
        if client:
            by_client[client] += e["weight"]
    print(f"\nallocation samples: {total / 1024 ** 2:,.0f} MiB sampled weight")
    print("\ntop 20 allocated classes by weight:")
    for name, w in by_class.most_common(20):
        print(f"  {100.0 * w / max(total, 1):5.1f}%  {name}")
    print("\ntop 25 allocation sites (first non-JDK frame) by weight:")
    for name, w in by_site.most_common(25):
        print(f"  {100.0 * w / max(total, 1):5.1f}%  {name}")
    print(f"\nunder a client frame (io.github.bytezspring.client): "
          f"{100.0 * sum(by_client.values()) / max(total, 1):.1f}% of the weight; topmost client frame:")
    for name, w in by_client.most_common(15):
        print(f"  {100.0 * w / max(total, 1):5.1f}%  {name}")


if __name__ == "__main__":
    main()
