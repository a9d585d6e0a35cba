// The console's command history, as a shell's: Up goes back through the commands sent, Down
// forward and finally to what was being typed before Up. Only commands are kept: never a line
// of a message, never an AUTH secret or a line that carries one (the store decides). Pure.

export interface CommandHistory {
  /** A command sent: kept (once in a row, at most `max`), and the cursor back at the end. */
  add(line: string): void;
  /** The command before the cursor; `typing` is kept to come back to. undefined: nothing older. */
  up(typing: string): string | undefined;
  /** The command after the cursor, then what was being typed; undefined: already there. */
  down(): string | undefined;
  list(): readonly string[];
}

export function createCommandHistory(max = 200): CommandHistory {
  let entries: string[] = [];
  let cursor = 0;
  let draft = '';

  return {
    add(line) {
      if (line.trim() !== '' && entries.at(-1) !== line) entries = [...entries, line].slice(-max);
      cursor = entries.length;
      draft = '';
    },
    up(typing) {
      if (cursor === 0) return undefined;
      if (cursor === entries.length) draft = typing;
      cursor--;
      return entries[cursor];
    },
    down() {
      if (cursor >= entries.length) return undefined;
      cursor++;
      return cursor === entries.length ? draft : entries[cursor];
    },
    list: () => entries,
  };
}
