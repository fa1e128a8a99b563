// Drives Bytez's official JavaScript SDK (bytez.js) with the harness's run workload and prints one
// JSON line of results, prefixed "RESULT ", in the same shape as the Java harness (LoadMain).
//
// Usage: node drive.mjs base-url=http://127.0.0.1:N [requests=20000] [warmup=20000] [concurrency=64] [out=FILE]
//
// bytez.js 3.0.0 keeps its address in a private field of a private object (https://api.bytez.com, or
// http://localhost:8080 when constructed with dev=true), so it cannot be pointed at a free loopback
// port without patching it. Instead this script wraps the global fetch, which the SDK calls for every
// request, and rewrites the SDK's origin to base-url; nothing else about the request changes.
import { appendFileSync, readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import Bytez from "bytez.js";

const args = Object.fromEntries(
  process.argv.slice(2).map((arg) => {
    const eq = arg.indexOf("=");
    return [arg.slice(0, eq), arg.slice(eq + 1)];
  })
);
const baseUrl = args["base-url"];
if (!baseUrl) {
  throw new Error("missing base-url=...");
}
const requests = Number(args.requests ?? 20000);
const warmup = Number(args.warmup ?? 20000);
const concurrency = Number(args.concurrency ?? 64);

const SDK_ORIGIN = "https://api.bytez.com";
const realFetch = globalThis.fetch;
globalThis.fetch = (input, init) =>
  realFetch(
    typeof input === "string" && input.startsWith(SDK_ORIGIN) ? baseUrl + input.slice(SDK_ORIGIN.length) : input,
    init
  );

// the same prompt and params as the Java clients (Workload.java)
const PROMPT = "Once upon a time, in a benchmark far away,";
const PARAMS = { max_new_tokens: 64, temperature: 0.7 };

const sdk = new Bytez("bench-key");
const model = sdk.model("bench/run-model");

async function phase(n) {
  const latencies = new Float64Array(n);
  let next = 0;
  let errors = 0;
  let firstError;
  async function worker() {
    for (let i = next++; i < n; i = next++) {
      const start = performance.now();
      const result = await model.run(PROMPT, PARAMS);
      if (result?.error || !result?.output) {
        errors++;
        firstError ??= String(result?.error ?? "no output");
      } else {
        latencies[i] = performance.now() - start;
      }
    }
  }
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  return { latencies, errors, firstError, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
}

function percentile(latencies, p) {
  const done = Array.from(latencies).filter((v) => v > 0).sort((a, b) => a - b);
  return done.length === 0 ? -1 : done[Math.max(0, Math.ceil(p * done.length) - 1)];
}

function peakRssMiB() {
  const line = readFileSync("/proc/self/status", "utf8").split("\n").find((l) => l.startsWith("VmHWM:"));
  return line ? Number(line.replace(/\D/g, "")) / 1024 : -1;
}

const f = (v) => Number(v.toFixed(3));
const warm = await phase(warmup);
const measured = await phase(requests);
const result = {
  client: "bytez.js",
  scenario: "run",
  label: args.label ?? "run",
  warmupErrors: warm.errors,
  requests,
  concurrency,
  errors: measured.errors,
  ...(measured.firstError ? { firstError: measured.firstError } : {}),
  seconds: f(measured.seconds),
  rps: f(requests / measured.seconds),
  p50Ms: f(percentile(measured.latencies, 0.5)),
  p99Ms: f(percentile(measured.latencies, 0.99)),
  cpuSeconds: f(measured.cpuSeconds),
  cpuSecondsPer1k: f((measured.cpuSeconds * 1000) / requests),
  peakRssMiB: f(peakRssMiB()),
  runtime: `node ${process.version}, bytez.js ${JSON.parse(readFileSync(new URL("./node_modules/bytez.js/package.json", import.meta.url), "utf8")).version}`,
};
const json = JSON.stringify(result);
console.log("RESULT " + json);
if (args.out) {
  appendFileSync(args.out, json + "\n");
}
