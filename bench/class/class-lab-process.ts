// Starts the class bench's lab (bench/class/class-child.ts) in a child process of its own.
import { fileURLToPath } from 'node:url';
import { startBenchChild, type BenchChild, type ChildOptions } from '../child-process.js';
import type { ClassServerReady, ClassServerSpec, ClassServerStats } from './class-protocol.js';

const CHILD = fileURLToPath(new URL('./class-child.js', import.meta.url));

export type ClassLabProcess = BenchChild<ClassServerReady, ClassServerStats>;

export function startClassLab(spec: ClassServerSpec, options: ChildOptions = {}): Promise<ClassLabProcess> {
  return startBenchChild<ClassServerReady, ClassServerStats>(CHILD, spec, options);
}

export const cpuMs = (stats: ClassServerStats) => (stats.cpuUserMicros + stats.cpuSystemMicros) / 1000;

/** The child's CPU between two stats, as a share of one core over the wall time between them. */
export function cpuShare(before: ClassServerStats, after: ClassServerStats, wallMs: number): number {
  return wallMs > 0 ? Math.round(((cpuMs(after) - cpuMs(before)) / wallMs) * 100) / 100 : Number.NaN;
}
