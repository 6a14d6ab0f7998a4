import { describe, expect, it } from 'vitest';
import { resolve, sources } from '../test/sources';

// The per-component stylesheets Mantine ships (their names only are read).
const mantineSheets = import.meta.glob('/node_modules/@mantine/core/styles/*.layer.css', { query: '?url', import: 'default' });

/** The files loaded with the first screen: static imports from main.tsx (type-only imports are erased). */
function firstScreen(): Set<string> {
  const seen = new Set<string>();
  const visit = (f: string) => {
    if (seen.has(f)) return;
    seen.add(f);
    const text = sources[f] ?? '';
    for (const m of text.matchAll(/^\s*(?:import|export)\s+(?!type\b)[^'"]*?from\s+'(\.[^']+)'/gm)) {
      const d = resolve(f, m[1]);
      if (d) visit(d);
    }
  };
  visit('/src/main.tsx');
  return seen;
}

describe('first screen', () => {
  const eager = firstScreen();

  it('follows the static imports', () => {
    expect(eager.has('/src/app/AuthGate.tsx')).toBe(true);
    expect(eager.has('/src/features/auth/components/LoginPage.tsx')).toBe(true);
  });

  it('leaves the pages loaded on first use, and the charts, out of the first chunk', () => {
    const pages = sources['/src/app/pages.tsx'];
    const lazy = [...pages.matchAll(/import\('\.\.\/features\/([^']+)'\)/g)].map((m) => m[1]);
    expect(lazy).toEqual(expect.arrayContaining(['dashboard', 'abk', 'planner', 'pegawai', 'mutasi', 'import']));
    const leaked = [...eager].filter((f) => lazy.some((x) => f.startsWith(`/src/features/${x}/components/`)) || f === '/src/components/EChart.tsx');
    expect(leaked).toEqual([]);
  });

  it('leaves the signed-in app, the first-run setup and English out of the login screen', () => {
    const later = [
      '/src/app/Shell.tsx',
      '/src/app/pages.tsx',
      '/src/features/auth/components/AkunPage.tsx',
      '/src/features/auth/components/UserMenu.tsx',
      '/src/features/auth/components/PasswordForm.tsx',
      '/src/features/backup/components/CadanganPage.tsx',
      '/src/i18n/lang-en.ts',
      '/src/i18n/resources.ts',
    ];
    const leaked = [...eager].filter((f) => later.includes(f) || /^\/src\/features\/(setup|sync|portal|update)\//.test(f));
    expect(leaked).toEqual([]);
  });

  it('loads the generated models (one large module) with the first call that sends one, not with the first screen', () => {
    const valueImports = [...eager].filter((f) => /^\s*import\s+(?!type\b)[^'"]*from\s+'(\.\.\/)+wailsjs\/go\/models'/m.test(sources[f] ?? ''));
    expect(valueImports).toEqual([]);
  });
});

describe("the first screen's styles", () => {
  const eager = firstScreen();
  const styles = sources['/src/styles/firstScreen.ts'];
  const loaded = new Set([...styles.matchAll(/^import '@mantine\/core\/styles\/([A-Za-z-]+)\.layer\.css';/gm)].map((m) => m[1]));

  it("loads Mantine's rules only for the first screen's components, not the whole sheet", () => {
    const whole = [...eager].filter((f) => /@mantine\/core\/styles(\.layer)?\.css/.test(sources[f] ?? ''));
    expect(whole).toEqual([]);
    expect(sources['/src/main.tsx']).toMatch(/^import '\.\/styles\/firstScreen';$/m);
  });

  it('has the rules of every component the first screen imports', () => {
    const components = new Set<string>();
    for (const f of eager) {
      for (const m of (sources[f] ?? '').matchAll(/^import\s+\{([^}]*)\}\s+from\s+'@mantine\/core';/gm)) {
        for (const name of m[1].split(',')) {
          const n = name.trim();
          if (n && !n.startsWith('type ')) components.add(n);
        }
      }
    }
    const sheets = new Set(Object.keys(mantineSheets).map((p) => p.replace(/.*\/styles\/([A-Za-z-]+)\.layer\.css$/, '$1')));
    const missing = [...components].filter((c) => sheets.has(c) && !loaded.has(c));
    expect(sheets.size).toBeGreaterThan(50);
    expect(components.has('PasswordInput')).toBe(true);
    expect(missing).toEqual([]);
  });

  it('waits for the whole sheet before drawing a component loaded on first use', () => {
    expect(sources['/src/components/lazyPage.tsx']).toMatch(/Promise\.all\(\[load\(\), loadAllStyles\(\)\]\)/);
    expect(sources['/src/styles/all.ts']).toMatch(/^import '@mantine\/core\/styles\.layer\.css';$/m);
  });
});
