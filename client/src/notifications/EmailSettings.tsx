import { Fieldset, Heading, Paragraph, Radio } from '@digdir/designsystemet-react';
import { useId } from 'react';
import { EMAIL_DELIVERIES } from '../../../shared/notifications.js';
import { tNotifications } from '../strings.js';
import { useEmailSettings } from './useEmailSettings.js';

/** How the person wants notifications by e-mail (each at once, a daily digest, or none), with where they go. */
export function EmailSettings({ username }: { username: string }) {
  const { settings, loadFailed, chosen, said, choose } = useEmailSettings(username);
  const titleId = useId();
  return (
    <section aria-labelledby={titleId} className="notifications__email" data-testid="email-settings">
      <Heading level={2} data-size="sm" id={titleId}>
        {tNotifications.emailTitle}
      </Heading>
      {loadFailed && <Paragraph role="alert">{tNotifications.emailLoadFailed}</Paragraph>}
      {settings && (
        <>
          <Paragraph>
            {!settings.mailEnabled ? tNotifications.mailDisabled : settings.address ? tNotifications.address(settings.address) : tNotifications.noAddress}
          </Paragraph>
          <Fieldset>
            <Fieldset.Legend>{tNotifications.emailLegend}</Fieldset.Legend>
            {EMAIL_DELIVERIES.map((email) => (
              <Radio
                key={email}
                name="email-delivery"
                value={email}
                label={tNotifications.emailChoice[email]}
                description={email === 'daily' ? tNotifications.dailyAt(settings.digestHour) : undefined}
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
