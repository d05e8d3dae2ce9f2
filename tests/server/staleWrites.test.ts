import { beforeAll, describe, expect, it } from 'vitest';
import { ApiErrorSchema } from '../../shared/api.js';
import { MeasureDetailSchema } from '../../shared/measure.js';
import { DEFAULT_ROUND } from '../../server/seed/buildRoundSeed.js';
import { api, patchJson, type Target } from '../helpers/session.js';
import { suiteServer } from '../helpers/suiteServer.js';

const MEASURE = `/api/rounds/${DEFAULT_ROUND.id}/measures/5`;

function putJson(target: Target, path: string, body: unknown): Promise<Response> {
  return api(target, path, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

/**
 * A change made offline, or while someone else's could arrive, says what the field said when
 * it was made (`base`); if someone changed the field since, it is a 409 with the current value
 * and nothing is stored, so the person can be shown both and choose.
 */
describe('changes based on values that have changed since', () => {
  const server = suiteServer();
  let jd: Target;

  beforeAll(async () => {
    jd = await server.as('jd');
  });

  const statusNow = async () => MeasureDetailSchema.parse(await (await api(server, MEASURE)).json()).status;

  it('a status changed by someone else since is a 409 with the current value; with the right base it is stored', async () => {
    expect((await patchJson(server, MEASURE, { status: 'Løpende' })).status).toBe(200);
    // JD changed it offline from «Løpende»; meanwhile the coordinator made it «Gjennomført».
    expect((await patchJson(server, MEASURE, { status: 'Gjennomført' })).status).toBe(200);
    const stale = await patchJson(jd, MEASURE, { status: 'Under forberedelse', base: { status: 'Løpende' } });
    expect(stale.status).toBe(409);
    expect(ApiErrorSchema.parse(await stale.json()).error).toMatchObject({ code: 'conflict', field: 'status', current: { status: 'Gjennomført' } });
    expect(await statusNow()).toBe('Gjennomført');
    // JD chooses their own value, now based on what it is.
    expect((await patchJson(jd, MEASURE, { status: 'Under forberedelse', base: { status: 'Gjennomført' } })).status).toBe(200);
    expect(await statusNow()).toBe('Under forberedelse');
    // Without a base the last write wins, as before.
    expect((await patchJson(jd, MEASURE, { status: 'Løpende' })).status).toBe(200);
  });

  it('a base alone is no change, and a base for a field that is not changed is not checked', async () => {
    const onlyBase = await patchJson(jd, MEASURE, { base: { status: 'Løpende' } });
    expect(onlyBase.status).toBe(400);
    expect((await patchJson(jd, MEASURE, { status: 'Løpende', base: { status: 'Løpende', title: 'en annen tittel' } })).status).toBe(200);
  });

  it("a readiness mark whose part was marked by someone else since is a 409 with the current value", async () => {
    const ready = `${MEASURE}/ready`;
    expect((await putJson(server, ready, { ready: true, ministry: 'JD' })).status).toBe(200);
    const stale = await putJson(jd, ready, { ready: true, base: false });
    expect(stale.status).toBe(409);
    expect(ApiErrorSchema.parse(await stale.json()).error).toMatchObject({ field: 'ready', current: { ready: true, ministry: 'JD' } });
    expect((await putJson(jd, ready, { ready: false, base: true })).status).toBe(200);
  });
});
