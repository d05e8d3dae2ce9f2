import { actorOf, type SessionUser } from '../../shared/auth.js';
import type { MeasureSummary } from '../../shared/measureSummary.js';
import type { MinistryCode } from '../../shared/ministries.js';
import { can } from '../../shared/permissions.js';
import { forbidden, invalid, stale } from '../domain/DomainError.js';
import { loadMeasure, loadRoundMeasure } from '../domain/loaders.js';
import { toSummary } from '../measures/views.js';
import { userActor, type Command } from './command.js';

/** `PUT …/measures/:number/ready`: marks (or takes back) a responsible ministry's part as ready. */
export function setReady(
  user: SessionUser,
  roundId: string,
  number: string,
  ready: boolean,
  ministry: MinistryCode | undefined,
  base?: boolean,
): Command<MeasureSummary> {
  return async (tx, { now }) => {
    const { round, measure } = await loadRoundMeasure(tx, roundId, number);
    const whose = ministry ?? user.ministry;
    if (whose === null) throw invalid('ministry', 'say whose part is ready');
    if (!measure.ministries.includes(whose)) throw invalid('ministry', `${whose} is not responsible for measure ${measure.number}`);
    const roundFrozen = round.state !== 'open';
    if (!can(actorOf(user), { kind: 'markReady', ministry: whose, ministries: measure.ministries, roundFrozen })) {
      throw forbidden(roundFrozen ? `round ${roundId} is frozen` : `only ${whose} and the coordinator may mark ${whose}'s part`);
    }
    const readyNow = measure.ready.includes(whose);
    if (base !== undefined && base !== readyNow) throw stale('ready', { ready: readyNow, ministry: whose });
    await tx.setReady(roundId, measure.number, whose, ready, user.username, now().toISOString());
    const summary = toSummary(await loadMeasure(tx, roundId, measure.number));
    const by = { username: user.username, name: user.name, ministry: user.ministry };
    return {
      result: summary,
      events: [{ type: 'measure', roundId, measure: summary, by }],
      audit:
        readyNow === ready
          ? []
          : [
              {
                actor: userActor(user),
                kind: 'ready.change',
                target: { roundId, measure: measure.number, id: null },
                before: { ministry: whose, ready: readyNow },
                after: { ministry: whose, ready },
              },
            ],
    };
  };
}
