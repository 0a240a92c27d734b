import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import type { Activity } from 'botbuilder';
import { CARD_VERB_OPERATIONS } from '../../src/bot/cardVerbs.js';
import { builtCommands, type CommandId } from '../../src/bot/commands.js';
import { describeError } from '../../src/bot/errorMessages.js';
import { DomainError } from '../../src/domain/errors.js';
import { OPERATIONS, type Operation } from '../../src/domain/identity/permissions.js';
import type { PartnerRole } from '../../src/domain/identity/roles.js';
import { Translator } from '../../src/i18n/translator.js';
import { actionData, cardsIn, visibleText } from './support/fakeConnector.js';
import { startAppUnderTest, type AppUnderTest } from './support/appUnderTest.js';
import { DEFAULT_SEED, CUSTOMERS } from '../partnerCenter/sandbox/sandboxFixture.js';

/**
 * The whole role matrix over the real HTTP endpoint: every seed user (one per Partner Center role)
 * × every typed command, every multi-step flow and every card verb submitted as a forged card
 * (never sent to that user). What is expected comes from azure-plan.md §1 (with changes-2025-2026.md),
 * written out here as data, not read from the bot's own PERMISSION_MATRIX:
 * - allowed → a real answer: no generic error, no permission refusal, the expected content;
 * - refused → the one permission refusal for that operation, naming every role that may do it and
 *   who can grant it, and nothing else (no generic error).
 */

const GA: PartnerRole = 'GlobalAdmin';
const AA: PartnerRole = 'AdminAgent';
const SA: PartnerRole = 'SalesAgent';
const BA: PartnerRole = 'BillingAdmin';
const HA: PartnerRole = 'HelpdeskAgent';
const UMA: PartnerRole = 'UserManagementAdmin';
const EVERY_ROLE: readonly PartnerRole[] = [GA, AA, SA, BA, HA, UMA];

/** azure-plan.md §1 "Appropriate roles" (and permissions-overview.md for customer management). */
const DOC: Record<string, { roles: readonly PartnerRole[]; operation: Operation | null }> = {
  everyone: { roles: EVERY_ROLE, operation: null },
  // Customer management: Global admin, Admin agent, Sales agent; Helpdesk agent finds/edits customers.
  customers: { roles: [GA, AA, SA, HA], operation: 'customers.view' },
  // View MCA acceptance: Admin agent, Sales agent; Global admin sees agreements.
  agreementsView: { roles: [GA, AA, SA], operation: 'agreements.view' },
  // "You must be Admin agent or Sales agent" to attest.
  attest: { roles: [AA, SA], operation: 'agreements.attest' },
  // Purchase Azure plan: Global admin, User management admin, Sales agent (+ Admin agent, rule 14).
  purchase: { roles: [GA, UMA, SA, AA], operation: 'plan.purchase' },
  // Subscriptions: customer/subscription management roles view; ARM create needs Global admin/Admin agent.
  subsView: { roles: [GA, AA, SA, HA], operation: 'subscriptions.view' },
  subsManage: { roles: [GA, AA], operation: 'subscriptions.manage' },
  // Transition: all six roles, starting and following alike.
  transitionRun: { roles: EVERY_ROLE, operation: 'transition.run' },
  transitionView: { roles: EVERY_ROLE, operation: 'transition.view' },
  // Azure plan price list: all six roles (availability is market/price-list information).
  prices: { roles: EVERY_ROLE, operation: 'prices.view' },
  // PEC pages: Global admin, User management admin, Admin agent, Billing admin, Sales agent.
  pec: { roles: [GA, UMA, AA, BA, SA], operation: 'pec.view' },
  // Compare Azure offers: Admin agent, Billing admin, Global admin, Helpdesk agent, Sales agent.
  compare: { roles: [AA, BA, GA, HA, SA], operation: 'offers.compare' },
  // General billing rules (invoice dates, terms) for every partner role; a customer's billing data
  // (recon files, usage estimates, invoices): Admin agent, Billing admin, Global admin.
  billingRules: { roles: EVERY_ROLE, operation: null },
  billingData: { roles: [AA, BA, GA], operation: 'billing.view' },
};

