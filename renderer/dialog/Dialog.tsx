import type { ReactNode } from 'react';
import './dialog.css';

interface DialogProps {
  readonly testId: string;
  /** The id of the element that holds the dialog's title. */
  readonly titleId: string;
  readonly className?: string;
  /** What Escape does; a dialog without it must be answered with one of its buttons. */
  readonly onEscape?: () => void;
  /** What a press on the backdrop, outside the dialog, does. */
  readonly onBackdrop?: () => void;
  /** Makes the dialog a form: Enter in a field submits. */
  readonly onSubmit?: () => void;
  readonly children: ReactNode;
}

/** The frame of the app's own modal dialogs (welcome, restore after a crash, browser-mode Save As). */
export function Dialog({ testId, titleId, className, onEscape, onBackdrop, onSubmit, children }: DialogProps) {
  const frame = { className: className ? `bp-modal ${className}` : 'bp-modal', role: 'dialog', 'aria-modal': true, 'aria-labelledby': titleId, 'data-testid': testId };
  return (
    // Keys stay in the dialog: the app's shortcuts (Delete, Ctrl+A, Ctrl+S …) must not act behind it.
    <div
      className="bp-modal-backdrop"
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === 'Escape') onEscape?.();
      }}
      onMouseDown={onBackdrop && ((e) => e.target === e.currentTarget && onBackdrop())}
    >
      {onSubmit ? (
        <form
          {...frame}
          onSubmit={(e) => {
            e.preventDefault();
            onSubmit();
          }}
        >
          {children}
        </form>
      ) : (
        <div {...frame}>{children}</div>
      )}
    </div>
  );
}
