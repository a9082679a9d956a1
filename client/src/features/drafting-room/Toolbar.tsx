import type { Command } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import { redoCommand, undoCommand } from 'y-prosemirror';
import { insertArticle, insertParagraph } from '../structure/insert.ts';

interface ToolDef {
  readonly label: string;
  readonly keys: string;
  readonly shortcut: string;
  readonly command: Command;
}

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const mod = isMac ? '⌘' : 'Ctrl';

const TOOLS: readonly ToolDef[] = [
  {
    label: 'New paragraph',
    keys: 'Enter at the end of a paragraph',
    shortcut: 'Enter',
    command: insertParagraph,
  },
  {
    label: 'New article',
    keys: `${mod}+Alt+A`,
    shortcut: isMac ? 'Meta+Alt+A' : 'Control+Alt+A',
    command: insertArticle,
  },
  { label: 'Undo', keys: `${mod}+Z`, shortcut: isMac ? 'Meta+Z' : 'Control+Z', command: undoCommand },
  { label: 'Redo', keys: `${mod}+Y`, shortcut: isMac ? 'Meta+Y' : 'Control+Y', command: redoCommand },
];

/**
 * Structure and history buttons above the text. Each runs the same command as its key; a button that cannot
 * apply where the cursor is stays disabled. Pressing one keeps the caret in the text.
 */
export function Toolbar({ view }: { view: EditorView | null; revision: number }) {
  return (
    <div className="toolbar" role="toolbar" aria-label="Editing" aria-controls="treaty-text">
      {TOOLS.map((tool) => {
        const enabled = view !== null && tool.command(view.state, undefined, view);
        return (
          <button
            key={tool.label}
            type="button"
            disabled={!enabled}
            title={`${tool.label} (${tool.keys})`}
            aria-keyshortcuts={tool.shortcut}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => {
              if (!view) return;
              tool.command(view.state, view.dispatch, view);
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