interface Step {
  /** Typed text, or a card submit (`value`); `press` presses an action of the last card instead. */
  text?: string;
  value?: Record<string, unknown>;
  press?: { title: string; values?: Record<string, unknown> };
  /** For an allowed user: the reply must match this. */
  answer?: RegExp;
}

interface Case {
  id: string;
  kind: 'typed' | 'flow' | 'forged';
  rule: keyof typeof DOC;
  steps: Step[];
  /** The command this case covers (to check every built command is covered). */
  command?: CommandId;
}

const STALE = /no longer active/;
const NORTHWIND = CUSTOMERS.northwindAttested;
const CONTOSO = CUSTOMERS.contosoWithPlan;
const WOODGROVE = CUSTOMERS.woodgroveLegacyTwoResellers;

const typed = (
  id: string,
  command: CommandId,
  rule: keyof typeof DOC,
  text: string,
  answer?: RegExp,
): Case => ({ id, kind: 'typed', rule, command, steps: [{ text, answer }] });

const CASES: Case[] = [
  typed('help', 'help', 'everyone', 'help', /What you can do/),
  typed('whoami', 'whoami', 'everyone', 'whoami', /Who you are/),
  typed('cancel', 'cancel', 'everyone', 'cancel', /Cancelled/),
  typed('signIn', 'signIn', 'everyone', 'sign in', /local Partner Center emulator/),
  typed('signOut', 'signOut', 'everyone', 'sign out', /local Partner Center emulator/),
  typed('customers', 'customers', 'customers', 'customers', /Northwind Traders Ltd/),
  typed('customer', 'customer', 'customers', 'customer northwind', /Northwind Traders Ltd/),
  typed('agreements', 'agreements', 'agreementsView', 'agreements northwind', /Northwind Traders Ltd/),
  typed('attest', 'attest', 'attest', 'attest fabrikam', /Fabrikam/),
  typed('mcaStatus', 'mcaStatus', 'agreementsView', 'mca status', /MCA status of your customers/),
  typed('buyPlan', 'buyPlan', 'purchase', 'buy azure plan northwind', /Buy the Azure plan for Northwind/),
  typed(
    'subscriptions',
    'subscriptions',
    'subsView',
    'subscriptions contoso',
    /Azure subscriptions of Contoso/,
  ),
  typed(
    'transition',
    'transition',
    'transitionRun',
    'transition woodgrove',
    /Transition Woodgrove Bank to the Azure plan/,
  ),
  typed(
    'transitionStatus',
    'transitionStatus',
    'transitionView',
    'transition status woodgrove',
    /No transition was ever started for Woodgrove Bank/,
  ),
  typed('price', 'price', 'prices', 'price D4s v5 linux west europe'),
  typed('pec', 'pec', 'pec', 'pec D4s v5 linux west europe admin agent 30 days'),
  typed(
    'billing rules',
    'billing',
    'billingRules',
    'billing which invoice will usage on 15 October 2026 be on?',
    /invoice/i,
  ),
  typed(
    'billing rules, no command',
    'billing',
    'billingRules',
    'which invoice will usage on 15 October 2026 be on?',
    /invoice/i,
  ),
  typed('billing estimate', 'billing', 'billingData', 'billing estimate my bill for October 2026'),
  typed('compareOffers', 'compareOffers', 'compare', 'compare offers'),
  typed('availability', 'availability', 'prices', 'availability Korea', /Korea/),
  typed('recon', 'recon', 'billingData', 'recon'),
  typed('recon sample', 'recon', 'billingData', 'recon sample'),
];

