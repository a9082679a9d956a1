import type { EditorView } from 'prosemirror-view';
import { useLayoutEffect, useRef, useState } from 'react';

/** A refusal to say at the caret; `serial` tells two refusals with the same words apart (each is announced). */
export interface CaretRefusal {
  readonly message: string;
  readonly serial: number;
}

/** Offset of the notice below the caret's line, in pixels. */
const GAP_PX = 6;

/**
 * The bottom of the caret's line in the viewport: the browser's selection when it is in the text (it is where
 * the person typed, also when ProseMirror has not read a just-moved caret yet), else ProseMirror's head.
 */
function caretBottom(view: EditorView): number | null {
  const selection = document.getSelection();
  const node = selection?.focusNode;
  if (selection && selection.rangeCount > 0 && node && view.dom.contains(node)) {
    const rect = selection.getRangeAt(0).getBoundingClientRect();
    if (rect.height > 0) return rect.bottom;
    const element = node instanceof Element ? node : node.parentElement;
    if (element) return element.getBoundingClientRect().bottom;
  }
  try {
    return view.coordsAtPos(view.state.selection.head).bottom;
  } catch {
    // A position the view cannot measure (not rendered yet).
    return null;
  }
}

/**
 * Says a refusal where one types (issue 20): a notice placed just under the caret's line, inside the text's
 * frame, and announced to screen readers (`role="alert"`, mounted afresh for every refusal). It renders what
 * it is given; deciding what to refuse is the editor plugins' (SS3, PR1–PR3, BR3, AC8).
 */
export function CaretNotice({
  view,
  refusal,
  onDismiss,
}: {
  view: EditorView | null;
  refusal: CaretRefusal | null;
  onDismiss: () => void;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [top, setTop] = useState<number | null>(null);
  useLayoutEffect(() => {
    const stage = box.current?.offsetParent;
    if (!refusal || !view || view.isDestroyed || !(stage instanceof HTMLElement)) return;
    const bottom = caretBottom(view);
    setTop(bottom === null ? 0 : bottom - stage.getBoundingClientRect().top + GAP_PX);
  }, [view, refusal]);
  if (!refusal) return null;
  return (
    <div
      ref={box}
      key={refusal.serial}
      className="caret-notice"
      role="alert"
      data-testid="caret-notice"
      style={top === null ? undefined : { top }}
    >
      <p>{refusal.message}</p>
      <button type="button" className="link-button" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
