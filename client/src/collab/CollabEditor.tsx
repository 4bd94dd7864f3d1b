// One rich-text part of a plan, bound to its Y.XmlFragment (field name as in
// shared/plan/doc.ts) and showing where the others are typing.
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { EditorContent, useEditor, useEditorState, type Editor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { renderCaret, renderSelection } from './caret';
import type { LocalUser } from './useCollabRoom';

interface Props {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** From sectionFragment() in shared/plan/doc.ts, so the name (`tekst.<key>`) is defined once. */
  fragment: Y.XmlFragment;
  /** Prefix for the ids of the label and hint. */
  id: string;
  label: string;
  hint: string;
  editable: boolean;
  me: LocalUser;
  /** Heading level of the label, to fit where the editor sits in the page outline. */
  heading?: 'h3' | 'h4' | 'h5' | 'h6';
}

export function CollabEditor({ doc, provider, fragment, id, label, hint, editable, me, heading: Heading = 'h3' }: Props) {
  const editor = useEditor(
    {
      // The CSP forbids inline <style>; the editor's CSS lives in styles.css.
      injectCSS: false,
      editable,
      extensions: [
        // Collaboration brings its own undo history, per person. A trailing node would be
        // added by every client at once, so it stays off.
        StarterKit.configure({ undoRedo: false, trailingNode: false, link: false, heading: { levels: [4] } }),
        Collaboration.configure({ document: doc, fragment }),
        CollaborationCaret.configure({ provider, user: me, render: renderCaret, selectionRender: renderSelection }),
      ],
      editorProps: {
        attributes: {
          id: `${id}-tekst`,
          class: 'editor-tekst',
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-labelledby': `${id}-label`,
          'aria-describedby': `${id}-hint`,
          ...(editable ? {} : { 'aria-readonly': 'true' }),
        },
      },
    },
    [doc, provider, fragment, editable, me.name, me.color],
  );

  return (
    <div className={`editor${editable ? '' : ' editor-alleen-lezen'}`}>
      <Heading id={`${id}-label`} className="editor-label">
        {label}
      </Heading>
      <p id={`${id}-hint`} className="hint">
        {hint}
        {!editable && <span className="sr-only"> (alleen lezen)</span>}
      </p>
      {editable && editor && <Toolbar editor={editor} label={label} controls={`${id}-tekst`} />}
      <EditorContent editor={editor} className="editor-kader" />
    </div>
  );
}

function Toolbar({ editor, label, controls }: { editor: Editor; label: string; controls: string }) {
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      bulletList: e.isActive('bulletList'),
      orderedList: e.isActive('orderedList'),
      canUndo: e.can().undo(),
      canRedo: e.can().redo(),
    }),
  });
  const toggle = (name: string, pressed: boolean, run: () => void, text: string, shortcut?: string) => (
    <button type="button" className="werkbalk-knop" aria-pressed={pressed} aria-controls={controls} aria-keyshortcuts={shortcut} onClick={run} key={name}>
      {text}
    </button>
  );
  return (
    <div role="group" aria-label={`Opmaak: ${label}`} className="werkbalk">
      {toggle('bold', state.bold, () => editor.chain().focus().toggleBold().run(), 'Vet', 'Control+B')}
      {toggle('italic', state.italic, () => editor.chain().focus().toggleItalic().run(), 'Cursief', 'Control+I')}
      {toggle('bulletList', state.bulletList, () => editor.chain().focus().toggleBulletList().run(), 'Opsomming')}
      {toggle('orderedList', state.orderedList, () => editor.chain().focus().toggleOrderedList().run(), 'Nummering')}
      <span className="werkbalk-scheiding" aria-hidden="true" />
      <button type="button" className="werkbalk-knop" aria-controls={controls} aria-keyshortcuts="Control+Z" disabled={!state.canUndo} onClick={() => editor.chain().focus().undo().run()}>
        Ongedaan maken
      </button>
      <button type="button" className="werkbalk-knop" aria-controls={controls} aria-keyshortcuts="Control+Y" disabled={!state.canRedo} onClick={() => editor.chain().focus().redo().run()}>
        Opnieuw
      </button>
    </div>
  );
}
