import { WorkspaceSwitcher } from './components/workspace-switcher.js';
import { StatusBar } from './components/status-bar.js';
import { useTheme } from './hooks/use-theme.js';
import { useWorkspace } from './hooks/use-workspace.js';
import { useWorkspaceQuery } from './hooks/use-workspace-query.js';
import { FilesPage } from './pages/files-page.js';

export function App() {
  const [theme, toggleTheme] = useTheme();
  const { workspace, error } = useWorkspace();
  const listing = useWorkspaceQuery('workspace:list-files', workspace);

  return (
    <div className="shell">
      <nav className="sidebar" aria-label="Pages">
        <div className="brand">Clusterdeck</div>
        <ul>
          <li>
            <a href="#files" aria-current="page">
              Files
            </a>
          </li>
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
        {workspace && <FilesPage workspace={workspace} listing={listing} />}
      </main>
      <StatusBar workspace={workspace} files={listing.value} />
    </div>
  );
}
