import { useEffect, useState } from 'react';
import { readStream, type IpcError } from '../api/api.js';

export interface FileTextState {
  text: string;
  bytesRead: number;
  complete: boolean;
  error?: IpcError;
}

const EMPTY: FileTextState = { text: '', bytesRead: 0, complete: false };

/** Streams a cluster file's bytes and decodes them as UTF-8 text as they arrive. */
export function useFileText(path: string): FileTextState {
  const [reading, setReading] = useState<FileTextState & { of?: string }>(EMPTY);

  useEffect(() => {
    const decoder = new TextDecoder();
    const update = (change: (previous: FileTextState) => Partial<FileTextState>) =>
      setReading((previous) => {
        const base = previous.of === path ? previous : { ...EMPTY, of: path };
        return { ...base, ...change(base) };
      });
    const stream = readStream('workspace:file-bytes', { path }, (chunk) =>
      update((previous) => ({
        text: previous.text + decoder.decode(chunk, { stream: true }),
        bytesRead: previous.bytesRead + chunk.byteLength,
      })),
    );
    void stream.done.then((result) => {
      if (result.ok) update((previous) => ({ text: previous.text + decoder.decode(), complete: true }));
      else if (result.error.code !== 'cancelled') update(() => ({ error: result.error }));
    });
    return () => stream.cancel();
  }, [path]);

  return reading.of === path ? reading : EMPTY;
}
