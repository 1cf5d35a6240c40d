import { WorkspaceSwitcher } from './components/workspace-switcher.js';
import { StatusBar } from './components/status-bar.js';
import { useTheme } from './hooks/use-theme.js';
import { useWorkspace } from './hooks/use-workspace.js';
import { useWorkspaceQuery } from './hooks/use-workspace-query.js';
import { useEffect, useState } from 'react';
import type { FilePlace } from './components/node-detail.js';
import { FilesPage } from './pages/files-page.js';
import { NodesPage } from './pages/nodes-page.js';

const PAGES = [
  { id: 'nodes', title: 'Nodes' },
  { id: 'files', title: 'Files' },
] as const;

type PageId = (typeof PAGES)[number]['id'];

function pageOf(hash: string): PageId {
  return PAGES.find((page) => `#${page.id}` === hash)?.id ?? 'nodes';
}

/** The page named by the address's #fragment, following the back and forward buttons. */
function usePage(): [PageId, (page: PageId) => void] {
  const [page, setPage] = useState(() => pageOf(window.location.hash));
  useEffect(() => {
    const follow = () => setPage(pageOf(window.location.hash));
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  return [page, (next) => (window.location.hash = next)];
}

export function App() {
  const [theme, toggleTheme] = useTheme();
  const { workspace, error } = useWorkspace();
  const listing = useWorkspaceQuery('workspace:list-files', workspace);
  const [page, goTo] = usePage();
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
        {workspace && page === 'files' && (
          <FilesPage
            key={focus && `${focus.path}:${focus.line}`}
            workspace={workspace}
            listing={listing}
            focus={focus}
          />
        )}
        {workspace && page === 'nodes' && <NodesPage workspace={workspace} onOpenFile={openFile} />}
      </main>
      <StatusBar workspace={workspace} files={listing.value} />
    </div>
  );
}
