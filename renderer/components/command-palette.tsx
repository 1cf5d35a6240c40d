import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { rankByQuery } from '../../shared/palette/fuzzy-match.js';

export interface PaletteCommand {
  label: string;
  run: () => void;
}

/** How many matches the list shows (a 253-node cluster has a command per node). */
const SHOWN = 50;

/**
 * Ctrl+Shift+P: every action by name, found by a few of its letters. Arrow keys move, Enter
 * runs, Escape (or a click outside) closes.
 */
export function CommandPalette({ commands, onClose }: { commands: PaletteCommand[]; onClose: () => void }) {
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();
  const matches = useMemo(
    () => rankByQuery(query, commands, (command) => command.label).slice(0, SHOWN),
    [query, commands],
  );
  const current = Math.min(chosen, matches.length - 1);
  useEffect(() => input.current?.focus(), []);

  const run = (command: PaletteCommand | undefined) => {
    if (!command) return;
    onClose();
    command.run();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1 };
    if (event.key in moves) {
      event.preventDefault();
      setChosen((current + (moves[event.key] ?? 0) + matches.length) % Math.max(matches.length, 1));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      run(matches[current]);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      onClose();
    }
  };

  return (
    <div className="palette-backdrop" onMouseDown={onClose}>
      <div
        role="dialog"
        aria-modal="true"
        aria-label="Command palette"
        className="dialog palette"
        onMouseDown={(event) => event.stopPropagation()}
      >
        <input
          ref={input}
          role="combobox"
          aria-label="Command"
          aria-expanded="true"
          aria-controls={listId}
          aria-activedescendant={matches.length > 0 ? `${listId}-${current}` : undefined}
          placeholder="Type a command or a node’s name"
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setChosen(0);
          }}
          onKeyDown={onKeyDown}
        />
        <ul role="listbox" id={listId} aria-label="Commands">
          {matches.map((command, index) => (
            <li
              key={command.label}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === current}
              onMouseEnter={() => setChosen(index)}
              onClick={() => run(command)}
            >
              {command.label}
            </li>
          ))}
        </ul>
        {matches.length === 0 && <p className="subtle">No command matches “{query}”.</p>}
      </div>
    </div>
  );
}
