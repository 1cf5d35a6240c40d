import { useEffect, useState } from 'react';
import { invoke } from '../api/api.js';

/** Where passwords go: the desktop app's keychain (with a way to empty it), or nowhere. */
export function KeychainNote() {
  const [keychain, setKeychain] = useState<boolean>();
  const [forgotten, setForgotten] = useState(false);
  useEffect(() => {
    void invoke('app:get-info', {}).then((result) => result.ok && setKeychain(result.value.keychain));
  }, []);
  if (keychain === undefined) return null;
  if (!keychain)
    return <p className="note">Passwords and passphrases are asked each time and never stored.</p>;
  const forget = async () => {
    const result = await invoke('connections:forget-secrets', {});
    setForgotten(result.ok);
  };
  return (
    <p className="note">
      Passwords you ask to remember are kept in the system keychain.{' '}
      <button type="button" onClick={() => void forget()} disabled={forgotten}>
        {forgotten ? 'Forgotten' : 'Forget remembered passwords'}
      </button>
    </p>
  );
}
