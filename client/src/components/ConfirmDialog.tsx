// Asks before an action that one click cannot undo. A native modal <dialog>: the rest of the page
// is inert while it is open, Escape cancels, and focus starts on "Annuleren" (the safe choice) and
// returns to the button that asked once the dialog closes.
import { type ReactNode, useCallback, useEffect, useId, useRef, useState } from 'react';

export interface ConfirmRequest {
  title: string;
  body: ReactNode;
  /** The words on the button that does it, e.g. "Deactiveren". */
  confirm: string;
  danger?: boolean;
}

/** `dialog` goes into the component's output; `ask` resolves true when the person confirms. */
export function useConfirm(): { dialog: ReactNode; ask: (request: ConfirmRequest) => Promise<boolean> } {
  const [open, setOpen] = useState<(ConfirmRequest & { resolve: (ok: boolean) => void }) | null>(null);
  const ask = useCallback((request: ConfirmRequest) => new Promise<boolean>((resolve) => setOpen({ ...request, resolve })), []);
  const dialog = open ? (
    <ConfirmDialog
      {...open}
      onClose={(ok) => {
        open.resolve(ok);
        setOpen(null);
      }}
    />
  ) : null;
  return { dialog, ask };
}

function ConfirmDialog({ title, body, confirm, danger, onClose }: ConfirmRequest & { onClose: (ok: boolean) => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const id = useId();
  useEffect(() => {
    const opener = document.activeElement;
    const dialog = ref.current!;
    if (!dialog.open) dialog.showModal();
    cancelRef.current?.focus();
    return () => {
      if (dialog.open) dialog.close();
      if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      role="alertdialog"
      className="bevestigen"
      aria-labelledby={`${id}-kop`}
      aria-describedby={`${id}-tekst`}
      onCancel={(e) => {
        e.preventDefault();
        onClose(false);
      }}
    >
      <h2 id={`${id}-kop`}>{title}</h2>
      <div id={`${id}-tekst`}>{body}</div>
      <div className="acties bevestigen-knoppen">
        <button type="button" ref={cancelRef} className="knop knop-tweede" onClick={() => onClose(false)}>
          Annuleren
        </button>
        <button type="button" className={danger ? 'knop knop-gevaar' : 'knop'} onClick={() => onClose(true)}>
          {confirm}
        </button>
      </div>
    </dialog>
  );
}
