// Where smtp-lab is installed and which version it is. The same code runs from the TypeScript
// sources (tests) and from dist/ (npm start, the published package), so paths are found by
// walking up to our package.json rather than assumed.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface PackageInfo {
  root: string;
  version: string;
}

export function findPackageInfo(from: string = dirname(fileURLToPath(import.meta.url))): PackageInfo {
  let dir = from;
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'smtp-lab') return { root: dir, version: pkg.version ?? '0.0.0' };
    } catch {
      // not here; keep walking up
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`smtp-lab: package.json not found above ${from}`);
    dir = parent;
  }
}
