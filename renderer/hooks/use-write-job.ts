import { useEffect, useState } from 'react';
import type { WriteJob } from '../../shared/ipc/contract.js';
import { onEvent } from '../api/api.js';

/** The latest state of one write, pushed by the backend as it goes (no polling). */
export function useWriteJob(jobId: string | undefined): WriteJob['state'] | undefined {
  const [latest, setLatest] = useState<WriteJob>();
  useEffect(() => {
    if (jobId === undefined) return undefined;
    return onEvent('image:write-changed', (job) => {
      if (job.jobId === jobId) setLatest(job);
    });
  }, [jobId]);
  return latest?.jobId === jobId ? latest?.state : undefined;
}
