import { WorkspaceSwitcher } from './components/workspace-switcher.js';
import { StatusBar } from './components/status-bar.js';
import { useTheme } from './hooks/use-theme.js';
import { useWorkspace } from './hooks/use-workspace.js';
import { useWorkspaceQuery } from './hooks/use-workspace-query.js';
import { useState } from 'react';
import { ConnectionsPage } from './pages/connections-page.js';
import { FilesPage } from './pages/files-page.js';

type Page = 'files' | 'connections';

const PAGES: ReadonlyArray<{ id: Page; title: string }> = [
  { id: 'files', title: 'Files' },
  { id: 'connections', title: 'Connections' },
];

function pageOf(hash: string): Page {
  return hash === '#connections' ? 'connections' : 'files';
}

export function App() {
  const [theme, toggleTheme] = useTheme();
  const { workspace, error } = useWorkspace();
  const listing = useWorkspaceQuery('workspace:list-files', workspace);
  const [page, setPage] = useState<Page>(() => pageOf(window.location.hash));
  const show = (next: Page) => {
    window.location.hash = next;
    setPage(next);
  };

  return (
    <div className="shell">
      <nav className="sidebar" aria-label="Pages">
        <div className="brand">Clusterdeck</div>
        <ul>
          {PAGES.map(({ id, title }) => (
            <li key={id}>
              <a href={`#${id}`} aria-current={page === id ? 'page' : undefined} onClick={() => setPage(id)}>
                {title}
              </a>
            </li>
          ))}
        </ul>
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
        {workspace && page === 'files' && <FilesPage workspace={workspace} listing={listing} />}
        {workspace && page === 'connections' && (
          <ConnectionsPage workspace={workspace} onOpened={() => show('files')} />
        )}
      </main>
      <StatusBar workspace={workspace} files={listing.value} />
    </div>
  );
}
