/**
 * Every command's command line, parsed in-process: `--help` prints the command's own usage and
 * exits 0; a wrong option or value prints the mistake and the usage and exits 2. None of these
 * reaches Astro, a browser or the data.
 */
import { describe, expect, it } from 'vitest';
import * as analyze from '../../../src/commands/analyze.ts';
import * as build from '../../../src/commands/build.ts';
import * as dev from '../../../src/commands/dev.ts';
import * as pdf from '../../../src/commands/pdf.ts';
import * as preview from '../../../src/commands/preview.ts';
import type { CommandName } from '../../../src/commands/index.ts';
import { run } from './helpers.ts';

const USAGES: Record<CommandName, string> = { analyze: analyze.USAGE, build: build.USAGE, dev: dev.USAGE, pdf: pdf.USAGE, preview: preview.USAGE };

describe.each(Object.keys(USAGES) as CommandName[])('npm run %s', (name) => {
  it('prints its own usage on --help and -h, exit 0', async () => {
    for (const flag of ['--help', '-h']) {
      const result = await run(name, [flag]);
      expect(result.code).toBe(0);
      expect(result.stdout).toBe(USAGES[name]);
      expect(result.stdout).toMatch(new RegExp(`^Usage: npm run ${name} -- `));
      expect(result.stderr).toBe('');
    }
  });

  it('refuses an unknown option with the message and its own usage, exit 2', async () => {
    const result = await run(name, ['--nope']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain("Unknown option '--nope'");
    expect(result.stderr).toContain(USAGES[name].trimEnd());
  });

  it('refuses a positional argument, exit 2', async () => {
    expect((await run(name, ['data'])).code).toBe(2);
  });
});

describe('option values', () => {
  it('analyze: --format md or json only', async () => {
    const result = await run('analyze', ['--format', 'xml']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--format expects md or json but found "xml"');
    expect(analyze.parse(['--format', 'json', '--strict'])).toEqual({ ok: true, options: { data: 'data', format: 'json', out: undefined, strict: true, gaps: false } });
  });

  it('analyze: --gaps is text; JSON has the gaps already', async () => {
    const result = await run('analyze', ['--gaps', '--format', 'json']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--gaps expects the text list but found --format json');
    expect(analyze.parse(['--gaps'])).toMatchObject({ ok: true, options: { gaps: true, format: 'md' } });
  });

  it('a value missing after an option', async () => {
    const result = await run('build', ['--data']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("Option '--data <value>' argument missing");
  });

  it('dev and preview: --port is a whole number from 1 to 65535', async () => {
    for (const port of ['0', '65536', '4.5', 'abc', '']) {
      for (const name of ['dev', 'preview'] as const) {
        const result = await run(name, ['--port', port]);
        expect(result.code, `${name} --port ${port}`).toBe(2);
        expect(result.stderr).toContain(`--port expects a whole number from 1 to 65535 but found ${JSON.stringify(port)}`);
      }
    }
    expect(dev.parse(['--port', '8080', '--host'])).toMatchObject({ ok: true, options: { port: 8080, host: true, data: 'data' } });
  });

  it('preview: --base is checked and normalised', async () => {
    const bad = await run('preview', ['--base', '/a/../b/']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--base expects a sub-path such as /reports/q3/');
    expect(preview.parse(['--base', 'reports/q3'])).toMatchObject({ ok: true, options: { base: '/reports/q3/' } });
  });

  it('pdf: --from takes the build as it is, with pdf\'s own usage (never build\'s)', async () => {
    const result = await run('pdf', ['--from', 'dist', '--data', 'data']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--from expects a built site');
    expect(result.stderr).toContain(pdf.USAGE.trimEnd());
    expect(result.stderr).not.toContain('Usage: npm run build');
  });

  it('build and pdf: the environment gives the write-ups folder, the date and the browser', () => {
    const env = { CAPACITY_CONTENT: '/w', SOURCE_DATE_EPOCH: '1714521600', CHROMIUM_PATH: '/opt/chrome' };
    expect(build.parse(['--strict'], env)).toEqual({ ok: true, options: { data: 'data', out: 'dist', base: undefined, site: undefined, strict: true, verbose: false, content: '/w', sourceDate: '1714521600' } });
    expect(pdf.parse([], env)).toMatchObject({ ok: true, options: { out: 'report.pdf', chromium: '/opt/chrome', content: '/w', sourceDate: '1714521600' } });
    expect(build.parse([], {})).toMatchObject({ ok: true, options: { content: undefined, sourceDate: undefined } });
    expect(build.parse(['--verbose'], {})).toMatchObject({ ok: true, options: { verbose: true } });
  });
});
