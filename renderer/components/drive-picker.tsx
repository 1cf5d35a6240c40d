import { useEffect, useState } from 'react';
import type { DriveInfo } from '../../shared/ipc/contract.js';
import { invoke, type IpcError } from '../api/api.js';
import { formatBytes } from '../format.js';
import { ErrorLine } from './error-line.js';

interface DrivePickerProps {
  source: string | undefined;
  selected: DriveInfo | undefined;
  onSelect: (drive: DriveInfo | undefined) => void;
}

function describe(drive: DriveInfo): string {
  return [drive.model, drive.bus?.toUpperCase(), formatBytes(drive.bytes)].filter(Boolean).join(' · ');
}

/** Removable drives; "show all" adds fixed ones (never system drives or the image's own). */
export function DrivePicker({ source, selected, onSelect }: DrivePickerProps) {
  const [showAll, setShowAll] = useState(false);
  const [drives, setDrives] = useState<DriveInfo[]>([]);
  const [error, setError] = useState<IpcError>();
  const [refreshed, setRefreshed] = useState(0);

  useEffect(() => {
    let live = true;
    void invoke('image:list-drives', { showAll, ...(source ? { source } : {}) }).then((result) => {
      if (!live) return;
      if (result.ok) setDrives(result.value);
      else setError(result.error);
    });
    return () => {
      live = false;
    };
  }, [showAll, source, refreshed]);

  return (
    <fieldset className="drive-picker">
      <legend>Drive</legend>
      <label>
        <input type="checkbox" checked={showAll} onChange={(event) => setShowAll(event.target.checked)} />{' '}
        Show all drives (fixed drives need their name typed)
      </label>{' '}
      <button type="button" onClick={() => setRefreshed((count) => count + 1)}>
        Refresh
      </button>
      <ErrorLine error={error} />
      {drives.length === 0 ? (
        <p className="subtle">
          No removable drive found. System drives and the drive holding the image are never listed.
        </p>
      ) : (
        <ul aria-label="Drives" className="plain-list">
          {drives.map((drive) => (
            <li key={drive.path}>
              <label>
                <input
                  type="radio"
                  name="drive"
                  checked={selected?.path === drive.path}
                  onChange={() => onSelect(drive)}
                />{' '}
                <span className="mono">{drive.path}</span> {describe(drive)}
                {drive.mountpoints.length > 0 && ` · mounted at ${drive.mountpoints.join(', ')}`}
                {!drive.verdict.offered && <span className="badge">{drive.verdict.reason}</span>}
              </label>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
