import json,statistics,sys,collections
out=sys.argv[1]
rows=[json.loads(l) for l in open(out+'/results.jsonl') if l.strip()]
by=collections.defaultdict(dict)
for r in rows:
    lab,rnd=r['label'].rsplit('-r',1); by[int(rnd)][lab]=r
labs=[]
for r in rows:
    l=r['label'].rsplit('-r',1)[0]
    if l not in labs: labs.append(l)
print('| round | '+' | '.join(f'{l} req/s' for l in labs)+' | '+' | '.join(f'{l} CPU ms' for l in labs)+' |')
print('|---:|'+'---:|'*(2*len(labs)))
for rnd in sorted(by):
    print(f'| {rnd} | '+' | '.join(f"{float(by[rnd][l]['rps']):,.0f}" if l in by[rnd] else '-' for l in labs)+' | '+' | '.join(f"{float(by[rnd][l]['cpuSecondsPer1k']):.3f}" if l in by[rnd] else '-' for l in labs)+' |')
print()
print('| client | req/s median | CPU ms/call median | KiB/call median | errors |')
print('|---|---:|---:|---:|---:|')
for l in labs:
    rs=[by[x][l] for x in sorted(by) if l in by[x]]
    print(f"| {l} | {statistics.median(float(r['rps']) for r in rs):,.0f} | {statistics.median(float(r['cpuSecondsPer1k']) for r in rs):.3f} | {statistics.median(float(r['allocatedKiBPerCall']) for r in rs):.1f} | {sum(int(r['errors']) for r in rs)} |")
print()
base=labs[0]
for l in labs[1:]:
    rr=[float(by[x][l]['rps'])/float(by[x][base]['rps']) for x in sorted(by) if l in by[x] and base in by[x]]
    cc=[float(by[x][l]['cpuSecondsPer1k'])/float(by[x][base]['cpuSecondsPer1k']) for x in sorted(by) if l in by[x] and base in by[x]]
    print(f"{l} / {base}: req/s median of rounds' ratios {statistics.median(rr):.3f}x ({' / '.join(f'{x:.2f}' for x in rr)}); CPU per call {statistics.median(cc):.3f}x ({' / '.join(f'{x:.2f}' for x in cc)})")
