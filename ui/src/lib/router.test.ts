import { describe, expect, it } from 'vitest';
import { href, parseRoute, type Route } from './router.svelte';

describe('routes', () => {
  const cases: [string, Route][] = [
    ['', { name: 'portfolio' }],
    ['#/', { name: 'portfolio' }],
    ['#/clients/new', { name: 'new-client' }],
    ['#/clients/abc-1', { name: 'client', id: 'abc-1' }],
    ['#/clients/abc-1/edit', { name: 'edit-client', id: 'abc-1' }],
    ['#/clients/abc-1/advice', { name: 'advice', id: 'abc-1' }],
    ['#/nowhere/at/all', { name: 'portfolio' }],
  ];
  it.each(cases)('parses %s', (hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
  });
  it('round-trips every route through its address', () => {
    for (const [, route] of cases) expect(parseRoute(href(route))).toEqual(route);
  });
});
