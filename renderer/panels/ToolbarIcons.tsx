import type { ReactNode } from 'react';

// The toolbar's secondary commands as small line icons (their names are in the tooltip and the
// accessible label), so the teaching commands keep their words and the bar fits one row.

function Icon({ children }: { children: ReactNode }) {
  return (
    <svg className="tool-icon" viewBox="0 0 16 16" width="16" height="16" fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      {children}
    </svg>
  );
}

export const NewIcon = () => (
  <Icon>
    <path d="M4 1.8h5l3 3v9.4H4z" />
    <path d="M9 1.8v3h3" />
    <path d="M8 8v4M6 10h4" />
  </Icon>
);

export const OpenIcon = () => (
  <Icon>
    <path d="M1.8 13.2V3.2h4l1.4 1.6h5.6v2" />
    <path d="M1.8 13.2 4 7h10.2L12 13.2z" />
  </Icon>
);

export const SaveIcon = () => (
  <Icon>
    <path d="M2.2 2.2h9.2l2.4 2.4v9.2H2.2z" />
    <path d="M5 2.2v3.4h5V2.2" />
    <path d="M4.6 13.8V9.4h6.8v4.4" />
  </Icon>
);

export const SaveAsIcon = () => (
  <Icon>
    <path d="M8.4 13.8H2.2V2.2h9.2l2.4 2.4v3" />
    <path d="M5 2.2v3.4h5V2.2" />
    <path d="M11.6 9.2v5M9.1 11.7h5" />
  </Icon>
);

export const UndoIcon = () => (
  <Icon>
    <path d="M5.5 3.2 2.4 6.3l3.1 3.1" />
    <path d="M2.6 6.3h7.2a3.6 3.6 0 0 1 0 7.2H6.6" />
  </Icon>
);

export const RedoIcon = () => (
  <Icon>
    <path d="m10.5 3.2 3.1 3.1-3.1 3.1" />
    <path d="M13.4 6.3H6.2a3.6 3.6 0 0 0 0 7.2h3.2" />
  </Icon>
);

export const ResetIcon = () => (
  <Icon>
    <path d="M2.8 8a5.2 5.2 0 1 0 1.6-3.8" />
    <path d="M4.3 1.6v2.8H7.1" />
  </Icon>
);
