import type { Decimal } from 'decimal.js';
import type { MeterPecEligibility } from '../pec/meterEligibility.js';
import type { SnapshotFreshness } from './freshness.js';
import type { FxConversion, BillingMonth } from './fx.js';
import type { PriceRow, VmPriority } from './priceRow.js';
import type { QuantityFacts } from './quantityWords.js';
import type { OperatingSystem } from './questionOptions.js';
import type { RegionMatch } from './regions.js';
import type { UnplacedWord } from './unplacedWords.js';

/** What the snapshot behind an answer is. */
export interface SnapshotInfo {
  readonly takenAt: string;
  readonly source: string;
  readonly location: string;
  readonly rowCount: number;
  readonly regions: readonly string[];
  /** Display name of each region id of `regions` ("westeurope" → "West Europe"): answers never show ids. */
  readonly regionNames: Readonly<Record<string, string>>;
  /** How old the snapshot is at the time of the answer (set by the price service). */
  readonly freshness?: SnapshotFreshness;
  /** Which price list answered: public retail prices, or the partner's own Partner Center price sheet. */
  readonly origin?: PriceOrigin;
}

/** Where the prices of an answer come from. */
export type PriceOrigin =
  | { readonly kind: 'retail' }
  | { readonly kind: 'partnerSheet'; readonly market: string; readonly view: string };

/** What the question was understood to ask, shown back to the partner so nothing is guessed silently. */
export interface Understood {
  readonly region: RegionMatch | null;
  /** Words the engine could not place (typos of price types or regions, uncovered price types). */
  readonly unplaced: readonly UnplacedWord[];
  /** The size as the price file writes it ("D2s v3"), for VM questions. */
  readonly sizeName: string | null;
  readonly sizeCorrected: boolean;
  /** The size as the partner typed it (shown when it was read through a typo). */
  readonly sizeTyped: string | null;
  readonly os: OperatingSystem;
  readonly osNamed: boolean;
  readonly priority: VmPriority;
  readonly quantity: QuantityFacts;
  readonly currency: string | null;
  readonly month: BillingMonth | null;
  /** The question names a savings plan (it is then weighed against pay-as-you-go net of PEC). */
  readonly namesSavingsPlan?: boolean;
}

/** A refined question the partner can pick (a card button sends `question` back). */
export interface PriceChoice {
  /** Short, language-neutral label built from product data ("D2s v3 · West Europe · Windows"). */
  readonly label: string;
  readonly question: string;
  readonly row: PriceRow | null;
}

export interface CurrencyAmounts {
  readonly conversion: FxConversion;
  /** Unit price and total in the asked currency (null when the conversion is not possible). */
  readonly unitPrice: Decimal | null;
  readonly total: Decimal | null;
}

export type MissingPart =
  'region' | 'size' | 'diskTier' | 'meterKind' | 'regionNotInSnapshot' | 'noMatchingRow';

export type ChoiceTopic = 'region' | 'size' | 'row' | 'meter' | 'typo';

export type PriceAnswer =
  | {
      readonly kind: 'answer';
      readonly row: PriceRow;
      /** Other rows billed on the same meter at the same price (e.g. "D2 v3/D2s v3"). */
      readonly sameMeter: readonly PriceRow[];
      /** Quantity in the row's unit of measure (blocks), or null for a plain price question. */
      readonly quantity: Decimal | null;
      readonly total: Decimal | null;
      readonly savingsPlan1YearTotal: Decimal | null;
      readonly pec: MeterPecEligibility;
      readonly inCurrency: CurrencyAmounts | null;
      /** Quantities the question gave that this row's unit has no use for, as typed ("512 GiB"). */
      readonly unusedQuantities: readonly string[];
      /** The meter is tiered in reality but the snapshot keeps one tier (storage capacity). */
      readonly tierCaveat: boolean;
      readonly understood: Understood;
      readonly snapshot: SnapshotInfo;
    }
  | {
      readonly kind: 'choices';
      readonly topic: ChoiceTopic;
      readonly choices: readonly PriceChoice[];
      readonly understood: Understood;
      readonly snapshot: SnapshotInfo;
    }
  | {
      readonly kind: 'needMore';
      readonly missing: readonly MissingPart[];
      readonly suggestions: readonly PriceChoice[];
      readonly understood: Understood;
      readonly snapshot: SnapshotInfo;
    }
  | { readonly kind: 'noSnapshot' };
