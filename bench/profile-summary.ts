// Reads a V8 .cpuprofile (written by node --cpu-prof) and lists where the time went: by function
// (self time: the code that was on the CPU) and, for smtp-lab's own server/ and lab/ code, inclusive time
// (everything a function and what it called cost), plus a roll-up by package.
import { readFileSync } from 'node:fs';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface HotSpot {
  where: string;
  ms: number;
  percent: number;
}

export interface ProfileSummary {
  file: string;
  /** CPU time sampled, idle excluded. */
  busyMs: number;
  selfTop: HotSpot[];
  ownInclusiveTop: HotSpot[];
  byPackage: HotSpot[];
}

const IDLE = new Set(['(idle)', '(program)']);

function shortUrl(url: string): string {
  const modules = url.lastIndexOf('/node_modules/');
  if (modules >= 0) return url.slice(modules + '/node_modules/'.length);
  const own = url.search(/\/(server|bench)\//);
  if (own >= 0) return url.slice(own + 1);
  return url.replace(/^file:\/\//, '');
}

function keyOf(frame: CallFrame): string {
  if (!frame.url) return frame.functionName || '(anonymous)';
  // lineNumber is 0-based in the profile.
  return `${frame.functionName || '(anonymous)'} ${shortUrl(frame.url)}:${frame.lineNumber + 1}`;
}

function packageOf(frame: CallFrame): string {
  const url = frame.url;
  if (!url) return frame.functionName || '(native)';
  if (url.startsWith('node:')) return url.split('/')[0] === 'node:internal' ? 'node:internal' : url;
  const modules = url.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const rest = url.slice(modules + '/node_modules/'.length).split('/');
    return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : (rest[0] ?? url);
  }
  const own = /\/(server\/[^/]+)\//.exec(url);
  return own ? `smtp-lab ${own[1]}` : shortUrl(url);
}

function top(map: Map<string, number>, busyMs: number, count: number): HotSpot[] {
  return [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([where, ms]) => ({ where, ms: Math.round(ms), percent: Math.round((ms / busyMs) * 1000) / 10 }));
}

export function summarizeProfile(file: string, count = 25): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

  const self = new Map<string, number>();
  const ownInclusive = new Map<string, number>();
  const byPackage = new Map<string, number>();
  let busyMs = 0;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    if (!node || IDLE.has(node.callFrame.functionName)) return;
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    busyMs += ms;
    const key = keyOf(node.callFrame);
    self.set(key, (self.get(key) ?? 0) + ms);
    const pkg = packageOf(node.callFrame);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + ms);
    // Inclusive time of our own functions: each counted once per sample, recursion or not.
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)?.callFrame;
      if (!frame || !/\/(server|lab)\//.test(frame.url) || /node_modules/.test(frame.url)) continue;
      const ownKey = keyOf(frame);
      if (seen.has(ownKey)) continue;
      seen.add(ownKey);
      ownInclusive.set(ownKey, (ownInclusive.get(ownKey) ?? 0) + ms);
    }
  });
  return {
    file,
    busyMs: Math.round(busyMs),
    selfTop: top(self, busyMs, count),
    ownInclusiveTop: top(ownInclusive, busyMs, count),
    byPackage: top(byPackage, busyMs, count),
  };
}

export function formatProfile(summary: ProfileSummary): string {
  const section = (title: string, spots: HotSpot[]) =>
    [title, ...spots.map((s) => `  ${String(s.percent).padStart(5)} %  ${String(s.ms).padStart(6)} ms  ${s.where}`)].join('\n');
  return [
    `${summary.file}: ${summary.busyMs} ms on the CPU`,
    section('by package (self time):', summary.byPackage),
    section('by function (self time):', summary.selfTop),
    section("smtp-lab's own functions (inclusive time):", summary.ownInclusiveTop),
  ].join('\n\n');
}
