import { useEffect, useState, type FormEvent } from 'react';
import type { InvokeOutput } from '../../shared/ipc/contract.js';
import { invoke, type IpcError } from '../api/api.js';
import { formatBytes } from '../format.js';
import { ErrorLine } from './error-line.js';

interface BootdiskBuilderProps {
  /** Hands the built image to the writer. */
  onBuilt: (path: string) => void;
}

type Tools = InvokeOutput<'bootdisk:check-tools'>;

/** The short form that builds this cluster's network boot disk, ready to write. */
export function BootdiskBuilder({ onBuilt }: BootdiskBuilderProps) {
  const [tools, setTools] = useState<Tools>();
  const [format, setFormat] = useState<'floppy' | 'usb'>('floppy');
  const [chain, setChain] = useState<'dhcp' | 'fixed'>('dhcp');
  const [nic, setNic] = useState('auto');
  const [menu, setMenu] = useState('');
  const [busy, setBusy] = useState(false);
  const [built, setBuilt] = useState<InvokeOutput<'bootdisk:build'>>();
  const [error, setError] = useState<IpcError>();

  useEffect(() => {
    void invoke('bootdisk:check-tools', {}).then((result) => {
      if (result.ok) setTools(result.value);
      else setError(result.error);
    });
  }, []);

  async function build(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    const result = await invoke('bootdisk:build', {
      format,
      chain,
      nic: nic === 'auto' ? 'auto' : Number(nic),
      ...(menu === '' ? {} : { menuTimeoutSeconds: Number(menu) }),
    });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setBuilt(result.value);
    onBuilt(result.value.out);
  }

  return (
    <section className="panel" aria-labelledby="builder-heading">
      <h2 id="builder-heading">Build a boot disk for this cluster</h2>
      {tools && !tools.ready && (
        <div role="alert" className="error">
          Cannot build here: {tools.missing.join('; ')}. Install with <code>{tools.install}</code>.
        </div>
      )}
      <form className="form-row" onSubmit={(event) => void build(event)}>
        <label>
          Format
          <select value={format} onChange={(event) => setFormat(event.target.value as 'floppy' | 'usb')}>
            <option value="floppy">1.44 MB floppy</option>
            <option value="usb">USB stick / hard disk</option>
          </select>
        </label>
        <label>
          Boot file
          <select value={chain} onChange={(event) => setChain(event.target.value as 'dhcp' | 'fixed')}>
            <option value="dhcp">the one dhcpd names</option>
            <option value="fixed">fixed, from dhcpd.conf</option>
          </select>
        </label>
        <label>
          NIC
          <select value={nic} onChange={(event) => setNic(event.target.value)}>
            <option value="auto">auto (every NIC)</option>
            {[0, 1, 2, 3].map((index) => (
              <option key={index} value={String(index)}>{`net${index}`}</option>
            ))}
          </select>
        </label>
        <label>
          Menu timeout (s)
          <input
            inputMode="numeric"
            pattern="\d*"
            placeholder="no menu"
            value={menu}
            onChange={(event) => setMenu(event.target.value)}
            size={6}
          />
        </label>
        <button type="submit" disabled={busy || tools?.ready === false}>
          {busy ? 'Building…' : 'Build'}
        </button>
      </form>
      <ErrorLine error={error} />
      {built && (
        <p role="status">
          Built <span className="mono">{built.out}</span> ({formatBytes(built.bytes)}): ready to write below.
        </p>
      )}
    </section>
  );
}
