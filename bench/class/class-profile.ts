// A CPU profile of a class bench lab (node --cpu-prof in its child): its hot spots written next to
// it as text and listed on stderr.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatProfile, summarizeProfile } from '../profile-summary.js';
import { note } from '../progress.js';

export function writeProfileSummary(profile: { dir: string; name: string }): void {
  try {
    const text = formatProfile(summarizeProfile(join(profile.dir, profile.name)));
    const file = join(profile.dir, profile.name.replace(/\.cpuprofile$/, '.txt'));
    writeFileSync(file, `${text}\n`);
    note(`profile ${join(profile.dir, profile.name)} (open it in Chrome DevTools → Performance); hot spots in ${file}:\n${text}`);
  } catch (err) {
    note(`profile ${profile.name}: ${(err as Error).message}`);
  }
}
