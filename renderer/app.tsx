import { useCallback, useEffect, useState } from 'react';
import type { Workspace } from '../shared/ipc/contract.js';
import { CommandPalette } from './components/command-palette.js';
import type { FilePlace } from './components/node-detail.js';
import { StatusBar } from './components/status-bar.js';
import { WorkspaceSwitcher } from './components/workspace-switcher.js';
import { PAGES, useHashPage, type PageName } from './hooks/use-hash-page.js';
import { usePaletteCommands } from './hooks/use-palette-commands.js';
import { useTheme } from './hooks/use-theme.js';
import { useWorkspace } from './hooks/use-workspace.js';
import { useWorkspaceQuery } from './hooks/use-workspace-query.js';
import { BootDisksPage } from './pages/boot-disks-page.js';
import { ConnectionsPage } from './pages/connections-page.js';
import { FilesPage } from './pages/files-page.js';
import { NodesPage } from './pages/nodes-page.js';
import { TerminalsPage } from './pages/terminals-page.js';

const isPaletteKey = (event: KeyboardEvent) =>
  event.ctrlKey && event.shiftKey && !event.altKey && !event.metaKey && event.key.toUpperCase() === 'P';

/** Ctrl+Shift+P anywhere, the terminals included, opens the command palette. */
function usePaletteShortcut(open: () => void): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!isPaletteKey(event)) return;
      event.preventDefault();
      event.stopPropagation();
      open();
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, [open]);
}

/** Mounted only while open: the node list is asked for when the palette opens. */
function Palette(props: {
  workspace: Workspace | undefined;
  goTo: (page: PageName) => void;
  toggleTheme: () => void;
  onClose: () => void;
}) {
  const commands = usePaletteCommands(props.workspace, props.goTo, props.toggleTheme);
  return <CommandPalette commands={commands} onClose={props.onClose} />;
}

export function App() {
  const [theme, toggleTheme] = useTheme();
  const [paletteOpen, setPaletteOpen] = useState(false);
  const openPalette = useCallback(() => setPaletteOpen(true), []);
  usePaletteShortcut(openPalette);
  const { workspace, error } = useWorkspace();
  const listing = useWorkspaceQuery('workspace:list-files', workspace);
  const [page, goTo] = useHashPage();
  const [focus, setFocus] = useState<FilePlace>();
  const openFile = (place: FilePlace) => {
    setFocus(place);
    goTo('files');
  };

  return (
    <div className="shell">
      <nav className="sidebar" aria-label="Pages">
        <div className="brand">Clusterdeck</div>
        <ul>
          {PAGES.map(({ id, title }) => (
            <li key={id}>
              <a href={`#${id}`} aria-current={page === id ? 'page' : undefined}>
                {title}
              </a>
            </li>
          ))}
        </ul>
        <button type="button" className="palette-button" onClick={openPalette}>
          Command palette <kbd>Ctrl+Shift+P</kbd>
        </button>
        <button type="button" className="theme-toggle" onClick={toggleTheme}>
          {theme === 'dark' ? 'Light theme' : 'Dark theme'}
        </button>
      </nav>
      <main className="content">
        {workspace && <WorkspaceSwitcher workspace={workspace} />}
        {error && (
          <p role="alert" className="error">
            Could not reach the console's backend: {error.message}
          </p>
        )}
        {workspace && page === 'nodes' && <NodesPage workspace={workspace} onOpenFile={openFile} />}
        {workspace && page === 'files' && (
          <FilesPage
            key={focus && `${focus.path}:${focus.line}`}
            workspace={workspace}
            listing={listing}
            focus={focus}
          />
        )}
        {workspace && page === 'bootdisks' && <BootDisksPage />}
        {workspace && page === 'connections' && (
          <ConnectionsPage workspace={workspace} onOpened={() => goTo('files')} />
        )}
        {page === 'terminals' && <TerminalsPage />}
      </main>
      <StatusBar workspace={workspace} files={listing.value} />
      {paletteOpen && (
        <Palette
          workspace={workspace}
          goTo={goTo}
          toggleTheme={toggleTheme}
          onClose={() => setPaletteOpen(false)}
        />
      )}
    </div>
  );
}
