import { Button, Field, Label, Textarea, ValidationMessage } from '@digdir/designsystemet-react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { CommentBodySchema } from '../../../shared/comments.js';
import { ApiRequestError, isUnanswered } from '../api.js';
import { t } from '../strings.js';
import { tComments, tMentions } from '../strings/comments.js';
import { tSaving } from '../strings/saving.js';
import { unknownMentions } from './mentionQuery.js';
import { MentionSuggestions } from './MentionSuggestions.js';
import { useMentionables } from './useMentionables.js';
import { useMentionAutocomplete } from './useMentionAutocomplete.js';

/** Why a comment could not be saved (or resolved, or deleted), in words. */
export function commentErrorText(error: unknown): string {
  if (isUnanswered(error)) return tComments.unreachable;
  if (error instanceof ApiRequestError && error.status === 403) return tComments.commentForbidden;
  if (error instanceof ApiRequestError && error.unknown.length > 0) return `${tComments.commentRefused(tSaving.unknownNames(error.unknown))}`;
  return tComments.commentFailed;
}

/**
 * One text box and its buttons, for a new thread, a reply or an edit. The text is checked with
 * the server's own schema before it is sent; a refusal is shown under the box, and what was
 * written stays. `onBodyChange` hears the text as it is written (to keep it across reloads).
 * Typing `@` offers the round's ministries and people; a name after `@` that is neither (read
 * as the server reads mentions, `shared/mentions.ts`) is flagged and the text is not sent.
 */
export function CommentForm({
  label,
  submitLabel,
  initial = '',
  autoFocus = false,
  onSubmit,
  onCancel,
  testId,
  description,
  onBodyChange,
}: {
  label: string;
  /** A hint under the label. */
  description?: string;
  submitLabel: string;
  initial?: string;
  autoFocus?: boolean;
  /** Sends the text; resolves when saved, throws when refused. */
  onSubmit: (body: string) => Promise<void>;
  onCancel?: () => void;
  testId?: string;
  onBodyChange?: (body: string) => void;
}) {
  const [body, setBodyState] = useState(initial);
  const setBody = (next: string): void => {
    setBodyState(next);
    onBodyChange?.(next);
  };
  const [problem, setProblem] = useState<string | null>(null);
  /** The problem shown is names that name nobody: it goes as soon as they are fixed. */
  const [unknownShown, setUnknownShown] = useState(false);
  const [busy, setBusy] = useState(false);
  const box = useRef<HTMLTextAreaElement>(null);
  const { mentionables, refresh } = useMentionables();
  const mentions = useMentionAutocomplete({ body, setBody, box, mentionables });
  if (unknownShown && unknownMentions(body, mentionables, initial).length === 0) {
    setUnknownShown(false);
    setProblem(null);
  }

  useEffect(() => {
    if (!autoFocus) return;
    box.current?.focus();
  }, [autoFocus]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const parsed = CommentBodySchema.safeParse(body);
    if (!parsed.success) {
      setProblem(tComments.commentEmpty);
      box.current?.focus();
      return;
    }
    setBusy(true);
    setProblem(null);
    // A name not in the list may be an account added since it was read: ask once more before refusing.
    const unknown =
      unknownMentions(parsed.data, mentionables, initial).length > 0 ? unknownMentions(parsed.data, (await refresh()) ?? mentionables, initial) : [];
    if (unknown.length > 0) {
      setProblem(tMentions.unknown(unknown));
      setUnknownShown(true);
      setBusy(false);
      box.current?.focus();
      return;
    }
    try {
      await onSubmit(parsed.data);
      setBody('');
    } catch (error) {
      setProblem(commentErrorText(error));
      box.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="comment-form" onSubmit={(e) => void submit(e)} data-testid={testId} noValidate>
      <Field>
        <Label>{label}</Label>
        {description && <Field.Description>{description}</Field.Description>}
        <Textarea
          ref={box}
          rows={3}
          value={body}
          {...mentions.boxProps}
          onChange={(e) => {
            setBody(e.target.value);
            mentions.track(e.target);
          }}
          onKeyDown={(e) => {
            if (mentions.onKeyDown(e)) return;
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void submit(e);
            else if (e.key === 'Escape' && onCancel) {
              e.preventDefault();
              onCancel();
            }
          }}
          aria-invalid={problem ? true : undefined}
        />
        <MentionSuggestions
          open={mentions.open}
          options={mentions.options}
          index={mentions.index}
          listId={mentions.listId}
          optionId={mentions.optionId}
          onChoose={mentions.choose}
        />
        {problem && <ValidationMessage>{problem}</ValidationMessage>}
      </Field>
      <div className="comment-form__actions">
        <Button type="submit" data-size="sm" aria-disabled={busy || undefined}>
          {submitLabel}
        </Button>
        {onCancel && (
          <Button type="button" variant="tertiary" data-size="sm" onClick={onCancel}>
            {t.cancel}
          </Button>
        )}
      </div>
    </form>
  );
}
