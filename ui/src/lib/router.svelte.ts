// A small hash router: the address is `#/`, `#/clients/new`, `#/clients/<id>` or
// `#/clients/<id>/edit`. Hash routes work from the binary's custom protocol without a server.

export type Route =
  | { name: 'portfolio' }
  | { name: 'new-client' }
  | { name: 'new-client-guided' }
  | { name: 'scope-client'; id: string }
  | { name: 'client'; id: string }
  | { name: 'edit-client'; id: string }
  | { name: 'advice'; id: string }
  | { name: 'assessment'; id: string }
  | { name: 'analysis'; id: string }
  | { name: 'requests'; id: string }
  | { name: 'catalog' }
  | { name: 'settings' }
  | { name: 'framework'; id: string; requirement?: string }
  | { name: 'control'; id: string };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'settings' && parts.length === 1) return { name: 'settings' };
  if (parts[0] === 'catalog') {
    if (parts.length === 1) return { name: 'catalog' };
    if (parts[1] === 'frameworks' && parts[2] && parts.length <= 4) {
      return parts[3] ? { name: 'framework', id: parts[2], requirement: parts[3] } : { name: 'framework', id: parts[2] };
    }
    if (parts[1] === 'controls' && parts[2] && parts.length === 3) return { name: 'control', id: parts[2] };
  }
  if (parts[0] === 'clients') {
    if (parts[1] === 'new' && parts.length === 2) return { name: 'new-client' };
    if (parts[1] === 'new' && parts[2] === 'guided' && parts.length === 3) return { name: 'new-client-guided' };
    if (parts[1] && parts[2] === 'scoping' && parts.length === 3) return { name: 'scope-client', id: parts[1] };
    if (parts[1] && parts.length === 2) return { name: 'client', id: parts[1] };
    if (parts[1] && parts[2] === 'edit' && parts.length === 3) return { name: 'edit-client', id: parts[1] };
    if (parts[1] && parts[2] === 'advice' && parts.length === 3) return { name: 'advice', id: parts[1] };
    if (parts[1] && parts[2] === 'assessment' && parts.length === 3) return { name: 'assessment', id: parts[1] };
    if (parts[1] && parts[2] === 'analysis' && parts.length === 3) return { name: 'analysis', id: parts[1] };
    if (parts[1] && parts[2] === 'requests' && parts.length === 3) return { name: 'requests', id: parts[1] };
  }
  return { name: 'portfolio' };
}

export function href(route: Route): string {
  switch (route.name) {
    case 'portfolio':
      return '#/';
    case 'new-client':
      return '#/clients/new';
    case 'new-client-guided':
      return '#/clients/new/guided';
    case 'scope-client':
      return `#/clients/${encodeURIComponent(route.id)}/scoping`;
    case 'client':
      return `#/clients/${encodeURIComponent(route.id)}`;
    case 'edit-client':
      return `#/clients/${encodeURIComponent(route.id)}/edit`;
    case 'advice':
      return `#/clients/${encodeURIComponent(route.id)}/advice`;
    case 'assessment':
      return `#/clients/${encodeURIComponent(route.id)}/assessment`;
    case 'analysis':
      return `#/clients/${encodeURIComponent(route.id)}/analysis`;
    case 'requests':
      return `#/clients/${encodeURIComponent(route.id)}/requests`;
    case 'catalog':
      return '#/catalog';
    case 'settings':
      return '#/settings';
    case 'framework':
      return `#/catalog/frameworks/${encodeURIComponent(route.id)}${route.requirement ? `/${encodeURIComponent(route.requirement)}` : ''}`;
    case 'control':
      return `#/catalog/controls/${encodeURIComponent(route.id)}`;
  }
}

class Router {
  route = $state<Route>(parseRoute(typeof location === 'undefined' ? '' : location.hash));

  constructor() {
    if (typeof window !== 'undefined') {
      window.addEventListener('hashchange', () => {
        this.route = parseRoute(location.hash);
      });
    }
  }

  go(route: Route) {
    location.hash = href(route);
  }
}

export const router = new Router();
