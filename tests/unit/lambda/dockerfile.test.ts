import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LAMBDA_NODE_TARGET } from '../../../scripts/lib/bundle.js';

const dockerfile = readFileSync(new URL('../../../lambda/Dockerfile', import.meta.url), 'utf8');
const instructions = dockerfile
  .split('\n')
  .filter((line) => line.trim() && !line.trimStart().startsWith('#'))
  .join('\n')
  .replace(/\\\n\s*/g, ' ')
  .split('\n');

describe('the Lambda container image recipe', () => {
  it('builds on the AWS Lambda Node.js base image pinned by digest, the same in every stage', () => {
    // Literal FROM lines (no ARG) so Dependabot can update them: tests/unit/workflows/image.test.ts.
    const froms = instructions.filter((line) => line.startsWith('FROM '));
    expect(froms).toHaveLength(2);
    const bases = froms.map((from) => from.split(/\s+/)[1]);
    for (const base of bases) {
      expect(base).toMatch(/^public\.ecr\.aws\/lambda\/nodejs:\d+@sha256:[0-9a-f]{64}$/);
    }
    expect(new Set(bases).size).toBe(1);
  });

  it('bundles for the Node.js major of the base image', () => {
    const major = /lambda\/nodejs:(\d+)@/.exec(dockerfile)?.[1];
    expect(LAMBDA_NODE_TARGET).toBe(`node${major}`);
  });

  it('installs from the lockfile without running install scripts', () => {
    expect(instructions).toContain('RUN npm ci --ignore-scripts --no-audit --no-fund');
  });

  it('copies only the two bundles and their source maps into the final image and runs handler.handler', () => {
    const final = instructions.slice(
      instructions.lastIndexOf(instructions.filter((l) => l.startsWith('FROM ')).at(-1) ?? ''),
    );
    const copies = final.filter((line) => line.startsWith('COPY '));
    expect(copies).toEqual([
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a Dockerfile variable, not a template
      'COPY --from=build /build/lambda/dist/handler.mjs /build/lambda/dist/handler.mjs.map ${LAMBDA_TASK_ROOT}/',
      // The gold function selects it with its image command (gold-handler.handler).
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a Dockerfile variable, not a template
      'COPY --from=build /build/lambda/dist/gold-handler.mjs /build/lambda/dist/gold-handler.mjs.map ${LAMBDA_TASK_ROOT}/',
    ]);
    expect(final).toContain('CMD ["handler.handler"]');
  });

  it('keeps the build context to what the image needs', () => {
    const ignore = readFileSync(new URL('../../../.dockerignore', import.meta.url), 'utf8');
    expect(ignore.split('\n')).toEqual(
      expect.arrayContaining(['**', '!package-lock.json', '!lambda/src/**']),
    );
  });
});
