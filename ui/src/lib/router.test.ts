import { describe, expect, it } from 'vitest';
import { href, parseRoute, type Route } from './router.svelte';

describe('routes', () => {
  const cases: [string, Route][] = [
    ['', { name: 'portfolio' }],
    ['#/', { name: 'portfolio' }],
    ['#/clients/new', { name: 'new-client' }],
    ['#/clients/new/guided', { name: 'new-client-guided' }],
    ['#/clients/abc-1/scoping', { name: 'scope-client', id: 'abc-1' }],
    ['#/clients/abc-1', { name: 'client', id: 'abc-1' }],
    ['#/clients/abc-1/edit', { name: 'edit-client', id: 'abc-1' }],
    ['#/clients/abc-1/advice', { name: 'advice', id: 'abc-1' }],
    ['#/clients/abc-1/assessment', { name: 'assessment', id: 'abc-1' }],
    ['#/clients/abc-1/analysis', { name: 'analysis', id: 'abc-1' }],
    ['#/clients/abc-1/requests', { name: 'requests', id: 'abc-1' }],
    ['#/catalog', { name: 'catalog' }],
    ['#/settings', { name: 'settings' }],
    ['#/catalog/frameworks/soc2', { name: 'framework', id: 'soc2' }],
    ['#/catalog/frameworks/iso27001/A.5.15', { name: 'framework', id: 'iso27001', requirement: 'A.5.15' }],
    ['#/catalog/frameworks/eu_ai_act/Art.5(1)(a)', { name: 'framework', id: 'eu_ai_act', requirement: 'Art.5(1)(a)' }],
    ['#/catalog/controls/CW-ACC-03', { name: 'control', id: 'CW-ACC-03' }],
    ['#/nowhere/at/all', { name: 'portfolio' }],
  ];
  it.each(cases)('parses %s', (hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
  });
  it('round-trips every route through its address', () => {
    for (const [, route] of cases) expect(parseRoute(href(route))).toEqual(route);
  });
});
