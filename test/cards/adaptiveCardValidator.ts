// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- the bundle's typings are ambient `declare module` blocks, not importable
/// <reference path="../../node_modules/adaptivecards/dist/adaptivecards.d.ts" />
import { createRequire } from 'node:module';

// adaptivecards 3.0.6's `lib/` is not loadable by Node's ESM resolver; its UMD bundle is (stack.md §4).
type AdaptiveCards = typeof import('adaptivecards/adaptivecards');
const AC = createRequire(import.meta.url)('adaptivecards/dist/adaptivecards.js') as AdaptiveCards;

/** Teams refuses messages over 28 KB; a card alone must stay below that. */
export const MAX_CARD_BYTES = 28 * 1024;

/**
 * Parses a card as Adaptive Cards 1.5 and returns every problem found (parse and validation events,
 * wrong version, oversize). An empty list means Teams can render it. Usable from any test.
 */
export function adaptiveCardProblems(json: Record<string, unknown>): string[] {
  const problems: string[] = [];
  if (json.type !== 'AdaptiveCard') problems.push(`type is ${String(json.type)}, not AdaptiveCard`);
  if (json.version !== '1.5') problems.push(`version is ${String(json.version)}, not "1.5"`);
  const bytes = Buffer.byteLength(JSON.stringify(json), 'utf8');
  if (bytes >= MAX_CARD_BYTES) problems.push(`card is ${bytes} bytes, limit ${MAX_CARD_BYTES}`);

  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  card.parse(json, context);
  for (let index = 0; index < context.eventCount; index++) {
    const event = context.getEventAt(index);
    // Teams' dynamic typeahead (Input.ChoiceSet `choices.data`, Data.Query) is read by Teams on 1.5
    // cards; clients without it ignore the property and show the static choices.
    if (/Property "choices\.data" is supported in version 1\.6/.test(event.message)) continue;
    problems.push(`parse: ${describe(event)}`);
  }
  for (const event of card.validateProperties().validationEvents) {
    problems.push(`validate: ${describe(event)}`);
  }
  return problems;
}

function describe(event: { event: number; message: string }): string {
  return `${AC.ValidationEvent[event.event]}: ${event.message}`;
}