/** Every card verb, submitted as a forged card: data a user could type into a card payload. */
const FORGED: Array<{
  verb: string;
  rule: keyof typeof DOC;
  value: Record<string, unknown>;
  answer?: RegExp;
}> = [
  { verb: 'command.run', rule: 'everyone', value: { command: 'help' }, answer: /What you can do/ },
  { verb: 'command.run', rule: 'customers', value: { command: 'customers' }, answer: /Northwind/ },
  {
    verb: 'command.run',
    rule: 'purchase',
    value: { command: 'buy azure plan northwind' },
    answer: /Buy the Azure plan for Northwind/,
  },
  { verb: 'command.run', rule: 'billingData', value: { command: 'recon' } },
  ...(['recon.page', 'recon.customer', 'recon.rows'] as const).map((verb) => ({
    verb,
    rule: 'billingData' as const,
    value: { reportId: 'forged', customerId: NORTHWIND, offset: 10 },
    answer: /That reconciliation is no longer open/,
  })),
  { verb: 'customer.pick', rule: 'everyone', value: { customerId: NORTHWIND }, answer: STALE },
  { verb: 'customer.show', rule: 'customers', value: { customerId: NORTHWIND }, answer: /Northwind/ },
  {
    verb: 'customers.page',
    rule: 'customers',
    value: { page: 1, token: '', trail: [] },
    answer: /Customers of/,
  },
  { verb: 'agreements.show', rule: 'agreementsView', value: { customerId: NORTHWIND }, answer: /Northwind/ },
  { verb: 'attest.review', rule: 'attest', value: { customerId: NORTHWIND }, answer: STALE },
  { verb: 'attest.edit', rule: 'attest', value: { customerId: NORTHWIND }, answer: STALE },
  { verb: 'attest.confirm', rule: 'attest', value: { customerId: NORTHWIND }, answer: STALE },
  { verb: 'attest.cancel', rule: 'attest', value: { customerId: NORTHWIND }, answer: STALE },
  { verb: 'buy.attest', rule: 'attest', value: { customerId: NORTHWIND }, answer: STALE },
  {
    verb: 'mca.status',
    rule: 'agreementsView',
    value: { customerId: NORTHWIND },
    answer: /MCA status: Northwind/,
  },
  { verb: 'mca.board', rule: 'agreementsView', value: { page: 0 }, answer: /MCA status of your customers/ },
  { verb: 'mca.createAgreement', rule: 'attest', value: { customerId: NORTHWIND, attestationId: 'forged' } },
  { verb: 'mca.campaign', rule: 'attest', value: { campaignId: 'forged' } },
  { verb: 'buy.confirm', rule: 'purchase', value: { customerId: NORTHWIND }, answer: STALE },
  { verb: 'buy.cancel', rule: 'purchase', value: { customerId: NORTHWIND }, answer: STALE },
  { verb: 'subs.show', rule: 'subsView', value: { customerId: CONTOSO }, answer: /Azure subscriptions of/ },
  ...(['create', 'rename', 'suspend', 'reactivate', 'suspendPlan', 'reactivatePlan'] as const).map(
    (action) => ({
      verb: `subs.${action}`,
      rule: 'subsManage' as const,
      value: {
        customerId: CONTOSO,
        planId: 'forged-plan',
        azureSubscriptionId: 'forged-subscription',
        inputId: 'name',
        name: 'Forged name',
      },
    }),
  ),
  { verb: 'transition.start', rule: 'transitionRun', value: { customerId: WOODGROVE }, answer: STALE },
  { verb: 'transition.cancel', rule: 'transitionRun', value: { customerId: WOODGROVE }, answer: STALE },
  {
    verb: 'transition.show',
    rule: 'transitionView',
    value: { customerId: WOODGROVE },
    answer: /Woodgrove Bank/,
  },
  { verb: 'price.pick', rule: 'prices', value: { question: 'D4s v5 linux west europe' } },
  { verb: 'price.ranking', rule: 'prices', value: { question: 'D4s v5 windows', offset: 5 } },
];

