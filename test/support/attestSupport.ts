import { MemoryStorage, type Storage } from 'botbuilder';
import type { Clock } from '../../src/domain/clock.js';
import { AttestationService } from '../../src/domain/services/attestationService.js';
import type { CustomerDirectory } from '../../src/domain/services/customerDirectory.js';
import { EnhancedAttestationService } from '../../src/domain/services/enhancedAttestationService.js';
import type { ServiceDependencies } from '../../src/domain/services/serviceContext.js';
import { attestFeature } from '../../src/features/attest/attestFeature.js';
import { AttestMcaDialog } from '../../src/features/attest/attestMcaDialog.js';
import { AttestationWatchStore } from '../../src/features/attest/attestationWatches.js';
import { acceptanceLink } from '../../src/partnerCenter/emulator/acceptancePage.js';
import type { Sandbox } from '../../src/partnerCenter/sandbox/openSandbox.js';
import { cards } from './botHarness.js';

/** Where tests pretend the acceptance page is (no server: the link is only shown). */
export const TEST_ACCEPTANCE_BASE = 'http://127.0.0.1:9/emulator/mca-acceptance';

/** The attest feature over a sandbox, wired as the composition root wires it. */
export function attestOver(
  sandbox: Sandbox,
  services: ServiceDependencies,
  directory: CustomerDirectory,
  clock: Clock,
  storage: Storage = new MemoryStorage(),
) {
  const watches = new AttestationWatchStore(storage);
  const attestations = new EnhancedAttestationService(services, sandbox.attestations);
  const linkFor = (a: { linkParameters: Record<string, string> }) =>
    acceptanceLink(TEST_ACCEPTANCE_BASE, a.linkParameters);
  const feature = attestFeature({
    history: new AttestationService(services),
    attestations,
    directory,
    cards,
    clock,
    watches,
    linkFor,
  });
  const dialog = (): AttestMcaDialog =>
    new AttestMcaDialog(attestations, directory, cards, clock, watches, linkFor);
  return { ...feature, watches, attestations, newDialog: dialog };
}
