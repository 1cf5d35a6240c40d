import { useState, type DragEvent } from 'react';
import type { DriveInfo, ImageInfo } from '../../shared/ipc/contract.js';
import { invoke, type IpcError } from '../api/api.js';
import { BootdiskBuilder } from '../components/bootdisk-builder.js';
import { DrivePicker } from '../components/drive-picker.js';
import { WriteStatus } from '../components/write-status.js';
import { formatBytes } from '../format.js';
import { useWriteJob } from '../hooks/use-write-job.js';
import { ErrorLine } from '../components/error-line.js';

type TargetKind = 'drive' | 'file';

/**
 * A dropped file's path where the shell exposes it as `File.path` (Electron before 32). Browsers
 * and today's Electron do not: there the admin types the path.
 */
function droppedPath(event: DragEvent): string | undefined {
  const file = event.dataTransfer.files[0] as (File & { path?: string }) | undefined;
  return file?.path || undefined;
}

export function BootDisksPage() {
  const [sourcePath, setSourcePath] = useState('');
  const [image, setImage] = useState<ImageInfo>();
  const [targetKind, setTargetKind] = useState<TargetKind>('drive');
  const [drive, setDrive] = useState<DriveInfo>();
  const [filePath, setFilePath] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [typedName, setTypedName] = useState('');
  const [jobId, setJobId] = useState<string>();
  const [error, setError] = useState<IpcError | { message: string }>();
  const job = useWriteJob(jobId);
  const target = targetKind === 'drive' ? drive?.path : filePath.trim() || undefined;
  const needsTypedName = targetKind === 'drive' && drive !== undefined && !drive.verdict.offered;
  const running = job?.kind === 'running';

  async function inspect(path: string) {
    setSourcePath(path);
    setImage(undefined);
    setError(undefined);
    if (path.trim() === '') return;
    const result = await invoke('image:inspect', { path: path.trim() });
    if (result.ok) setImage(result.value);
    else setError(result.error);
  }

  function onDrop(event: DragEvent) {
    event.preventDefault();
    const path = droppedPath(event);
    if (path) void inspect(path);
    else
      setError({
        message: 'This window does not tell the console where a dropped file is: type its path instead.',
      });
  }

  async function write() {
    if (!image || !target) return;
    setConfirming(false);
    setError(undefined);
    const result = await invoke('image:write', {
      source: image.path,
      target,
      verify: true,
      ...(needsTypedName ? { typedName } : {}),
    });
    if (result.ok) setJobId(result.value.jobId);
    else setError(result.error);
  }

  async function cancel() {
    if (jobId === undefined) return;
    const result = await invoke('image:cancel', { jobId });
    if (!result.ok) setError(result.error);
  }

  return (
    <div className="boot-disks-page">
      <BootdiskBuilder onBuilt={(path) => void inspect(path)} />
      <section className="panel" aria-labelledby="writer-heading">
        <h2 id="writer-heading">Write an image</h2>
        <div className="drop-zone" onDragOver={(event) => event.preventDefault()} onDrop={onDrop}>
          <label>
            Image (path on the console&apos;s machine, or drop a file here)
            <input
              className="mono"
              value={sourcePath}
              placeholder="/path/to/eb-5.0.7-3c905b.lzdsk or ipxe.usb, .iso, .img, .gz, .xz"
              onChange={(event) => setSourcePath(event.target.value)}
              onBlur={(event) => void inspect(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter') void inspect(sourcePath);
              }}
            />
          </label>
          {image && (
            <p role="status" aria-label="Image">
              {image.label}, {formatBytes(image.bytes)} ({image.bytes} bytes)
            </p>
          )}
        </div>
        <fieldset>
          <legend>Write to</legend>
          {(['drive', 'file'] as const).map((kind) => (
            <label key={kind}>
              <input
                type="radio"
                name="target-kind"
                checked={targetKind === kind}
                onChange={() => setTargetKind(kind)}
              />{' '}
              {kind === 'drive' ? 'a drive' : 'an image file'}
            </label>
          ))}
        </fieldset>
        {targetKind === 'drive' ? (
          <DrivePicker source={image?.path} selected={drive} onSelect={setDrive} />
        ) : (
          <label>
            Target file
            <input className="mono" value={filePath} onChange={(event) => setFilePath(event.target.value)} />
          </label>
        )}
        <button type="button" disabled={!image || !target || running} onClick={() => setConfirming(true)}>
          Write…
        </button>
        {confirming && image && target && (
          <div role="alertdialog" aria-label="Confirm the write" className="confirm">
            <p>
              Erase <strong className="mono">{target}</strong>
              {drive && targetKind === 'drive'
                ? ` (${drive.model ?? 'drive'}, ${formatBytes(drive.bytes)})`
                : ''}{' '}
              and write {image.label} ({formatBytes(image.bytes)}) to it?
            </p>
            {needsTypedName && (
              <label>
                {drive.path} is a {drive.verdict.offered ? '' : drive.verdict.reason}: type its name (
                {drive.name}) to confirm
                <input value={typedName} onChange={(event) => setTypedName(event.target.value)} />
              </label>
            )}
            <button
              type="button"
              onClick={() => void write()}
              disabled={needsTypedName && typedName !== drive.name}
            >
              Erase and write {target}
            </button>{' '}
            <button type="button" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        )}
        {job && target && <WriteStatus state={job} target={target} onCancel={() => void cancel()} />}
        <ErrorLine error={error} />
      </section>
    </div>
  );
}
