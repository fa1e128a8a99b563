// Turns the raw results of run.sh (results.jsonl, runs.jsonl, jmh.json, machine.txt) into the Markdown
// tables of RESULTS.md. Usage: node report.mjs RESULTS_DIR
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.argv[2];
const lines = (file) =>
  existsSync(join(dir, file))
    ? readFileSync(join(dir, file), "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l))
    : [];
const results = lines("results.jsonl");
const runs = lines("runs.jsonl");
const meta = (r) => runs.find((m) => m.label === r.label && m.client === r.client) ?? {};
const median = (values) => {
  const v = values.filter((x) => typeof x === "number" && x >= 0).sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
};
const fmt = (x, digits = 1) => (Number.isFinite(x) ? x.toFixed(digits) : "n/a");
const NAMES = {
  template: "BytezTemplate (auto-configured)",
  webclient: "bare WebClient",
  "bytez.js": "bytez.js 3.0.0",
  "template-without-boot": "BytezTemplate built without Boot (reference)",
};
// how the connections were set up for a 10,000-stream run
const POOL = (r) => {
  const m = meta(r);
  if (r.client === "template") {
    return r.properties ? `\`${r.properties}\` (application property): ${r.pool}` : `as auto-configured: ${r.pool}`;
  }
  return (m.command ?? "").includes("-Dreactor.netty.pool.maxConnections=")
    ? "Reactor Netty's global pool, `-Dreactor.netty.pool.maxConnections=10000`"
    : "Reactor Netty's global pool (defaults)";
};
const out = [];
const say = (s = "") => out.push(s);

// ---- run workload
const runRows = results.filter((r) => r.scenario === "run" && r.label.startsWith("run-"));
const byClient = (rows, client) => rows.filter((r) => r.client === client);
const runMedian = {};
for (const client of ["webclient", "template", "bytez.js", "template-without-boot"]) {
  const rows = byClient(runRows, client);
  if (rows.length === 0) continue;
  runMedian[client] = {
    rounds: rows.length,
    rps: median(rows.map((r) => r.rps)),
    p50: median(rows.map((r) => r.p50Ms)),
    p99: median(rows.map((r) => r.p99Ms)),
    cpu: median(rows.map((r) => r.cpuSecondsPer1k)),
    rss: median(rows.map((r) => r.peakRssMiB)),
    errors: rows.reduce((a, r) => a + r.errors + (r.warmupErrors ?? 0), 0),
    stubCpu: median(rows.map((r) => (meta(r).stubCpuSeconds * 1000) / (r.requests * 2))),
  };
}
const bare = runMedian.webclient;
const n = (x) => Number(x).toLocaleString("en-US");
const r0 = runRows[0] ?? {};
say(`### Run workload: ${n(r0.requests)} runs at concurrency ${r0.concurrency}, after a warm-up, median of ${Math.max(...Object.values(runMedian).map((m) => m.rounds), 0)} round(s)`);
say();
say("| client | req/s | p50 ms | p99 ms | CPU s / 1k req | peak RSS MiB | errors | req/s ÷ bare | CPU ÷ bare | nginx CPU s / 1k req |");
say("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
for (const [client, m] of Object.entries(runMedian)) {
  say(`| ${NAMES[client]} | ${fmt(m.rps, 0)} | ${fmt(m.p50, 2)} | ${fmt(m.p99, 2)} | ${fmt(m.cpu, 3)} | ${fmt(m.rss, 0)} | ${m.errors} | ${bare ? fmt(m.rps / bare.rps, 2) : "n/a"} | ${bare ? fmt(m.cpu / bare.cpu, 2) : "n/a"} | ${fmt(m.stubCpu, 3)} |`);
}
say();
say("Every round (clients interleaved; the load average before each run shows other work on the machine):");
say();
say("| round | client | req/s | p50 ms | p99 ms | CPU s / 1k | peak RSS MiB | errors | load avg before |");
say("|---|---|---:|---:|---:|---:|---:|---:|---|");
for (const r of runRows) {
  say(`| ${r.label} | ${NAMES[r.client]} | ${fmt(r.rps, 0)} | ${fmt(r.p50Ms, 2)} | ${fmt(r.p99Ms, 2)} | ${fmt(r.cpuSecondsPer1k, 3)} | ${fmt(r.peakRssMiB, 0)} | ${r.errors} | ${meta(r).loadavg ?? ""} |`);
}
const observed = byClient(runRows, "template")[0];
if (observed) {
  say();
  const expected = observed.requests + observed.warmup;
  const check = (count) => (count === expected ? `= ${n(expected)} calls (warm-up + measured): ok` : `expected ${n(expected)}: MISMATCH`);
  say(`Observations in the BytezTemplate process (${byClient(runRows, "template").length} round(s) checked): \`${observed.observationRegistry}\`; \`bytez.client.requests\` timed ${byClient(runRows, "template").map((r) => r.bytezClientRequestsTimed).join(" / ")} (${check(observed.bytezClientRequestsTimed)}), \`http.client.requests\` timed ${byClient(runRows, "template").map((r) => r.httpClientRequestsTimed).join(" / ")} (${check(observed.httpClientRequestsTimed)}); connection pool \`${observed.pool}\`.`);
}

// ---- time to first chunk
const ttfbRows = results.filter((r) => r.label?.startsWith("ttfb"));
if (ttfbRows.length) {
  say();
  const f0 = ttfbRows[0];
  say(`### Time to first chunk: ${n(f0.requests)} streams of ${f0.chunks} chunks ${f0.gapMs} ms apart, concurrency ${f0.concurrency}, median of rounds`);
  say();
  say("| client | TTFB p50 ms | TTFB p99 ms | stream p50 ms | CPU s / 1k streams | errors | wrong text | rounds |");
  say("|---|---:|---:|---:|---:|---:|---:|---:|");
  const ttfb = {};
  for (const client of ["webclient", "template"]) {
    const rows = byClient(ttfbRows, client);
    if (rows.length === 0) continue;
    ttfb[client] = median(rows.map((r) => r.ttfbP50Ms));
    say(`| ${NAMES[client]} | ${fmt(ttfb[client], 2)} | ${fmt(median(rows.map((r) => r.ttfbP99Ms)), 2)} | ${fmt(median(rows.map((r) => r.p50Ms)), 1)} | ${fmt(median(rows.map((r) => r.cpuSecondsPer1k)), 3)} | ${rows.reduce((a, r) => a + r.errors, 0)} | ${rows.reduce((a, r) => a + r.mismatches, 0)} | ${rows.length} |`);
  }
  say();
  say(`Per round TTFB p50 (ms): ${ttfbRows.map((r) => `${r.label} ${r.client} ${fmt(r.ttfbP50Ms, 2)}`).join("; ")}.`);
}

// ---- 10,000 streams
const streamRows = results.filter((r) => r.label?.startsWith("streams10k"));
if (streamRows.length) {
  say();
  const s0 = streamRows[0];
  say(`### ${n(s0.requests)} concurrent streams of ${s0.chunks} chunks ${s0.gapMs} ms apart, -Xmx512m`);
  say();
  say("| pool | client | completed correctly | errors | wrong text | most open at once | wall s | stream p50 ms | stream p99 ms | TTFB p50 ms | CPU s | peak RSS MiB | peak heap MiB |");
  say("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
  for (const r of streamRows) {
    say(`| ${POOL(r)} | ${NAMES[r.client]} | ${r.requests - r.errors - r.mismatches} / ${r.requests} | ${r.errors} | ${r.mismatches} | ${r.maxOpenStreams} | ${fmt(r.seconds, 1)} | ${fmt(r.p50Ms, 0)} | ${fmt(r.p99Ms, 0)} | ${fmt(r.ttfbP50Ms, 0)} | ${fmt(r.cpuSeconds, 1)} | ${fmt(r.peakRssMiB, 0)} | ${fmt(r.peakHeapMiB, 0)} |`);
  }
  const failed = streamRows.filter((r) => r.firstError);
  for (const r of failed) say(`\n\`${r.label}\` ${NAMES[r.client]}: first error \`${r.firstError}\``);
  say();
  say(`Timers in the template processes: ${streamRows.filter((r) => r.client === "template").map((r) => `${r.label}: \`bytez.client.requests\` timed ${r.bytezClientRequestsTimed} streams (${n(r.requests)} measured + ${n(r.warmup)} warm-up)`).join("; ")}.`);
}

// ---- media
const mediaRows = results.filter((r) => r.scenario === "media");
if (mediaRows.length) {
  say();
  say(`### A ${n(mediaRows[0].bytes / 1048576)} MiB media stream written to disk, -Xmx128m`);
  say();
  say("| client | result | MiB/s | CPU s | peak RSS MiB | peak heap MiB |");
  say("|---|---|---:|---:|---:|---:|");
  for (const r of mediaRows) {
    const name = r.client === "template"
      ? r.mediaApi === "streamMediaTo" ? "BytezTemplate.streamMediaTo" : "BytezTemplate.streamMedia + DataBufferUtils.write"
      : "bare WebClient + DataBufferUtils.write";
    const reported = r.mediaReportedSize !== undefined ? ` (BytezMedia: ${r.mediaReportedSize} bytes, ${r.mediaContentType})` : "";
    say(`| ${name} | ${r.intact ? `${r.written} bytes, CRC-32 intact${reported}` : `FAILED: ${r.firstError ?? "wrong bytes"}`} | ${fmt(r.mibPerSecond, 0)} | ${fmt(r.cpuSeconds, 2)} | ${fmt(r.peakRssMiB, 0)} | ${fmt(r.peakHeapMiB, 0)} |`);
  }
}

// ---- targets
say();
say("### Targets");
say();
say("| target | measured | met |");
say("|---|---|---|");
const t = runMedian.template;
const js = runMedian["bytez.js"];
if (t && bare) {
  const ratio = t.rps / bare.rps;
  say(`| BytezTemplate throughput ≥ 0.90 × bare WebClient | ${fmt(ratio, 2)} × (${fmt(t.rps, 0)} vs ${fmt(bare.rps, 0)} req/s; CPU per request ${fmt(t.cpu / bare.cpu, 2)} ×) | ${ratio >= 0.9 ? "yes" : "no"} |`);
}
if (t && js) {
  const ratio = t.rps / js.rps;
  say(`| BytezTemplate throughput ≥ 3 × bytez.js | ${fmt(ratio, 2)} × (${fmt(t.rps, 0)} vs ${fmt(js.rps, 0)} req/s) | ${ratio >= 3 ? "yes" : "no"} |`);
}
for (const r of streamRows.filter((x) => x.client === "template")) {
  const ok = r.errors === 0 && r.mismatches === 0;
  say(`| ${n(r.requests)} concurrent streams (50 chunks, 20 ms) complete correctly at -Xmx512m, ${POOL(r)} | ${r.requests - r.errors - r.mismatches} of ${r.requests} correct, ${r.errors} errors, wall ${fmt(r.seconds, 1)} s, peak heap ${fmt(r.peakHeapMiB, 0)} MiB, peak RSS ${fmt(r.peakRssMiB, 0)} MiB | ${ok ? "yes" : "no"} |`);
}
const ttfbT = median(byClient(ttfbRows, "template").map((r) => r.ttfbP50Ms));
const ttfbB = median(byClient(ttfbRows, "webclient").map((r) => r.ttfbP50Ms));
if (Number.isFinite(ttfbT) && Number.isFinite(ttfbB)) {
  say(`| time to first chunk p50 within 1 ms of bare WebClient | ${fmt(ttfbT, 2)} ms vs ${fmt(ttfbB, 2)} ms (${ttfbT - ttfbB >= 0 ? "+" : ""}${fmt(ttfbT - ttfbB, 2)} ms) | ${ttfbT - ttfbB <= 1 ? "yes" : "no"} |`);
}
const mediaB = mediaRows.find((r) => r.client === "webclient");
for (const mediaT of mediaRows.filter((r) => r.client === "template")) {
  const ok = mediaT.intact && (mediaT.mediaReportedSize === undefined || mediaT.mediaReportedSize === mediaT.bytes);
  say(`| ${n(mediaT.bytes / 1048576)} MiB media stream to disk at -Xmx128m, ${mediaT.mediaApi} | ${ok ? "intact" : "failed"}, peak heap ${fmt(mediaT.peakHeapMiB, 0)} MiB, ${fmt(mediaT.mibPerSecond, 0)} MiB/s (raw WebClient path: ${mediaB?.intact ? `intact, ${fmt(mediaB.peakHeapMiB, 0)} MiB, ${fmt(mediaB.mibPerSecond, 0)} MiB/s` : "failed"}) | ${ok ? "yes" : "no"} |`);
}

// ---- JMH
if (existsSync(join(dir, "jmh.json"))) {
  const jmh = JSON.parse(readFileSync(join(dir, "jmh.json"), "utf8"));
  say();
  say("### JMH (-f 1 -wi 3 -i 3, 2 s iterations, -prof gc)");
  say();
  say("| benchmark | ns/op | ± (99.9%) | B/op allocated |");
  say("|---|---:|---:|---:|");
  for (const b of jmh) {
    const name = b.benchmark.replace("io.github.bytezspring.benchmarks.jmh.", "");
    const alloc = b.secondaryMetrics?.["gc.alloc.rate.norm"]?.score;
    say(`| ${name} | ${fmt(b.primaryMetric.score, 0)} | ${fmt(b.primaryMetric.scoreError, 0)} | ${fmt(alloc, 0)} |`);
  }
}

// ---- machine and commands
say();
say("### Machine");
say();
say("```");
say(readFileSync(join(dir, "machine.txt"), "utf8").trim());
say("```");
say();
say("### Commands (as run by run.sh; `$CP` = `target/bytez-benchmarks.jar:target/lib/*`)");
say();
const seen = new Set();
for (const m of runs) {
  const key = m.label.replace(/-r\d+$/, "") + " " + m.client;
  if (seen.has(key)) continue;
  seen.add(key);
  say(`- \`${m.command}\``);
}
console.log(out.join("\n"));
