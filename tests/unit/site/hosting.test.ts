import { describe, expect, it } from 'vitest';
import { absoluteUrl, normalizeBase, normalizeSite, resolveHosting } from '../../../src/site/hosting.ts';

describe('hosting', () => {
  it('normalises a sub-path to start and end with one slash', () => {
    for (const input of ['reports/q3', '/reports/q3', '/reports/q3/', 'reports/q3/', ' /reports/q3 ']) {
      expect(normalizeBase(input)).toEqual({ ok: true, value: '/reports/q3/' });
    }
    expect(normalizeBase('/')).toEqual({ ok: true, value: '/' });
    expect(normalizeBase('')).toEqual({ ok: true, value: '/' });
    expect(normalizeBase('/my_repo.v2~x/')).toEqual({ ok: true, value: '/my_repo.v2~x/' });
  });

  it('refuses sub-paths a link could not resolve under, saying what it expects', () => {
    for (const input of ['/a/../b/', '/a//b/', '/a b/', '/a?x=1', '/a#x', '/./', 'https://x.com/a/']) {
      const result = normalizeBase(input);
      expect(result.ok, input).toBe(false);
      if (!result.ok) expect(result.message).toMatch(/^--base expects a sub-path such as \/reports\/q3\/ .* but found /);
    }
  });

  it('takes an origin for the site and refuses a path, pointing to the base', () => {
    expect(normalizeSite('https://acme.github.io')).toEqual({ ok: true, value: 'https://acme.github.io' });
    expect(normalizeSite('https://acme.github.io/')).toEqual({ ok: true, value: 'https://acme.github.io' });
    expect(normalizeSite('http://localhost:8080')).toEqual({ ok: true, value: 'http://localhost:8080' });
    const withPath = normalizeSite('https://acme.github.io/capacity');
    expect(withPath.ok).toBe(false);
    if (!withPath.ok) expect(withPath.message).toContain('put the path in the base (--base /capacity/)');
    expect(normalizeSite('acme.github.io').ok).toBe(false);
    expect(normalizeSite('ftp://acme.example').ok).toBe(false);
  });

  it('lets flags win over the folder config and names the config in its messages', () => {
    const config = { base: '/from-config/', site: 'https://config.example' };
    expect(resolveHosting({}, config)).toEqual({ ok: true, value: { base: '/from-config/', site: 'https://config.example' } });
    expect(resolveHosting({ base: '/flag/' }, config)).toEqual({ ok: true, value: { base: '/flag/', site: 'https://config.example' } });
    expect(resolveHosting({ site: 'https://flag.example' }, config)).toEqual({ ok: true, value: { base: '/from-config/', site: 'https://flag.example' } });
    expect(resolveHosting({}, { base: '/', site: null })).toEqual({ ok: true, value: { base: '/', site: null } });
    const bad = resolveHosting({}, { base: '/', site: 'https://x.example/a/' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.message).toMatch(/^capacity\.config\.json "site" expects only the origin/);
  });

  it('gives absolute URLs only when the origin is known', () => {
    expect(absoluteUrl('/gpus/l4/chat/', { base: '/reports/q3/', site: 'https://acme.github.io' })).toBe('https://acme.github.io/reports/q3/gpus/l4/chat/');
    expect(absoluteUrl('/', { base: '/reports/q3/', site: new URL('https://acme.github.io') })).toBe('https://acme.github.io/reports/q3/');
    expect(absoluteUrl('/data/', { base: '/', site: null })).toBeNull();
  });
});
