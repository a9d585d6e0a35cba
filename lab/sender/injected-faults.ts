// What the lab's fault rules injected into one attempt's dialogue, read from the lab's record of
// its session: every server line or event marked with the rule that made it
// (DialogueLine.Fault), said in words (server/faults/fault-explanations.ts) so that a reply the lab
// made up is never taken for the server's own.
import { explainFault } from '../../server/faults/fault-explanations.js';
import type { DialogueLine } from '../../server/wire/sessions.js';
import type { InjectedFault } from './delivery-types.js';

export function injectedFaults(lines: readonly DialogueLine[]): InjectedFault[] {
  return lines.flatMap((line) => {
    if (!line.Fault) return [];
    const code = line.Dir === 'S' && typeof line.Code === 'number' ? line.Code : null;
    return [{ line: line.Text, code, fault: line.Fault, explanation: explainFault(line.Fault, code ?? undefined) }];
  });
}
