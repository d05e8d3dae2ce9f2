import { Fieldset, Heading, Paragraph, Radio } from '@digdir/designsystemet-react';
import { useId } from 'react';
import { EMAIL_DELIVERIES } from '../../../shared/notificationSettings.js';
import { tNotificationsPage } from '../strings/notifications.js';
import { useEmailSettings } from './useEmailSettings.js';

/** How the person wants notifications by e-mail (each at once, a daily digest, or none), with where they go. */
export function EmailSettings({ username }: { username: string }) {
  const { settings, loadFailed, chosen, said, choose } = useEmailSettings(username);
  const titleId = useId();
  return (
    <section aria-labelledby={titleId} className="notifications__email" data-testid="email-settings">
      <Heading level={2} data-size="sm" id={titleId}>
        {tNotificationsPage.emailTitle}
      </Heading>
      {loadFailed && <Paragraph role="alert">{tNotificationsPage.emailLoadFailed}</Paragraph>}
      {settings && (
        <>
          <Paragraph>
            {!settings.mailEnabled ? tNotificationsPage.mailDisabled : settings.address ? tNotificationsPage.address(settings.address) : tNotificationsPage.noAddress}
          </Paragraph>
          <Fieldset>
            <Fieldset.Legend>{tNotificationsPage.emailLegend}</Fieldset.Legend>
            {EMAIL_DELIVERIES.map((email) => (
              <Radio
                key={email}
                name="email-delivery"
                value={email}
                label={tNotificationsPage.emailChoice[email]}
                description={email === 'daily' ? tNotificationsPage.dailyAt(settings.digestHour) : undefined}
                checked={chosen === email}
                onChange={() => void choose(email)}
              />
            ))}
          </Fieldset>
        </>
      )}
      <p role="status" className="notifications__said" data-testid="email-settings-said">
        {said?.text}
      </p>
    </section>
  );
}
