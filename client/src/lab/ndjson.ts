// Newline-delimited JSON read as it arrives: the test e-mail's route streams one object per line
// while the send runs. Chunks split anywhere (inside a line, inside a multi-byte character), so
// bytes are decoded in streaming mode and only complete lines are parsed. A line that is not
// JSON is skipped rather than ending the read: one bad line must not lose the result after it.

export async function readNdjson(body: ReadableStream<Uint8Array>, onValue: (value: unknown) => void): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const emit = (line: string) => {
    if (!line.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      return;
    }
    onValue(value);
  };
  for (;;) {
    const { done, value } = await reader.read();
    buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n')) >= 0) {
      emit(buffer.slice(0, end));
      buffer = buffer.slice(end + 1);
    }
    if (done) break;
  }
  emit(buffer);
}
