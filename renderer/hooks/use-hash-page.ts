import { useEffect, useState } from 'react';

export type PageName = 'files' | 'bootdisks';

function current(): PageName {
  return window.location.hash === '#bootdisks' ? 'bootdisks' : 'files';
}

/** The page the address's #fragment names, following the sidebar's links and history. */
export function useHashPage(): PageName {
  const [page, setPage] = useState(current);
  useEffect(() => {
    const follow = () => setPage(current());
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  return page;
}
