import { Button, Textfield } from '@digdir/designsystemet-react';
import type { Editor } from '@tiptap/react';
import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { t } from '../strings.js';
import { tLinkField } from '../strings/linkField.js';
import { linkTarget } from './links.js';

/**
 * The toolbar's small form for a link: the address of the link at the caret (or empty), set on
 * the selected text, inserted as its own text when nothing is selected, or removed. Escape or
 * *Avbryt* closes it, and focus goes back to the text with its selection.
 */
export function LinkField({ id, editor, onClose }: { id: string; editor: Editor; onClose: () => void }) {
  const editing = editor.isActive('link');
  const [address, setAddress] = useState(() => {
    const href: unknown = editor.getAttributes('link').href;
    return typeof href === 'string' ? href.replace(/^mailto:/i, '') : '';
  });
  const [error, setError] = useState<string | undefined>(undefined);

  const close = (): void => {
    onClose();
    editor.commands.focus();
  };

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (address.trim() === '') return setError(tLinkField.linkMissing);
    const href = linkTarget(address);
    if (href === null) return setError(tLinkField.linkInvalid);
    const chain = editor.chain().focus();
    if (editing) chain.extendMarkRange('link').setLink({ href }).run();
    // Nothing selected: the address becomes the link's text; what is typed next is not part of it.
    else if (editor.state.selection.empty) chain.insertContent({ type: 'text', text: address.trim(), marks: [{ type: 'link', attrs: { href } }] }).unsetMark('link').run();
    else chain.setLink({ href }).run();
    onClose();
  };

  const remove = (): void => {
    editor.chain().focus().extendMarkRange('link').unsetLink().run();
    onClose();
  };

  const onKeyDown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    close();
  };

  return (
    <form id={id} className="link-field" aria-label={tLinkField.linkForm} data-testid="link-field" noValidate onSubmit={submit} onKeyDown={onKeyDown}>
      <Textfield
        className="link-field__address"
        label={tLinkField.linkAddress}
        description={tLinkField.linkAddressHint}
        name="href"
        type="text"
        inputMode="url"
        autoComplete="url"
        value={address}
        onChange={(e) => {
          setAddress(e.target.value);
          setError(undefined);
        }}
        error={error}
        data-size="sm"
        autoFocus
      />
      <div className="link-field__actions">
        <Button type="submit" data-size="sm" data-testid="link-save">
          {tLinkField.setLink}
        </Button>
        {editing && (
          <Button type="button" variant="secondary" data-size="sm" data-testid="link-remove" onClick={remove}>
            {tLinkField.removeLink}
          </Button>
        )}
        <Button type="button" variant="tertiary" data-size="sm" onClick={close}>
          {t.cancel}
        </Button>
      </div>
    </form>
  );
}
