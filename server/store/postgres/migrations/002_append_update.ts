import type { PostgresMigration } from '../migrate.js';

/**
 * Storing an update as one statement: `samskriv_append_update` does in the database what
 * sqlite/documents.ts does statement by statement (the document's row locked, the history row,
 * the author's claims on its client ids, the version it joins or opens), so that an update
 * costs one round trip to a PostgreSQL across the network, not six. The version rules' numbers
 * (VERSION_SPAN_MS, VERSION_MAX_UPDATES) are arguments: they stay in shared/history.ts.
 */
const sql = `
CREATE FUNCTION samskriv_append_update(
  p_doc_name TEXT, p_at BIGINT, p_author TEXT, p_kind TEXT, p_data BYTEA,
  p_clients BIGINT[], p_carried_clients BIGINT[], p_carried_authors TEXT[],
  p_restored_from BIGINT, p_carried_from TEXT, p_span_ms BIGINT, p_max_updates INTEGER
) RETURNS TABLE (update_id BIGINT, version_id BIGINT, closed BIGINT[]) LANGUAGE plpgsql AS $$
DECLARE
  v_doc BIGINT;
  v_update BIGINT;
  v_latest BIGINT;
  v_latest_kind TEXT;
  v_latest_started BIGINT;
  v_latest_updates INTEGER;
  v_version BIGINT;
  v_kind TEXT := CASE WHEN p_kind = 'edit' THEN 'narrative' ELSE p_kind END;
BEGIN
  -- The document's row, locked until the transaction ends: one document's updates are stored one at a time.
  LOOP
    SELECT d.id INTO v_doc FROM documents d WHERE d.name = p_doc_name FOR UPDATE;
    EXIT WHEN FOUND;
    INSERT INTO documents (name) VALUES (p_doc_name) ON CONFLICT (name) DO NOTHING RETURNING documents.id INTO v_doc;
    EXIT WHEN v_doc IS NOT NULL;
  END LOOP;
  INSERT INTO doc_history (doc, at, author, kind, data) VALUES (v_doc, p_at, p_author, p_kind, p_data) RETURNING doc_history.id INTO v_update;
  -- A client id belongs to the first author whose update brings it.
  INSERT INTO doc_clients (doc, client_id, author, carried_over)
    SELECT v_doc, c.client, p_author, FALSE FROM unnest(p_clients) WITH ORDINALITY AS c(client, n) ORDER BY c.n
    ON CONFLICT DO NOTHING;
  INSERT INTO doc_clients (doc, client_id, author, carried_over)
    SELECT v_doc, c.client, c.author, TRUE FROM unnest(p_carried_clients, p_carried_authors) WITH ORDINALITY AS c(client, author, n) ORDER BY c.n
    ON CONFLICT DO NOTHING;
  IF p_author IS NULL THEN
    SELECT v.id, v.kind, v.started_at, v.updates INTO v_latest, v_latest_kind, v_latest_started, v_latest_updates
    FROM doc_versions v WHERE v.doc = v_doc AND v.author IS NULL ORDER BY v.id DESC LIMIT 1;
  ELSE
    SELECT v.id, v.kind, v.started_at, v.updates INTO v_latest, v_latest_kind, v_latest_started, v_latest_updates
    FROM doc_versions v WHERE v.doc = v_doc AND v.author = p_author ORDER BY v.id DESC LIMIT 1;
  END IF;
  -- Only a narrative version (consecutive edits) is ever extended or closed by a later update.
  IF v_latest_kind IS DISTINCT FROM 'narrative' THEN
    v_latest := NULL;
  END IF;
  -- An edit joins its author's open version while within its span and size.
  IF p_kind = 'edit' AND v_latest IS NOT NULL AND p_at - v_latest_started < p_span_ms AND v_latest_updates < p_max_updates THEN
    UPDATE doc_versions SET last_id = v_update, ended_at = GREATEST(ended_at, p_at), updates = updates + 1 WHERE id = v_latest;
    RETURN QUERY SELECT v_update, v_latest, ARRAY[]::BIGINT[];
    RETURN;
  END IF;
  INSERT INTO doc_versions (doc, kind, author, first_id, last_id, started_at, ended_at, updates, restored_from, carried_from)
    VALUES (v_doc, v_kind, p_author, v_update, v_update, p_at, p_at, 1, p_restored_from, p_carried_from)
    RETURNING doc_versions.id INTO v_version;
  -- The author's previous version can no longer grow; a restore or a first state never does.
  RETURN QUERY SELECT v_update, v_version,
    (CASE WHEN v_latest IS NULL THEN ARRAY[]::BIGINT[] ELSE ARRAY[v_latest] END)
    || (CASE WHEN v_kind = 'narrative' THEN ARRAY[]::BIGINT[] ELSE ARRAY[v_version] END);
END
$$;
`;

export const appendUpdate: PostgresMigration = {
  version: 2,
  name: '002_append_update',
  async up(db) {
    await db.unsafe(sql);
  },
};
