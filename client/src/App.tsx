import { useEffect, useState } from 'react';
import type { MeasureSummary } from '../../shared/measure.js';
import type { Round } from '../../shared/round.js';
import { fetchRounds, followRound } from './api.js';
import { t } from './strings.js';

const deadlineFormat = new Intl.DateTimeFormat('nb-NO', {
  timeZone: 'Europe/Oslo',
  dateStyle: 'long',
  timeStyle: 'short',
});

/** The round overview: every measure with its status, kept live by the round's event stream. */
export function App() {
  const [round, setRound] = useState<Round | null>(null);
  const [measures, setMeasures] = useState<MeasureSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    fetchRounds().then(
      (rounds) => (rounds[0] ? setRound(rounds[0]) : setError(t.noRounds)),
      () => setError(t.loadFailed),
    );
  }, []);

  useEffect(() => {
    if (!round) return;
    return followRound(round.id, (event) => {
      if (event.type === 'snapshot') setMeasures(event.measures);
      else setMeasures((list) => list?.map((m) => (m.number === event.measure.number ? event.measure : m)) ?? list);
    });
  }, [round]);

  return (
    <main>
      <h1>{round ? round.title : t.appName}</h1>
      {error && <p role="alert">{error}</p>}
      {round && (
        <p>
          {t.deadline}: {deadlineFormat.format(new Date(round.deadline))}
        </p>
      )}
      {!measures && !error && <p>{t.loading}</p>}
      {measures && (
        <table>
          <caption>{t.measuresCaption(measures.length)}</caption>
          <thead>
            <tr>
              <th scope="col">{t.colNumber}</th>
              <th scope="col">{t.colTitle}</th>
              <th scope="col">{t.colMinistries}</th>
              <th scope="col">{t.colStatus}</th>
            </tr>
          </thead>
          <tbody>
            {measures.map((m) => (
              <tr key={m.number} data-measure={m.number}>
                <td>{m.number}</td>
                <td>
                  {m.title}
                  {m.narrativeEmpty && <em> ({t.emptyNarrative})</em>}
                </td>
                <td>{m.ministries.join(', ')}</td>
                <td data-testid="status">{m.status}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
