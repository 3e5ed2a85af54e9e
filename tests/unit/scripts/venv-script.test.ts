/**
 * scripts/venv.sh with a fake python3 and go on PATH: which requirements each mode installs,
 * and that each mode's stamp makes a second run return at once. No network, no real pip.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, copyFile, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const PROJECT_ROOT = join(import.meta.dirname, '..', '..', '..');

// `python3 -m venv DIR` makes DIR/bin/python, which logs each pip call and "installs"
// moto_server from the emulator requirements; `go install` drops actionlint into GOBIN.
const FAKE_PYTHON3 = `#!/bin/sh
if [ "$1" = -m ] && [ "$2" = venv ]; then
  mkdir -p "$3/bin"
  cat > "$3/bin/python" <<'PY'
#!/bin/sh
echo "pip $*" >> "$VENV_LOG"
case "$*" in *requirements-*) touch "$(dirname "$0")/moto_server"; chmod +x "$(dirname "$0")/moto_server" ;; esac
PY
  chmod +x "$3/bin/python"
fi
exit 0
`;
const FAKE_GO = `#!/bin/sh
echo "go $*" >> "$VENV_LOG"
touch "$GOBIN/actionlint"
`;

async function project({ go }: { go: boolean }) {
  const root = await mkdtemp(join(tmpdir(), 'venv-sh-'));
  await mkdir(join(root, 'scripts'));
  await mkdir(join(root, 'bin'));
  await copyFile(join(PROJECT_ROOT, 'scripts', 'venv.sh'), join(root, 'scripts', 'venv.sh'));
  for (const file of ['requirements-emulator.txt', 'requirements-dev.txt']) {
    await copyFile(join(PROJECT_ROOT, file), join(root, file));
  }
  await writeFile(join(root, 'bin', 'python3'), FAKE_PYTHON3);
  await chmod(join(root, 'bin', 'python3'), 0o755);
  if (go) {
    await writeFile(join(root, 'bin', 'go'), FAKE_GO);
    await chmod(join(root, 'bin', 'go'), 0o755);
  }
  const log = join(root, 'venv.log');
  const venv = (...args: string[]) => {
    const result = spawnSync('bash', [join(root, 'scripts', 'venv.sh'), ...args], {
      env: { PATH: `${join(root, 'bin')}:/usr/bin:/bin`, VENV_LOG: log },
      encoding: 'utf8',
    });
    return { code: result.status, stderr: result.stderr };
  };
  const calls = async () =>
    existsSync(log) ? (await readFile(log, 'utf8')).trim().split('\n').filter(Boolean) : [];
  return { root, venv, calls };
}

describe('scripts/venv.sh', () => {
  it('--emulator installs requirements-emulator.txt alone, needs no Go, and stamps it', async () => {
    const { root, venv, calls } = await project({ go: false });

    const run = venv('--emulator');

    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/installing the emulator \(moto\)/);
    const pip = await calls();
    expect(pip.some((call) => call.includes('-r requirements-emulator.txt'))).toBe(true);
    expect(pip.some((call) => call.includes('requirements-dev.txt'))).toBe(false);
    expect(existsSync(join(root, '.venv', '.installed-emulator'))).toBe(true);
    expect(existsSync(join(root, '.venv', '.installed'))).toBe(false);
  });

  it('--emulator returns at once, silent, when its stamp matches, and installs again when the pin moves', async () => {
    const { root, venv, calls } = await project({ go: false });
    venv('--emulator');
    const before = (await calls()).length;

    const again = venv('--emulator');

    expect(again).toEqual({ code: 0, stderr: '' });
    expect(await calls()).toHaveLength(before);

    await writeFile(join(root, 'requirements-emulator.txt'), 'moto[server]==9.9.9\n');
    expect(venv('--emulator').code).toBe(0);
    expect((await calls()).length).toBeGreaterThan(before);
  });

  it('without arguments installs everything (emulator included) and actionlint; that also covers --emulator', async () => {
    const { root, venv, calls } = await project({ go: true });

    expect(venv().code).toBe(0);
    const all = await calls();
    expect(all.some((call) => call.includes('-r requirements-dev.txt'))).toBe(true);
    expect(all.some((call) => call.startsWith('go install github.com/rhysd/actionlint'))).toBe(true);
    expect(existsSync(join(root, '.venv', 'bin', 'actionlint'))).toBe(true);

    expect(venv('--emulator')).toEqual({ code: 0, stderr: '' });
    expect(venv()).toEqual({ code: 0, stderr: '' });
    expect(await calls()).toHaveLength(all.length);
  });

  it('without Go installs the Python tools, keeps the emulator stamp and fails naming Go', async () => {
    const { root, venv } = await project({ go: false });

    const run = venv();

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/Go is not installed/);
    expect(existsSync(join(root, '.venv', '.installed-emulator'))).toBe(true);
    expect(existsSync(join(root, '.venv', '.installed'))).toBe(false);
  });

  it('rejects an unknown argument', async () => {
    const { venv } = await project({ go: false });

    expect(venv('--linters').code).toBe(2);
  });
});

describe('the requirements files', () => {
  it('pin the emulator alone in requirements-emulator.txt, and requirements-dev.txt includes it', async () => {
    const pins = (text: string) => text.split('\n').filter((line) => line.trim() && !line.startsWith('#'));
    const emulator = pins(await readFile(join(PROJECT_ROOT, 'requirements-emulator.txt'), 'utf8'));
    const dev = pins(await readFile(join(PROJECT_ROOT, 'requirements-dev.txt'), 'utf8'));

    expect(emulator).toEqual([expect.stringMatching(/^moto\[server\]==\d/)]);
    expect(dev[0]).toBe('-r requirements-emulator.txt');
    for (const pin of dev.slice(1)) expect(pin).toMatch(/^[a-z][a-z0-9-]*==\S+$/);
  });
});
