#!/usr/bin/env python3
"""Summarise the CPU samples of a JFR recording: inclusive share per component, top self methods.

Usage: jfr-summary.py RECORDING.jfr [JFR_TOOL] [FRAME_REGEX]
Reads 'jfr print --events jdk.ExecutionSample --stack-depth 96'. A sample counts towards the component
of its topmost frame that belongs to one (JDK frames count for the code that called them), and towards
the method of its top frame (self). With FRAME_REGEX, also prints the commonest callers of matching frames.
"""
import collections
import re
import subprocess
import sys

COMPONENTS = [
    ("observation (Micrometer + WebClient observation filter)",
     re.compile(r"^(io\.micrometer\.|org\.springframework\.web\.reactive\.function\.client\.(ClientRequestObservation|DefaultClientRequestObservationConvention)|org\.springframework\.web\.reactive\.function\.client\.DefaultWebClient\$ObservationFilterFunction)")),
    ("Jackson", re.compile(r"^tools\.jackson\.")),
    ("BytezRetry / reactor retryWhen", re.compile(r"^(io\.github\.bytezspring\.client\.BytezRetry|reactor\.util\.retry\.|reactor\.core\.publisher\.(FluxRetryWhen|MonoRetryWhen))")),
    ("io.github.bytezspring.client (other)", re.compile(r"^io\.github\.bytezspring\.client\.")),
    ("WebClient request building (uri, headers, body)", re.compile(r"^org\.springframework\.web\.(util|reactive\.function\.client\.DefaultWebClient\$DefaultRequestBodyUriSpec|reactive\.function\.BodyInserters)")),
    ("Spring codecs (org.springframework.http.codec / core.codec)", re.compile(r"^org\.springframework\.(http\.codec|core\.codec)\.")),
    ("Netty + NIO", re.compile(r"^(io\.netty\.|sun\.nio\.|java\.nio\.channels\.)")),
    ("Reactor Netty", re.compile(r"^reactor\.netty\.")),
    ("Reactor core", re.compile(r"^reactor\.core\.")),
    ("harness", re.compile(r"^io\.github\.bytezspring\.benchmarks\.")),
    ("Spring other", re.compile(r"^org\.springframework\.")),
]

FRAME = re.compile(r"^\s+([\w$.<>]+)\(")


def samples(path, tool):
    out = subprocess.run([tool, "print", "--events", "jdk.ExecutionSample", "--stack-depth", "96", path],
                         check=True, capture_output=True, text=True).stdout
    stack = None
    for line in out.splitlines():
        if line.startswith("jdk.ExecutionSample"):
            if stack is not None:
                yield stack
            stack = []
        elif stack is not None:
            m = FRAME.match(line)
            if m:
                stack.append(m.group(1))
    if stack:
        yield stack


def main():
    path = sys.argv[1]
    tool = sys.argv[2] if len(sys.argv) > 2 else "jfr"
    focus = re.compile(sys.argv[3]) if len(sys.argv) > 3 else None
    owner = collections.Counter()
    top = collections.Counter()
    callers = collections.Counter()
    total = 0
    for stack in samples(path, tool):
        if not stack:
            continue
        total += 1
        top[stack[0]] += 1
        owner[next((name for frame in stack for name, pattern in COMPONENTS if pattern.match(frame)),
                   "other (JDK only)")] += 1
        if focus:
            for i, frame in enumerate(stack):
                if focus.search(frame):
                    callers[" <- ".join(stack[i:i + 6])] += 1
                    break
    print(f"{total} CPU samples in {path}")
    print("\nshare by component (topmost frame that belongs to one):")
    for name, count in owner.most_common():
        print(f"  {100.0 * count / max(total, 1):5.1f}%  {name}")
    print("\ntop 25 methods by self samples:")
    for method, count in top.most_common(25):
        print(f"  {100.0 * count / max(total, 1):5.1f}%  {method}")
    if focus:
        print(f"\ncommonest stacks through {focus.pattern}:")
        for stack, count in callers.most_common(8):
            print(f"  {100.0 * count / max(total, 1):5.1f}%  {stack}")


if __name__ == "__main__":
    main()
