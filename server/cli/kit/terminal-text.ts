// Text from the network printed in the operator's terminal: a mail's subject, a dialogue line.
// Anyone who can send mail chooses those bytes, and a terminal obeys control sequences (ESC ] 0 ;
// retitles the window, ESC [ 2 J clears it, a bare CR overwrites the line), so every control
// character — C0, DEL, C1, and the Unicode line separators and bidirectional overrides that can
// forge what a line appears to say — is shown as a visible escape instead of being sent raw.

// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (ch) => {
    const code = ch.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
