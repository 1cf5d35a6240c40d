import { WorkspaceSwitcher } from './components/workspace-switcher.js';
import { StatusBar } from './components/status-bar.js';
import { useTheme } from './hooks/use-theme.js';
import { useWorkspace } from './hooks/use-workspace.js';
import { useWorkspaceQuery } from './hooks/use-workspace-query.js';
import { FilesPage } from './pages/files-page.js';
import { BootDisksPage } from './pages/boot-disks-page.js';
import { useHashPage } from './hooks/use-hash-page.js';

export function App() {
  const [theme, toggleTheme] = useTheme();
  const { workspace, error } = useWorkspace();
  const listing = useWorkspaceQuery('workspace:list-files', workspace);
  const page = useHashPage();

  return (
    <div className="shell">
      <nav className="sidebar" aria-label="Pages">
        <div className="brand">Clusterdeck</div>
        <ul>
          <li>
            <a href="#files" aria-current={page === 'files' ? 'page' : undefined}>
              Files
            </a>
          </li>
          <li>
            <a href="#bootdisks" aria-current={page === 'bootdisks' ? 'page' : undefined}>
              Boot disks
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
        {workspace && page === 'files' && <FilesPage workspace={workspace} listing={listing} />}
        {workspace && page === 'bootdisks' && <BootDisksPage />}
      </main>
      <StatusBar workspace={workspace} files={listing.value} />
    </div>
  );
}
