/** A short confirmation after an action, read out by screen readers (role=status). */
import { useState } from 'react';

export function useNotice(): [string | undefined, (text: string) => void] {
  return useState<string>();
}

export function Notice({ text }: { text: string | undefined }) {
  return (
    <p role="status" className="notice" hidden={!text}>
      {text}
    </p>
  );
}
