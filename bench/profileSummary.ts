/**
 * Sums a `.cpuprofile` (e.g. from `BENCH_PROFILE_DIR=… npm run bench:turns`) per function, per
 * package/folder, and inclusive per src/ function, counting only the samples from the first to the
 * last one inside a bot turn (AssistantBot.handleMessage), so start-up and shutdown are left out.
 *
 * Run: npx tsx bench/profileSummary.ts <file.cpuprofile> [top=30]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, topArg] = process.argv.slice(2);
if (!file) throw new Error('usage: tsx bench/profileSummary.ts <file.cpuprofile> [top]');
const top = Number(topArg ?? 30);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

const short = (url: string) =>
  url
    .replace(/^file:\/\//, '')
    .replace(/.*\/node_modules\//, 'nm:')
    .replace(/.*\/(src|bench|test)\//, '$1/');
const frameName = (node: ProfileNode) =>
  `${node.callFrame.functionName || '(anon)'} ${short(node.callFrame.url || '(native)')}`;
const inTurn = (id: number) => {
  for (let current: number | undefined = id; current !== undefined; current = parent.get(current)) {
    const frame = byId.get(current)!.callFrame;
    if (frame.functionName === 'handleMessage' && frame.url.includes('assistantBot')) return true;
  }
  return false;
};

const first = profile.samples.findIndex(inTurn);
let last = profile.samples.length - 1;
while (last > first && !inTurn(profile.samples[last])) last--;
const selfTime = new Map<number, number>();
for (let index = Math.max(first, 0); index <= last; index++) {
  const id = profile.samples[index];
  selfTime.set(id, (selfTime.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0));
}
const total = [...selfTime.values()].reduce((sum, value) => sum + value, 0);

const perFunction = new Map<string, number>();
const perPackage = new Map<string, number>();
const inclusive = new Map<string, number>();
const add = (map: Map<string, number>, key: string, value: number) =>
  map.set(key, (map.get(key) ?? 0) + value);
for (const [id, time] of selfTime) {
  const node = byId.get(id)!;
  const url = short(node.callFrame.url || '(native)');
  add(perFunction, frameName(node), time);
  const parts = url.split('/');
  const pkg = url.startsWith('nm:@')
    ? parts.slice(0, 2).join('/')
    : url.startsWith('src/')
      ? parts.slice(0, 2).join('/')
      : parts[0];
  add(perPackage, pkg, time);
  const seen = new Set<string>();
  for (let current: number | undefined = id; current !== undefined; current = parent.get(current)) {
    const name = frameName(byId.get(current)!);
    if (!seen.has(name)) add(inclusive, name, time);
    seen.add(name);
  }
}

const show = (title: string, map: Map<string, number>, filter: (name: string) => boolean = () => true) => {
  console.log(`\n## ${title}`);
  for (const [name, time] of [...map]
    .filter(([key]) => filter(key))
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)) {
    console.log(
      `${(time / 1000).toFixed(0).padStart(7)} ms ${((100 * time) / total).toFixed(1).padStart(5)}%  ${name}`,
    );
  }
};
console.log(`${(total / 1000).toFixed(0)} ms of samples inside the turns window`);
show('self time per function', perFunction);
show('self time per package / src folder', perPackage);
show('inclusive time, src/ functions', inclusive, (name) => / src\//.test(name));