/** Multi-step flows run last: they change the sandbox (a plan bought, a transition started). */
const FLOWS: Case[] = [
  {
    id: 'buy: confirm',
    kind: 'flow',
    rule: 'purchase',
    command: 'buyPlan',
    steps: [
      { text: 'buy azure plan northwind', answer: /Buy the Azure plan for Northwind/ },
      {
        press: { title: 'Buy Azure plan', values: { resellerMpnId: '5120934' } },
        answer: /Azure plan bought for Northwind Traders Ltd/,
      },
    ],
  },
  {
    id: 'transition: start and follow',
    kind: 'flow',
    rule: 'transitionRun',
    command: 'transition',
    steps: [
      { text: 'transition woodgrove', answer: /Transition Woodgrove Bank to the Azure plan/ },
      { press: { title: 'Start transition' }, answer: /Transition of Woodgrove Bank to the Azure plan/ },
      { text: 'transition status woodgrove', answer: /Transition of Woodgrove Bank to the Azure plan/ },
    ],
  },
];

for (const forged of FORGED) {
  CASES.push({
    id: `forged ${forged.verb}${forged.verb === 'command.run' ? ` "${String(forged.value.command)}"` : ''}`,
    kind: 'forged',
    rule: forged.rule,
    steps: [
      {
        value: {
          verb: forged.verb,
          flowId: 'forged-flow',
          requestId: 'forged-request',
          ...forged.value,
        },
        answer: forged.answer,
      },
    ],
  });
}
CASES.push(...FLOWS);

interface SeedUser {
  aadObjectId: string;
  displayName: string;
  roles: PartnerRole[];
}
const seed = JSON.parse(readFileSync(DEFAULT_SEED, 'utf8')) as {
  partner: { name: string };
  users: SeedUser[];
};

const t = new Translator('en-US');
const genericPrefix = t.t('core.error.generic', { correlationId: '\u0000' }).split('\u0000')[0];
function refusalFor(operation: Operation, user: SeedUser): string {
  const text = describeError(
    t,
    new DomainError('forbidden', { operation, yourRoles: user.roles, partner: seed.partner.name }),
  );
  if (!text) throw new Error(`no refusal text for ${operation}`);
  return text;
}

type Outcome = 'allowed' | 'refused';
const results: Array<{ role: string; kind: Case['kind']; expected: Outcome; ok: boolean }> = [];

