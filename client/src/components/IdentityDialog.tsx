import { Button, Field, Heading, Input, Label, Paragraph, Select, ValidationMessage } from '@digdir/designsystemet-react';
import { useId, useState, type FormEvent } from 'react';
import { MinistryCodeSchema } from '../../../shared/ministries.js';
import { MinistryOptions } from './Options.js';
import { saveIdentity } from '../identity.js';
import { t } from '../strings.js';

/** First visit: who are you? Name and ministry, kept in this browser, shown to the others. */
export function IdentityDialog() {
  const [name, setName] = useState('');
  const [ministry, setMinistry] = useState('');
  const [errors, setErrors] = useState<{ name?: string; ministry?: string }>({});
  const titleId = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const code = MinistryCodeSchema.safeParse(ministry);
    const next = {
      ...(name.trim() === '' ? { name: t.identityNameMissing } : {}),
      ...(!code.success ? { ministry: t.identityMinistryMissing } : {}),
    };
    setErrors(next);
    if (Object.keys(next).length > 0 || !code.success) return;
    saveIdentity(name.trim(), code.data);
  };

  return (
    <main id="main" className="identity">
      <form data-testid="identity-form" aria-labelledby={titleId} onSubmit={submit} noValidate className="identity__form">
        <Heading level={1} data-size="md" id={titleId}>
          {t.identityTitle}
        </Heading>
        <Paragraph>{t.identityIntro}</Paragraph>
        <Field>
          <Label>{t.identityName}</Label>
          <Input value={name} onChange={(e) => setName(e.target.value)} autoComplete="name" aria-invalid={errors.name ? true : undefined} autoFocus />
          {errors.name && <ValidationMessage>{errors.name}</ValidationMessage>}
        </Field>
        <Field>
          <Label>{t.identityMinistry}</Label>
          <Select value={ministry} onChange={(e) => setMinistry(e.target.value)} aria-invalid={errors.ministry ? true : undefined}>
            <Select.Option value="">{t.identityChooseMinistry}</Select.Option>
            <MinistryOptions />
          </Select>
          {errors.ministry && <ValidationMessage>{errors.ministry}</ValidationMessage>}
        </Field>
        <Button type="submit">{t.identitySubmit}</Button>
      </form>
    </main>
  );
}
