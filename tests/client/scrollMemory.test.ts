import { describe, expect, it } from 'vitest';
import { PositionMemory } from '../../client/src/scrollMemory.js';

/** Back returns to where the person was: the position of each history entry. */
describe('the position memory', () => {
  it('returns to where an entry was left, once arrived at by Back, and never on a new visit', () => {
    const memory = new PositionMemory();
    memory.scrolled('overview', 800);
    memory.scrolled('overview', 1165);
    memory.leave('overview', { scrollY: 1165, focusId: 'measure-link-20' });
    // A new page starts at the top: nothing to return to.
    expect(memory.returnTo('measure')).toBeNull();
    memory.scrolled('measure', 300);

    memory.arrive('overview');
    expect(memory.returnTo('overview')).toEqual({ scrollY: 1165, focusId: 'measure-link-20' });
    expect(memory.returnTo('measure')).toBeNull();
  });

  it('keeps the position taken on arrival, though the shorter page scrolls the window before the content is back', () => {
    const memory = new PositionMemory();
    memory.leave('overview', { scrollY: 2400, focusId: null });
    memory.arrive('overview');
    memory.scrolled('overview', 0);
    expect(memory.returnTo('overview')?.scrollY).toBe(2400);
  });

  it('scrolling keeps what had focus; Forward returns to the page left by Back, and leaving anew forgets the arrival', () => {
    const memory = new PositionMemory();
    memory.leave('overview', { scrollY: 100, focusId: 'measure-link-3' });
    memory.scrolled('measure', 450);
    memory.arrive('overview');
    memory.scrolled('overview', 120);
    expect(memory.entries()).toContainEqual(['overview', { scrollY: 120, focusId: 'measure-link-3' }]);
    memory.arrive('measure');
    expect(memory.returnTo('measure')).toEqual({ scrollY: 450, focusId: null });
    memory.leave('measure', { scrollY: 460, focusId: null });
    expect(memory.returnTo('measure')).toBeNull();
  });

  it('survives a reload through what it saved, and keeps the newest 100 entries only', () => {
    const memory = new PositionMemory();
    for (let i = 0; i < 150; i++) memory.scrolled(`entry-${i}`, i);
    const saved = memory.entries();
    expect(saved).toHaveLength(100);
    expect(saved[0]?.[0]).toBe('entry-50');
    const reloaded = new PositionMemory(saved);
    reloaded.arrive('entry-149');
    expect(reloaded.returnTo('entry-149')).toEqual({ scrollY: 149, focusId: null });
  });
});
