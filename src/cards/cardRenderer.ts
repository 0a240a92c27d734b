import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import * as ACData from 'adaptivecards-templating';
import { escapeCardData, hasLiteralEscape, unescapeExpandedCard } from './literalData.js';
import { universalCard } from './universalActions.js';
import { deepFreeze, hasSkeletonToken, SkeletonCard, skeletonOf } from './cardSkeleton.js';
import { dropOldest } from '../domain/boundedMap.js';

/** An expanded Adaptive Card, ready for `CardFactory.adaptiveCard`. */
export type AdaptiveCardJson = Record<string, unknown>;

export class CardTemplateError extends Error {}

/**
 * Expands the Adaptive Card 1.5 templates (each feature's `cards/` folder, see
 * `defaultCardDirectories`) with adaptivecards-templating. Templates are
 * read and parsed once at start-up; every expansion is checked for templating warnings (an unbound
 * `${…}` is a bug, not something to show a partner).
 *
 * Bound data is literal: names, typed text and file cells may contain `${…}`, `$when` or braces,
 * and are shown exactly as written, never evaluated or mistaken for an unbound expression. Every
 * string of the data (keys too) is escaped before the expansion (see literalData.ts), so a `${`
 * left in the expanded card can only come from the template, and unescaped afterwards.
 */
export class CardRenderer {
  private readonly templates = new Map<string, ACData.Template>();
  /**
   * Expanded cards by template and data skeleton (cardSkeleton.ts), least recently used out: the
   * same help or list card, and every card of the same shape (a dialog's form for another customer,
   * with a new flow id), is expanded once. Cards are immutable (deeply frozen): the same card
   * asked again is the same object, another one a new object with its own strings.
   */
  private readonly expanded = new Map<string, SkeletonCard>();

  /** Reads every `*.json` of the folders; a name found in two folders is a start-up error. */
  constructor(directories: string | readonly string[]) {
    for (const directory of typeof directories === 'string' ? [directories] : directories) {
      for (const file of readdirSync(directory)) {
        if (!file.endsWith('.json')) continue;
        const name = basename(file, '.json');
        if (this.templates.has(name)) {
          throw new CardTemplateError(`Card template "${name}" exists twice (again in ${directory})`);
        }
        const text = readFileSync(join(directory, file), 'utf8');
        if (hasLiteralEscape(text) || hasSkeletonToken(text)) {
          throw new CardTemplateError(
            `Card template "${file}" contains a reserved character (U+E000 or U+E001)`,
          );
        }
        const json: unknown = JSON.parse(text);
        this.templates.set(name, new ACData.Template(json));
      }
    }
  }

  names(): string[] {
    return [...this.templates.keys()].sort();
  }

  render(name: string, data: object): AdaptiveCardJson {
    const parts = skeletonOf(data);
    // Not plain JSON (a Decimal, a Date): expanded as it is, every time.
    if (!parts) return deepFreeze(this.expand(name, data));
    const key = `${name}\n${JSON.stringify(parts.skeleton)}`;
    let card = this.expanded.get(key);
    if (card) {
      this.expanded.delete(key);
      this.expanded.set(key, card);
    } else {
      card = new SkeletonCard(JSON.stringify(this.expand(name, parts.skeleton as object)));
      if (key.length <= MAX_CACHED_KEY_CHARS) {
        this.expanded.set(key, card);
        dropOldest(this.expanded, MAX_CACHED_CARDS);
      }
    }
    // The data's strings put back (frozen; the same strings again give the same card).
    return card.fill(parts.strings) as AdaptiveCardJson;
  }

  private expand(name: string, data: object): AdaptiveCardJson {
    const template = this.templates.get(name);
    if (!template) throw new CardTemplateError(`No card template named "${name}"`);
    const expanded = template.expand({ $root: escapeCardData(data) }) as AdaptiveCardJson;
    // adaptivecards-templating 2.3 also "warns" whenever a $when is simply false (it tests the
    // value, not the evaluation error), so those lines say nothing and are left out.
    const warnings = template
      .getLastTemplateExpansionWarnings()
      .filter((warning) => !/The \$when condition has been set to false by default/.test(warning));
    if (warnings.length > 0) {
      throw new CardTemplateError(`Card "${name}" expanded with warnings: ${warnings.join('; ')}`);
    }
    // The templating engine leaves an unbound `${x}` in place without a warning: treat it as one.
    // The data's own `$` and `{` are escaped at this point, so this only finds the template's.
    const { card, unbound } = unescapeExpandedCard(expanded);
    if (unbound) throw new CardTemplateError(`Card "${name}" has an unbound expression ${unbound}`);
    // Buttons with a verb go out as Action.Execute with an Action.Submit fallback (universalActions.ts).
    return universalCard(name, data, card as AdaptiveCardJson);
  }
}

const MAX_CACHED_CARDS = 500;
const MAX_CACHED_KEY_CHARS = 32 * 1024;

/**
 * Where card templates live: the host's own (`src/bot/cards/`) and every feature's
 * `src/features/<feature>/cards/`, found at start-up so a new feature needs no registration here.
 */
export function defaultCardDirectories(): string[] {
  const source = new URL('../', import.meta.url).pathname;
  const features = join(source, 'features');
  const featureFolders = readdirSync(features, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(features, entry.name, 'cards'))
    .filter((directory) => existsSync(directory))
    .sort();
  return [join(source, 'bot', 'cards'), ...featureFolders];
}
