// A scenario's text as the page shows it: each of its lines a paragraph, what the author put in
// `backticks` (a command, a port, a value to type) as <code>. Always text nodes, never HTML: the
// texts are the server's, and a `<student@lab.local>` in them is an address to type.
import { instructionLines } from './scenario-logic.js';

export function InstructionText({ text, class: className }: { text: string; class?: string }) {
  return (
    <div class={`scn-text${className ? ` ${className}` : ''}`}>
      {instructionLines(text).map((line, i) => (
        <p key={i}>{line.map((part, j) => (part.kind === 'code' ? <code key={j}>{part.text}</code> : part.text))}</p>
      ))}
    </div>
  );
}
