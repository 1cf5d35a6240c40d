/** An error the user should see at once, read out by screen readers; nothing when there is none. */
export function ErrorLine({ error }: { error: { message: string } | undefined }) {
  if (!error) return null;
  return (
    <p role="alert" className="error">
      {error.message}
    </p>
  );
}
