import { useMemo, useSyncExternalStore } from 'react';
import type { Inventory, Workspace } from '../../shared/ipc/contract.js';
import type { PaletteCommand } from '../components/command-palette.js';
import { openTerminal, terminals } from '../terminal/terminal-store.js';
import { PAGES, type PageName } from './use-hash-page.js';
import { useWorkspaceQuery } from './use-workspace-query.js';

/** What the command palette offers: the pages, the terminals' actions, and a shell on every node. */
export function usePaletteCommands(
  workspace: Workspace | undefined,
  goTo: (page: PageName) => void,
  toggleTheme: () => void,
): PaletteCommand[] {
  const inventory = useWorkspaceQuery('nodes:list', workspace).value;
  const { terminals: open, activeId } = useSyncExternalStore(terminals.subscribe, terminals.getSnapshot);
  return useMemo(() => {
    const toTerminals = (action: () => void) => () => {
      goTo('terminals');
      action();
    };
    const commands: PaletteCommand[] = [
      ...PAGES.map(({ id, title }) => ({ label: `Go to ${title}`, run: () => goTo(id) })),
      { label: 'New terminal on the gateway', run: () => openTerminal(undefined) },
      ...open.map((entry) => ({
        label: `Switch to terminal ${entry.state.title}`,
        run: toTerminals(() => terminals.activate(entry.id)),
      })),
      ...nodeTerminalCommands(inventory),
      { label: 'Toggle broadcast', run: toTerminals(() => terminals.toggleBroadcast()) },
      { label: 'Toggle light/dark theme', run: toggleTheme },
    ];
    if (activeId)
      commands.push({ label: 'Find in terminal', run: toTerminals(() => terminals.setFinding(true)) });
    return commands;
  }, [inventory, open, activeId, goTo, toggleTheme]);
}

function nodeTerminalCommands(inventory: Inventory | undefined): PaletteCommand[] {
  if (!inventory) return [];
  const { name, role } = inventory.columns;
  return name.flatMap((node, row) =>
    role[row] === 'gateway' ? [] : [{ label: `Open terminal on ${node}`, run: () => openTerminal(node) }],
  );
}
