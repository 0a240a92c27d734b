import { ReconChecks, type RowCheck } from '../../domain/recon/reconChecks.js';
import type { PecRateSchedule } from '../../domain/pec/pecRate.js';
import { toGrant, type AccessRecord } from './accessRecords.js';
import type { ReconRow } from './reconRow.js';

// The checks are the domain's (src/domain/recon/reconChecks.ts); this adapter feeds them the
// partner's access records as read from its file.
export { reconMeterFacts, type ReconFlagKind, type RowCheck } from '../../domain/recon/reconChecks.js';

/** Checks daily rated usage rows against the partner's access records (see ReconChecks). */
export class ReconRowChecker {
  private readonly checks: ReconChecks;

  constructor(access: readonly AccessRecord[], rates?: PecRateSchedule) {
    this.checks = new ReconChecks(
      access.map((record) => ({ customerId: record.customerId, grant: toGrant(record) })),
      rates,
    );
  }

  check(row: ReconRow): RowCheck {
    return this.checks.check(row);
  }
}
