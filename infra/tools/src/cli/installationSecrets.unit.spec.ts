import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { installationSecrets } from './installationSecrets.js';

describe('installationSecrets (npm start, issue 25)', () => {
  let root: string;
  beforeEach(() => (root = mkdtempSync(path.join(tmpdir(), 'secrets-'))));
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('makes a secret and a password once, readable by the owner only, and reads them back', () => {
    const dir = path.join(root, '.scalemart');
    const first = installationSecrets(dir);
    expect(first.created).toBe(true);
    expect(first.secrets.jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect(first.secrets.adminPassword.length).toBeGreaterThanOrEqual(16);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(first.file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(first.file, 'utf8'))).toMatchObject(first.secrets);

    const again = installationSecrets(dir);
    expect(again.created).toBe(false);
    expect(again.secrets).toEqual(first.secrets);
  });

  it('gives every installation its own', () => {
    const a = installationSecrets(path.join(root, 'a')).secrets;
    const b = installationSecrets(path.join(root, 'b')).secrets;
    expect(a.jwtSecret).not.toBe(b.jwtSecret);
    expect(a.adminPassword).not.toBe(b.adminPassword);
  });
});
