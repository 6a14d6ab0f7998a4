// Hash routes: "#/<page>/<sub…>?k=v". The Shell listens to popstate; navigate
// pushes a route and tells it.

export interface Route {
  page: string;
  sub: string[];
  params: URLSearchParams;
}

export function parseHash(hash: string): Route {
  const h = hash.replace(/^#\/?/, '');
  const [path, query = ''] = h.split('?', 2);
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  return { page: parts[0] ?? '', sub: parts.slice(1), params: new URLSearchParams(query) };
}

export function currentRoute(): Route {
  return parseHash(window.location.hash);
}

export function navigate(path: string): void {
  window.history.pushState(null, '', `#/${path}`);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

/** Route of one request's detail. */
export const usulanPath = (id: string) => `mutasi/u/${encodeURIComponent(id)}`;
