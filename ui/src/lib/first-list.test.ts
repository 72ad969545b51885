// The early first list is handed over once, and only to the query and the day it answers.

import { beforeEach, describe, expect, it, vi } from 'vitest';

const dashboard = vi.fn();
vi.mock('./api', () => ({ api: { dashboard: (...args: unknown[]) => dashboard(...args) } }));

const { askEarly, openingQuery, takeEarly } = await import('./first-list');
const { today } = await import('./today');

describe('the first list asked for early', () => {
  beforeEach(() => {
    dashboard.mockReset();
    dashboard.mockImplementation(() => Promise.resolve({ listed: 0, entries: [] }));
  });

  it('asks for the opening query without figures, once, and hands it over once', async () => {
    askEarly();
    expect(dashboard).toHaveBeenCalledTimes(1);
    expect(dashboard).toHaveBeenCalledWith(openingQuery, today(), false);
    const taken = takeEarly({ ...openingQuery }, today());
    expect(taken).not.toBeNull();
    expect(await taken).toEqual({ listed: 0, entries: [] });
    expect(takeEarly({ ...openingQuery }, today())).toBeNull();
  });

  it('is not handed to another query or another day, and is dropped by the first take', () => {
    askEarly();
    expect(takeEarly({ ...openingQuery, sort: 'readiness' }, today())).toBeNull();
    expect(takeEarly({ ...openingQuery }, today()), 'dropped by the first take').toBeNull();
    askEarly();
    expect(takeEarly({ ...openingQuery }, '1999-01-01')).toBeNull();
  });

  it('keeps a failure for whoever takes it', async () => {
    dashboard.mockImplementation(() => Promise.reject(new Error('locked')));
    askEarly();
    await expect(takeEarly({ ...openingQuery }, today())).rejects.toThrow('locked');
  });
});
