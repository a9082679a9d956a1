import type { Command, EditorState } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import { redoCommand, undoCommand } from 'y-prosemirror';

/** A toolbar button: its label, the keys that do the same, and the command. */
export interface ToolDef {
  readonly label: string;
  readonly keys?: string;
  readonly shortcut?: string;
  readonly command: Command;
  /** Why the command does not apply here, said on the disabled button. */
  readonly why?: (state: EditorState) => string | null;
  /** Instead of running the command: what the button does (e.g. open a dialog). */
  readonly run?: (view: EditorView) => void;
}

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const mod = isMac ? '⌘' : 'Ctrl';

/** Undo and redo of one's own edits, on every toolbar. */
export const HISTORY_TOOLS: readonly ToolDef[] = [
  { label: 'Undo', keys: `${mod}+Z`, shortcut: isMac ? 'Meta+Z' : 'Control+Z', command: undoCommand },
  { label: 'Redo', keys: `${mod}+Y`, shortcut: isMac ? 'Meta+Y' : 'Control+Y', command: redoCommand },
];

/** The modifier name for labels ("Ctrl" or "⌘"). */
export const MOD_KEY = mod;

/**
 * Buttons above the text. Each runs the same command as its key; a button that cannot apply where the caret is
 * stays disabled. One that can say why stays focusable (`aria-disabled`), so a keyboard or screen-reader user
 * reaches it and hears the reason. Pressing one keeps the caret in the text.
 */
export function Toolbar({
  view,
  tools,
}: {
  view: EditorView | null;
  tools: readonly ToolDef[];
  revision: number;
}) {
  return (
    <div className="toolbar" role="toolbar" aria-label="Editing" aria-controls="treaty-text">
      {tools.map((tool) => {
        const enabled = view !== null && tool.command(view.state, undefined, view);
        const why = !enabled && view && tool.why ? tool.why(view.state) : null;
        const title = tool.keys ? `${tool.label} (${tool.keys})` : tool.label;
        return (
          <button
            key={tool.label}
            type="button"
            disabled={!enabled && !why}
            aria-disabled={!enabled || undefined}
            title={why ? `${title}: ${why}` : title}
            aria-description={why ?? undefined}
            aria-keyshortcuts={tool.shortcut}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => {
              if (!view || !enabled) return;
              if (tool.run) tool.run(view);
              else tool.command(view.state, view.dispatch, view);
              view.focus();
            }}
          >
            {tool.label}
          </button>
        );
      })}
    </div>
  );
}