describe('Role matrix over HTTP: every seed role × every command, flow and card verb', function () {
  this.timeout(120_000);

  it('covers every built command and every card verb the bot knows', () => {
    const commands = new Set(CASES.map((c) => c.command));
    expect(
      builtCommands()
        .filter((c) => !commands.has(c.id))
        .map((c) => c.id),
    ).to.deep.equal([]);
    const verbs = new Set(FORGED.map((f) => f.verb));
    expect(Object.keys(CARD_VERB_OPERATIONS).filter((verb) => !verbs.has(verb))).to.deep.equal([]);
    expect(new Set(seed.users.flatMap((u) => u.roles))).to.have.property('size', EVERY_ROLE.length);
  });

  it("the bot's permission data names exactly the documented roles per operation", () => {
    for (const rule of Object.values(DOC)) {
      if (!rule.operation) continue;
      const refusal = refusalFor(rule.operation, { aadObjectId: '', displayName: '', roles: [] });
      for (const role of EVERY_ROLE) {
        const named = refusal.includes(t.t(`core.role.${role}`));
        // "Global admin" is also named as the one who grants the role.
        if (role !== GA) expect(named, `${rule.operation} names ${role}`).to.equal(rule.roles.includes(role));
      }
    }
    expect(OPERATIONS.length).to.be.greaterThan(0);
  });

  for (const user of seed.users) {
    describe(`${user.displayName} (${user.roles.join(', ')})`, () => {
      let sut: AppUnderTest;
      before(async () => {
        sut = await startAppUnderTest();
      });
      after(async () => sut.stop());

      for (const testCase of CASES) {
        const rule = DOC[testCase.rule];
        const allowed = user.roles.some((role) => rule.roles.includes(role));
        it(`${testCase.kind} ${testCase.id}: ${allowed ? 'answered' : `refused (${rule.operation})`}`, async () => {
          const conversationId = `${user.aadObjectId.slice(-2)}-${testCase.id.replace(/\W+/g, '-')}`;
          let ok = false;
          try {
            await runCase(sut, user, testCase, conversationId, allowed);
            ok = true;
          } finally {
            results.push({
              role: user.roles.join('+'),
              kind: testCase.kind,
              expected: allowed ? 'allowed' : 'refused',
              ok,
            });
          }
        });
      }
    });
  }

  after(() => {
    const rows = new Map<string, Record<string, number>>();
    for (const r of results) {
      const row = rows.get(r.role) ?? { allowed: 0, refused: 0, mismatches: 0, typed: 0, flow: 0, forged: 0 };
      row[r.expected] += 1;
      row[r.kind] += 1;
      if (!r.ok) row.mismatches += 1;
      rows.set(r.role, row);
    }
    const total = results.length;
    const mismatches = results.filter((r) => !r.ok).length;
    console.log(
      `\n  Role matrix: ${total} checks (${results.filter((r) => r.expected === 'allowed').length} allowed, ` +
        `${results.filter((r) => r.expected === 'refused').length} refused), ${mismatches} mismatches`,
    );
    console.table(Object.fromEntries(rows));
  });
});

async function runCase(
  sut: AppUnderTest,
  user: SeedUser,
  testCase: Case,
  conversationId: string,
  allowed: boolean,
): Promise<void> {
  const rule = DOC[testCase.rule];
  const refusals = OPERATIONS.map((operation) => refusalFor(operation, user));
  for (const [index, step] of testCase.steps.entries()) {
    const replies = await send(sut, user, conversationId, step);
    const where = `${testCase.id} step ${index + 1}: ${replies.join(' ‖ ').slice(0, 600)}`;
    expect(replies, `${where}: some reply`).to.have.length.greaterThan(0);
    for (const reply of replies) expect(reply, `${where}: generic error`).to.not.contain(genericPrefix);
    if (!allowed) {
      // The first step is refused already; nothing else is said.
      const expected = refusalFor(rule.operation as Operation, user);
      expect(replies, where).to.deep.equal([expected]);
      for (const role of rule.roles) expect(expected, where).to.contain(t.t(`core.role.${role}`));
      expect(expected, `${where}: who grants it`).to.contain(t.t('core.role.GlobalAdmin'));
      return;
    }
    for (const reply of replies) expect(refusals, `${where}: refused`).to.not.include(reply);
    if (step.answer) expect(replies.join('\n'), where).to.match(step.answer);
  }
}

/** Sends one step and returns the visible text of every message and card update it caused. */
async function send(
  sut: AppUnderTest,
  user: SeedUser,
  conversationId: string,
  step: Step,
): Promise<string[]> {
  const before = sut.connector.calls.length;
  let value = step.value;
  let extra: Partial<Activity> = {};
  if (step.press) {
    const card = cardsIn(sut.connector, conversationId).at(-1);
    if (!card) throw new Error('no card to press');
    value = { ...actionData(card.content, step.press.title), ...step.press.values };
    extra = { replyToId: card.id };
  }
  const response = await sut.client.post(
    sut.client.activity(step.text ?? '', { user: user.aadObjectId, conversationId, value, extra }),
  );
  expect(response.status).to.equal(200);
  return sut.connector.calls
    .slice(before)
    .filter(
      (call) =>
        call.activity.type === 'message' &&
        call.path.includes(`/v3/conversations/${encodeURIComponent(conversationId)}/`),
    )
    .map((call) => visibleText(call.activity).trim());
}
