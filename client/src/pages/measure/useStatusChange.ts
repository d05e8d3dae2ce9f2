import { useState } from 'react';
import type { MeasureSummary } from '../../../../shared/measure.js';
import { StatusSchema, type Status } from '../../../../shared/status.js';
import { ApiRequestError, patchMeasure } from '../../api.js';
import { t } from '../../strings.js';

export interface StatusChange {
  /** The status being saved, shown until the server's answer (then the event stream) takes over. */
  pending: Status | null;
  saving: boolean;
  message: { ok: boolean; text: string } | null;
  change: (value: string) => Promise<void>;
}

/** Saving a measure's status (`PATCH`), with what to say about it. */
export function useStatusChange(roundId: string, number: number, onSaved: (measure: MeasureSummary) => void): StatusChange {
  const [pending, setPending] = useState<Status | null>(null);
  const [saving, setSaving] = useState(false);
  const [message, setMessage] = useState<StatusChange['message']>(null);

  const change = async (value: string): Promise<void> => {
    const parsed = StatusSchema.safeParse(value);
    if (!parsed.success) return;
    setSaving(true);
    setMessage(null);
    setPending(parsed.data);
    try {
      onSaved(await patchMeasure(roundId, number, { status: parsed.data }));
      setMessage({ ok: true, text: t.statusSaved });
    } catch (e) {
      const forbidden = e instanceof ApiRequestError && e.status === 403;
      setMessage({ ok: false, text: forbidden ? t.statusForbidden : `${t.statusFailed} ${e instanceof Error ? e.message : ''}` });
    } finally {
      setPending(null);
      setSaving(false);
    }
  };
  return { pending, saving, message, change };
}
