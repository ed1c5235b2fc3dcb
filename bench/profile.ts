/**
 * A V8 CPU profile (`node --cpu-prof`, e.g. `BENCH_PROFILE=<dir> npm run bench`) summarised: the
 * top functions by self time, and self time by package (node_modules/<pkg>) or source folder
 * (src/<dir>, or node's own internals and V8's pseudo-frames).
 *
 *   npx tsx bench/profile.ts <file.cpuprofile> [top=15]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Where a frame's code lives: an npm package, a folder of ours, node itself, or V8. */
function origin(url: string, functionName: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1] as string;
  const ours =
    /\/dist\/(src|workers)\/([^/]+)\//.exec(url) ?? /\/(src|workers)\/([^/]+)\//.exec(url);
  if (ours) return `${ours[1]}/${ours[2]}`;
  if (url.startsWith('node:')) return 'node (internals)';
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  return url;
}

function selfTimes(profile: Profile): Map<number, number> {
  const byNode = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    byNode.set(id, (byNode.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  return byNode;
}

function top(totals: Map<string, number>, count: number, all: number): string[] {
  return [...totals.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(
      ([name, us]) =>
        `${(us / 1e6).toFixed(2).padStart(7)} s ${((100 * us) / all).toFixed(1).padStart(5)}%  ${name}`,
    );
}

function main(): void {
  const [file, count = '15'] = process.argv.slice(2);
  if (!file) throw new Error('usage: bench/profile.ts <file.cpuprofile> [top]');
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const byFunction = new Map<string, number>();
  const byOrigin = new Map<string, number>();
  let all = 0;
  for (const [id, us] of selfTimes(profile)) {
    const { functionName, url, lineNumber } = (nodes.get(id) as ProfileNode).callFrame;
    const where = origin(url, functionName);
    const name = `${functionName || '(anonymous)'}  ${where}${url ? `:${lineNumber + 1}` : ''}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + us);
    byOrigin.set(where, (byOrigin.get(where) ?? 0) + us);
    all += us;
  }
  const busy = all - (byOrigin.get('(idle)') ?? 0);
  console.log(
    `${file}: ${(all / 1e6).toFixed(2)} s sampled, ${(busy / 1e6).toFixed(2)} s not idle`,
  );
  console.log(`\nself time by function (top ${count}):`);
  for (const line of top(byFunction, Number(count), all)) console.log(line);
  console.log(`\nself time by package or folder (top ${count}):`);
  for (const line of top(byOrigin, Number(count), all)) console.log(line);
}

main();
