import { describe, expect, it } from 'vitest';
import { can, type Action, type Actor } from '../../shared/permissions.js';

const coordinator: Actor = { role: 'coordinator', ministry: null };
const hodEditor: Actor = { role: 'editor', ministry: 'HOD' };
const jdEditor: Actor = { role: 'editor', ministry: 'JD' };
const jdReader: Actor = { role: 'reader', ministry: 'JD' };

const jdMeasure: Action = { kind: 'writeMeasure', ministries: ['JD'] };
const sharedMeasure: Action = { kind: 'writeMeasure', ministries: ['BLD', 'JD', 'AD', 'HOD'] };

describe('who may do what', () => {
  it('nobody signed out may do anything, not even read', () => {
    for (const action of [{ kind: 'read' }, { kind: 'comment' }, jdMeasure, { kind: 'coordinate' }] as Action[]) {
      expect(can(null, action)).toBe(false);
    }
  });

  it('the coordinator may do everything', () => {
    expect(can(coordinator, jdMeasure)).toBe(true);
    expect(can(coordinator, { kind: 'coordinate' })).toBe(true);
  });

  it("an editor writes only measures of the editor's own ministry, including shared ones", () => {
    expect(can(jdEditor, jdMeasure)).toBe(true);
    expect(can(hodEditor, jdMeasure)).toBe(false);
    expect(can(hodEditor, sharedMeasure)).toBe(true);
    expect(can({ role: 'editor', ministry: null }, jdMeasure)).toBe(false);
  });

  it('editors and readers read and comment anywhere, but do not coordinate', () => {
    for (const actor of [hodEditor, jdReader]) {
      expect(can(actor, { kind: 'read' })).toBe(true);
      expect(can(actor, { kind: 'comment' })).toBe(true);
      expect(can(actor, { kind: 'coordinate' })).toBe(false);
    }
  });

  it("a reader never writes a measure, even of the reader's own ministry", () => {
    expect(can(jdReader, jdMeasure)).toBe(false);
  });
});

describe('who may resolve a thread', () => {
  const jdThread: Action = { kind: 'resolveThread', ministries: ['JD'], startedIt: false };
  it("the measure's ministries' editors and the coordinator; not other editors, not readers", () => {
    expect(can(coordinator, jdThread)).toBe(true);
    expect(can(jdEditor, jdThread)).toBe(true);
    expect(can(hodEditor, jdThread)).toBe(false);
    expect(can(jdReader, jdThread)).toBe(false);
    expect(can(null, jdThread)).toBe(false);
  });

  it('whoever started the thread, of any ministry or none', () => {
    const started: Action = { kind: 'resolveThread', ministries: ['JD'], startedIt: true };
    expect(can(hodEditor, started)).toBe(true);
    expect(can(jdReader, started)).toBe(true);
    expect(can(null, started)).toBe(false);
  });
});
