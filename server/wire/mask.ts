/** What stands in for a secret wherever a dialogue is shown: transcripts, logs, the browser. */
export const MASK = '••••••••';
