/**
 * The chart DOM: linkedom loaded with its listener maps made lazy. The rewrite must find its target
 * in the installed linkedom (else every build is silently slower), and events must still work.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVENT_TARGET_FILE, lazyListeners, parseHTML } from '../../../src/charts/dom.ts';

const linkedomRoot = path.dirname(createRequire(import.meta.url).resolve('linkedom/package.json'));
const installed = readFileSync(path.join(linkedomRoot, EVENT_TARGET_FILE.replace('/linkedom/', '')), 'utf8');

describe('lazyListeners', () => {
  it('rewrites the installed linkedom: no map per node, one on the first listener', () => {
    const lazy = lazyListeners(installed);
    expect(lazy).not.toBeNull();
    expect(lazy).not.toMatch(/constructor\(\) \{\s*wm\.set/);
    expect(lazy).toContain('constructor() {}');
    expect(lazy).toContain('if (!wm.has(this)) wm.set(this, new Map);');
    expect(lazy).toContain('if (map && map.has(type))');
  });

  it('leaves a source it was not written for alone', () => {
    expect(lazyListeners('class DOMEventTarget { constructor() { this.listeners = new Map; } }')).toBeNull();
    expect(lazyListeners(installed.replace('removeEventListener(type, listener) {', 'removeEventListener(type, fn) {'))).toBeNull();
  });
});

describe('the chart document', () => {
  it('is the rewritten linkedom', () => {
    const { document } = parseHTML('<html><body></body></html>');
    let proto = Object.getPrototypeOf(document.createElement('div'));
    while (proto && proto.constructor.name !== 'DOMEventTarget') proto = Object.getPrototypeOf(proto);
    expect(String(proto.constructor)).toMatch(/constructor\(\) \{\}/);
  });

  it('still adds, dispatches and removes listeners', () => {
    const { document, window } = parseHTML('<html><body><div id="a"><span id="b"></span></div></body></html>');
    const seen: string[] = [];
    const outer = document.getElementById('a')!;
    const inner = document.getElementById('b')!;
    const onOuter = () => seen.push('outer');
    outer.addEventListener('ping', onOuter);
    inner.addEventListener('ping', () => seen.push('inner'));
    inner.dispatchEvent(new window.Event('ping', { bubbles: true }));
    outer.removeEventListener('ping', onOuter);
    inner.dispatchEvent(new window.Event('ping', { bubbles: true }));
    // A node that never had a listener can be asked to remove one.
    document.createElement('p').removeEventListener('ping', onOuter);
    expect(seen).toEqual(['inner', 'outer', 'inner']);
  });
});
