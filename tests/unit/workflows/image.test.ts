/**
 * The image's base must move with Dependabot: every FROM of every Dockerfile names its image
 * literally (Dependabot cannot follow an ARG), pinned by digest, in a directory a `docker`
 * entry of .github/dependabot.yml covers.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = join(import.meta.dirname, '..', '..', '..');

interface DependabotUpdate {
  'package-ecosystem': string;
  directory?: string;
  directories?: string[];
}

const dependabot = parse(readFileSync(join(ROOT, '.github', 'dependabot.yml'), 'utf8')) as {
  version: number;
  updates: DependabotUpdate[];
};

/** The Dockerfiles as scripts/check-security.sh finds them for hadolint. */
const dockerfiles = execFileSync(
  'git',
  ['ls-files', '--cached', '--others', '--exclude-standard', '--', '*Dockerfile', '*Dockerfile.*'],
  { cwd: ROOT, encoding: 'utf8' },
)
  .split('\n')
  .filter(Boolean);

interface From {
  readonly image: string;
  readonly stage: string | undefined;
}

/** FROM instructions of a Dockerfile, continuation lines joined and --platform flags dropped. */
function fromInstructions(text: string): From[] {
  return text
    .replace(/\\\r?\n\s*/g, ' ')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => /^FROM\s/i.test(line))
    .map((line) => {
      const words = line
        .split(/\s+/)
        .slice(1)
        .filter((word) => !word.startsWith('--'));
      const as = words.findIndex((word) => word.toUpperCase() === 'AS');
      return { image: words[0] ?? '', stage: as > -1 ? words[as + 1] : undefined };
    });
}

/** `/lambda`, `lambda/`, `./lambda` all name the repository folder `lambda`. */
const folder = (directory: string): string => directory.replace(/^\.?\/+/, '').replace(/\/+$/, '') || '.';

const dockerDirectories = dependabot.updates
  .filter((u) => u['package-ecosystem'] === 'docker')
  .flatMap((u) => [...(u.directory === undefined ? [] : [u.directory]), ...(u.directories ?? [])])
  .map(folder);

describe('the Dockerfiles Dependabot keeps up to date', () => {
  it('finds the Lambda image recipe', () => {
    expect(dockerfiles).toContain('lambda/Dockerfile');
  });

  it.each(dockerfiles)('%s: every FROM names an image literally, pinned by digest', (file) => {
    const froms = fromInstructions(readFileSync(join(ROOT, file), 'utf8'));
    expect(froms.length).toBeGreaterThan(0);
    const stages = new Set<string>();
    for (const { image, stage } of froms) {
      if (!stages.has(image)) {
        expect(image, `${file}: FROM ${image}`).not.toContain('$');
        expect(image, `${file}: FROM ${image}`).toMatch(/^[^\s@]+:[\w.-]+@sha256:[0-9a-f]{64}$/);
      }
      if (stage !== undefined) stages.add(stage);
    }
  });

  it.each(dockerfiles)('%s is in a folder a docker entry of .github/dependabot.yml covers', (file) => {
    expect(dockerDirectories).toContain(folder(dirname(file)));
  });

  it('keeps the npm and github-actions entries', () => {
    const ecosystems = dependabot.updates.map((u) => u['package-ecosystem']);
    expect(ecosystems).toEqual(expect.arrayContaining(['docker', 'npm', 'github-actions']));
    expect(dependabot.version).toBe(2);
  });
});

describe('reading FROM instructions', () => {
  it('reads the image and stage name, skipping flags and joining continuation lines', () => {
    expect(
      fromInstructions(
        'ARG X=1\nFROM --platform=linux/amd64 \\\n  node:24@sha256:abc AS build\nRUN true\nfrom build\n',
      ),
    ).toEqual([
      { image: 'node:24@sha256:abc', stage: 'build' },
      { image: 'build', stage: undefined },
    ]);
  });

  it('sees an image chosen through an ARG, which Dependabot cannot update', () => {
    const reference = ['$', '{BASE}'].join('');
    expect(fromInstructions(`ARG BASE=node:24\nFROM ${reference}\n`)).toEqual([
      { image: reference, stage: undefined },
    ]);
  });
});
