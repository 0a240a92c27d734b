import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';

/**
 * The Agents Playground user files (`npm run playground -- --user <name>`) must stay loadable by the
 * Playground (its schema demands exactly 5 `users` besides `currentUser`, and unique ids) and must
 * match the sandbox seed, so each file signs in the role it names.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const usersDirectory = join(root, 'scripts', 'playground-users');

interface PlaygroundUserFile {
  key: string;
  description: string;
  tenantId: string;
  current: { id: string; aadObjectId: string; name: string };
  otherIds: string[];
}

/** Just enough YAML for these flat files: `key: value` lines and the `users` list. */
function parse(file: string): PlaygroundUserFile {
  const text = readFileSync(join(usersDirectory, file), 'utf8');
  const value = (pattern: RegExp) => pattern.exec(text)?.[1]?.trim() ?? '';
  const currentBlock = /^currentUser:\n((?: {2}.*\n)+)/m.exec(text)?.[1] ?? '';
  const usersBlock = /^users:\n((?: {2}.*\n)+)/m.exec(text)?.[1] ?? '';
  return {
    key: basename(file, '.yml'),
    description: value(/^# Microsoft 365 Agents Playground as (.+?)\.?$/m),
    tenantId: value(/^tenantId: (.+)$/m),
    current: {
      id: /^ {2}id: (.+)$/m.exec(currentBlock)?.[1] ?? '',
      aadObjectId: /aadObjectId: (.+)$/m.exec(currentBlock)?.[1] ?? '',
      name: /^ {2}name: (.+)$/m.exec(currentBlock)?.[1] ?? '',
    },
    otherIds: [...usersBlock.matchAll(/^ {2}- id: (.+)$/gm)].map((match) => match[1]),
  };
}

interface Seed {
  partner: { tenantId: string };
  users: { aadObjectId: string; displayName: string; roles: string[] }[];
}
const seed = JSON.parse(readFileSync(join(root, 'seed', 'sandbox-seed.json'), 'utf8')) as Seed;
const files = readdirSync(usersDirectory)
  .filter((file) => file.endsWith('.yml'))
  .map(parse);

const ROLE_NAMES: Record<string, string> = {
  GlobalAdmin: 'Global admin',
  AdminAgent: 'Admin agent',
  SalesAgent: 'Sales agent',
  BillingAdmin: 'Billing admin',
  HelpdeskAgent: 'Helpdesk agent',
  UserManagementAdmin: 'User management admin',
};

describe('Agents Playground user files (scripts/playground-users)', () => {
  for (const file of files) {
    it(`${file.key}.yml: loadable by the Playground (5 other users, unique ids)`, () => {
      expect(file.otherIds).to.have.length(5);
      const ids = [file.current.id, ...file.otherIds];
      expect(new Set(ids).size, ids.join(', ')).to.equal(ids.length);
      expect(file.current.aadObjectId).to.not.equal('');
    });
  }

  it('has one file per seed user, signing in the role its description names', () => {
    for (const user of seed.users) {
      const file = files.find((candidate) => candidate.current.aadObjectId === user.aadObjectId);
      expect(file, `no Playground file for ${user.displayName}`).to.not.equal(undefined);
      expect(file!.tenantId).to.equal(seed.partner.tenantId);
      expect(file!.current.name).to.equal(user.displayName);
      for (const role of user.roles) expect(file!.description).to.include(ROLE_NAMES[role]);
    }
  });

  it('alex.yml is the Playground default identity, so starting without --user is the same person', () => {
    const alex = files.find((file) => file.key === 'alex')!;
    // The ids Agents Playground 0.2.28 uses when no config file exists.
    expect([alex.tenantId, alex.current.id, alex.current.aadObjectId]).to.deep.equal([
      '00000000-0000-0000-0000-0000000000001',
      'user-id-0',
      '00000000-0000-0000-0000-0000000000020',
    ]);
  });

  it('offers a tenant user without a role and a user of another tenant', () => {
    const seedIds = seed.users.map((user) => user.aadObjectId);
    const norole = files.find((file) => file.key === 'norole')!;
    expect(norole.tenantId).to.equal(seed.partner.tenantId);
    expect(seedIds).to.not.include(norole.current.aadObjectId);
    const outsider = files.find((file) => file.key === 'outsider')!;
    expect(outsider.tenantId).to.not.equal(seed.partner.tenantId);
  });
});
