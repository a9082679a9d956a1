import { Plugin, PluginKey } from 'prosemirror-state';
import { REFUSAL_MESSAGES } from './refusal-messages.ts';

/** Key of the plugin that answers typing in a read-only editor. */
export const readOnlyKey = new PluginKey('read-only');

/** Keys that would change the text in an editable editor. */
function changesText(event: KeyboardEvent): boolean {
  if (event.ctrlKey || event.metaKey) return event.key === 'v' || event.key === 'x';
  return (
    event.key.length === 1 || event.key === 'Backspace' || event.key === 'Delete' || event.key === 'Enter'
  );
}

/**
 * AC8 where one types: an observer's (or the convenor's) editor is not editable, so the browser would ignore
 * their keys without a word. The plugin listens to the raw events (ProseMirror's own key handlers run only in
 * an editable view) and has `onRefuse` say why at the caret.
 */
export function readOnlyPlugin(onRefuse: (message: string) => void): Plugin {
  const refuse = (editable: boolean) => {
    if (editable) return false;
    onRefuse(REFUSAL_MESSAGES.readOnly);
    return true;
  };
  return new Plugin({
    key: readOnlyKey,
    props: {
      handleDOMEvents: {
        keydown: (view, event) => changesText(event) && refuse(view.editable),
        paste: (view) => refuse(view.editable),
        drop: (view) => refuse(view.editable),
      },
    },
  });
}
