import type { ConnectionsState } from '../hooks/use-connections.js';
import { CredentialDialog } from './credential-dialog.js';
import { HostKeyDialog } from './host-key-dialog.js';

/**
 * What SSH asks the user while connecting (a new host key, a password), wherever it connects
 * from; one question at a time, each in a fresh dialog (nothing typed carries over).
 */
export function ConnectionQuestions({ connections }: { connections: ConnectionsState }) {
  return (
    <>
      {connections.hostKeyQuestion && (
        <HostKeyDialog
          key={connections.hostKeyQuestion.id}
          question={connections.hostKeyQuestion}
          onAnswered={connections.clearHostKeyQuestion}
        />
      )}
      {connections.credentialQuestion && (
        <CredentialDialog
          key={connections.credentialQuestion.id}
          question={connections.credentialQuestion}
          onAnswered={connections.clearCredentialQuestion}
        />
      )}
    </>
  );
}
