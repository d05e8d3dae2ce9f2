import { Button, Field, Label, Textarea, ValidationMessage } from '@digdir/designsystemet-react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { CommentBodySchema } from '../../../shared/comments.js';
import { ApiRequestError, isUnanswered } from '../api.js';
import { t, tSaving } from '../strings.js';

/** Why a comment could not be saved (or resolved, or deleted), in words. */
export function commentErrorText(error: unknown): string {
  if (isUnanswered(error)) return tSaving.unreachable;
  if (error instanceof ApiRequestError && error.status === 403) return t.commentForbidden;
  if (error instanceof ApiRequestError && error.unknown.length > 0) return `${tSaving.commentRefused(tSaving.unknownNames(error.unknown))}`;
  return t.commentFailed;
}

/**
 * One text box and its buttons, for a new thread, a reply or an edit. The text is checked with
 * the server's own schema before it is sent; a refusal is shown under the box, and what was
 * written stays. `onBodyChange` hears the text as it is written (to keep it across reloads).
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
  const [busy, setBusy] = useState(false);
  const box = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (!autoFocus) return;
    box.current?.focus();
  }, [autoFocus]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const parsed = CommentBodySchema.safeParse(body);
    if (!parsed.success) {
      setProblem(t.commentEmpty);
      box.current?.focus();
      return;
    }
    setBusy(true);
    setProblem(null);
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
          onChange={(e) => setBody(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void submit(e);
            else if (e.key === 'Escape' && onCancel) {
              e.preventDefault();
              onCancel();
            }
          }}
          aria-invalid={problem ? true : undefined}
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
