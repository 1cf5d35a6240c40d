import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef } from 'react';
import type { ClusterFile } from '../../shared/workspace/cluster-files.js';
import { useFileText } from '../hooks/use-file-text.js';
import { formatBytes } from '../format.js';

const LINE_HEIGHT_PX = 20;

function splitLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines.length > 1 && lines.at(-1) === '') lines.pop();
  return lines;
}

/** A cluster file, read-only, with line numbers; only the visible lines are in the page. */
interface FileViewerProps {
  file: ClusterFile & { found: true };
  /** A line to bring into view and mark (a finding's line). */
  focusLine?: number | undefined;
}

export function FileViewer({ file, focusLine }: FileViewerProps) {
  const { text, bytesRead, complete, error } = useFileText(file.path);
  const lines = useMemo(() => splitLines(text), [text]);
  const widestLine = useMemo(() => lines.reduce((widest, line) => Math.max(widest, line.length), 0), [lines]);
  const scroller = useRef<HTMLDivElement>(null);
  // The virtualizer's functions change with every scroll; this component does not memoise them.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: lines.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => LINE_HEIGHT_PX,
    overscan: 20,
  });
  const gutterChars = String(lines.length).length + 1;
  const focusReady = complete && focusLine !== undefined && focusLine <= lines.length;
  useEffect(() => {
    if (focusReady) virtualizer.scrollToIndex(focusLine - 1, { align: 'center' });
  }, [focusReady, focusLine, virtualizer]);

  return (
    <section className="viewer" aria-label={`Contents of ${file.path}`}>
      <header className="viewer-header">
        <h2 className="viewer-path">{file.path}</h2>
        <span className="viewer-facts">
          {complete
            ? `${lines.length} lines · ${formatBytes(file.size)}`
            : `reading… ${formatBytes(bytesRead)}`}
          {file.symlinkTarget !== undefined && ` · symlink to ${file.symlinkTarget}`}
          {' · read-only'}
        </span>
      </header>
      {error && (
        <p role="alert" className="error">
          Could not read {file.path}: {error.message}
        </p>
      )}
      <div className="viewer-scroll" ref={scroller} role="table" aria-label="Lines">
        <div
          className="viewer-lines"
          style={{ height: virtualizer.getTotalSize(), width: `calc(${widestLine + gutterChars + 3}ch)` }}
        >
          {virtualizer.getVirtualItems().map((row) => (
            <div
              key={row.index}
              role="row"
              aria-current={row.index + 1 === focusLine ? 'true' : undefined}
              className={row.index + 1 === focusLine ? 'line line-focused' : 'line'}
              style={{ transform: `translateY(${row.start}px)`, height: LINE_HEIGHT_PX }}
            >
              <span role="rowheader" className="line-number" style={{ width: `${gutterChars}ch` }}>
                {row.index + 1}
              </span>
              <span role="cell" className="line-text">
                {lines[row.index]}
              </span>
            </div>
          ))}
        </div>
      </div>
    </section>
  );
}
