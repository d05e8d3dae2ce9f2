import type { Migration } from '../migrate.js';

/**
 * A measure's title and plan text belong to the measure in a round (the coordinator may correct
 * them in one round without rewriting history), not only to the plan: each round's measures get
 * their own copy of what the plan says today. `plan_measures` keeps the text as imported.
 */
export const roundMeasureTexts: Migration = {
  version: 2,
  name: '002_round_measure_texts',
  up(db) {
    db.exec(`
ALTER TABLE round_measures ADD COLUMN title TEXT NOT NULL DEFAULT '';
ALTER TABLE round_measures ADD COLUMN plan_text TEXT NOT NULL DEFAULT '';
UPDATE round_measures SET
  title = (SELECT pm.title FROM plan_measures pm JOIN rounds r ON r.plan_id = pm.plan_id
           WHERE r.id = round_measures.round_id AND pm.number = round_measures.number),
  plan_text = (SELECT pm.plan_text FROM plan_measures pm JOIN rounds r ON r.plan_id = pm.plan_id
               WHERE r.id = round_measures.round_id AND pm.number = round_measures.number)
WHERE EXISTS (SELECT 1 FROM plan_measures pm JOIN rounds r ON r.plan_id = pm.plan_id
              WHERE r.id = round_measures.round_id AND pm.number = round_measures.number);
`);
  },
};
