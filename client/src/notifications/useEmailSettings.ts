import { useState } from 'react';
import type { EmailDelivery } from '../../../shared/notificationSettings.js';
import { fetchNotificationSettings, saveNotificationSettings } from '../api/notifications.js';
import { tNotificationsPage } from '../strings/notifications.js';
import { useResource } from '../useResource.js';

/**
 * The person's choice of notifications by e-mail: read once, saved as soon as a choice is made
 * (`PUT /api/me/notification-settings`), what was saved or why not said afterwards.
 */
export function useEmailSettings(username: string) {
  const settings = useResource(`notification-settings.${username}`, fetchNotificationSettings);
  const [said, setSaid] = useState<{ text: string; failed: boolean } | null>(null);
  const [saving, setSaving] = useState<EmailDelivery | null>(null);

  const choose = async (email: EmailDelivery): Promise<void> => {
    setSaving(email);
    setSaid(null);
    try {
      const saved = await saveNotificationSettings(email);
      settings.update(() => saved);
      setSaid({ text: tNotificationsPage.emailSaved, failed: false });
    } catch {
      setSaid({ text: tNotificationsPage.emailFailed, failed: true });
    } finally {
      setSaving(null);
    }
  };

  return {
    settings: settings.data,
    loadFailed: settings.error !== null && settings.data === null,
    /** The choice shown: the one being saved, else the saved one. */
    chosen: saving ?? settings.data?.email ?? null,
    said,
    choose,
  };
}
