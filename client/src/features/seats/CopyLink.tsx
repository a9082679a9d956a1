import { useEffect, useId, useRef, useState } from 'react';

/**
 * An invitation link with a Copy button. `showField` shows the link in a read-only field; otherwise the field
 * appears only when the clipboard is not available (a page not served over HTTPS), with the link selected so
 * that Ctrl+C copies it. Either way the outcome is announced.
 */
export function CopyLink({
  url,
  label,
  showField = true,
}: {
  url: string;
  label: string;
  showField?: boolean;
}) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [said, setSaid] = useState('');
  const [fieldShown, setFieldShown] = useState(showField);
  const [selectNow, setSelectNow] = useState(false);
  useEffect(() => {
    if (!selectNow) return;
    input.current?.focus();
    input.current?.select();
    setSelectNow(false);
  }, [selectNow]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setSaid('Link copied');
    } catch {
      setFieldShown(true);
      setSelectNow(true);
      setSaid('Link selected: press Ctrl+C to copy it');
    }
  };
  return (
    <span className="copy-link">
      {fieldShown && (
        <>
          <label htmlFor={id} className="visually-hidden">
            {label}
          </label>
          <input id={id} ref={input} readOnly value={url} onFocus={(e) => e.currentTarget.select()} />
        </>
      )}
      <button type="button" onClick={copy} aria-label={showField ? undefined : `Copy ${label}`}>
        Copy link
      </button>
      <span className="copy-said" aria-live="polite">
        {said}
      </span>
    </span>
  );
}
