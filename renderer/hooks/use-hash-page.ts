import { useEffect, useState } from 'react';

/** The console's pages, in the sidebar's order; the first is where it opens. */
export const PAGES = [
  { id: 'nodes', title: 'Nodes' },
  { id: 'files', title: 'Files' },
  { id: 'bootdisks', title: 'Boot disks' },
  { id: 'connections', title: 'Connections' },
  { id: 'terminals', title: 'Terminals' },
] as const;

export type PageName = (typeof PAGES)[number]['id'];

function current(): PageName {
  return PAGES.find((page) => `#${page.id}` === window.location.hash)?.id ?? PAGES[0].id;
}

/** The page the address's #fragment names, following the sidebar's links and history; and a way to go to one. */
export function useHashPage(): [PageName, (page: PageName) => void] {
  const [page, setPage] = useState(current);
  useEffect(() => {
    const follow = () => setPage(current());
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  return [page, (next) => (window.location.hash = next)];
}
