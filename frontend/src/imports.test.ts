import { describe, expect, it } from 'vitest';
import { resolve, sources } from './test/sources';

/** file → the app files it imports (type-only imports included: they still tie the modules together). */
function graph(): Map<string, string[]> {
  const g = new Map<string, string[]>();
  for (const [file, text] of Object.entries(sources)) {
    const deps = [...text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+'(\.[^']+)'/gm)]
      .map((m) => resolve(file, m[1]))
      .filter((d): d is string => !!d);
    g.set(file, deps);
  }
  return g;
}

function cycles(g: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (n: string) => {
    state.set(n, 'open');
    stack.push(n);
    for (const d of g.get(n) ?? []) {
      if (state.get(d) === 'open') found.push(stack.slice(stack.indexOf(d)));
      else if (!state.has(d)) visit(d);
    }
    stack.pop();
    state.set(n, 'done');
  };
  for (const n of [...g.keys()].sort()) if (!state.has(n)) visit(n);
  return found;
}

describe('module graph', () => {
  it('reads the app sources', () => {
    expect(graph().get('/src/features/planner/components/ResultView.tsx')).toContain('/src/features/planner/components/MoveDrawer.tsx');
  });

  it('has no import cycle', () => {
    expect(cycles(graph())).toEqual([]);
  });

  it('enters a feature folder only through its index', () => {
    const feature = (f: string) => /^\/src\/features\/([^/]+)\//.exec(f)?.[1];
    const crossings: string[] = [];
    for (const [file, deps] of graph()) {
      for (const d of deps) {
        const target = feature(d);
        if (target && feature(file) !== target && !/\/index\.tsx?$/.test(d)) crossings.push(`${file} → ${d}`);
      }
    }
    expect(crossings).toEqual([]);
  });

  it('calls Go only from an adapter: src/api or a feature\'s api.ts', () => {
    const adapter = /^\/src\/(api\/[^/]+|features\/[^/]+\/api)\.ts$/;
    const callers = Object.entries(sources)
      .filter(([, text]) => /from\s+'(\.\.\/)+wailsjs\/(go\/main|runtime)\//.test(text))
      .map(([file]) => file);
    expect(callers.length).toBeGreaterThan(0);
    expect(callers.filter((f) => !adapter.test(f))).toEqual([]);
  });

  it('keeps in src/api only what every area shares', () => {
    const shared = ['errors.ts', 'events.ts', 'index.ts', 'queryKeys.ts', 'types.ts'];
    const files = Object.keys(sources)
      .filter((f) => f.startsWith('/src/api/'))
      .map((f) => f.slice('/src/api/'.length));
    expect(files.sort()).toEqual(shared);
  });
});
