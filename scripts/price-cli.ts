/**
 * Ask the price engine from a shell:
 *   npm run --silent price -- --json "D4s v5 windows west europe 730h"
 *   npm run --silent price -- "서유럽 D2s v3 가격" --locale ko-KR
 * Prints the JSON answer (--json) or a short text; always exits 0 unless the arguments are wrong.
 */
import { answerJson } from '../src/features/prices/answerJson.js';
import { resolvePricePaths } from '../src/priceData/pricePaths.js';
import { PriceService } from '../src/priceData/priceService.js';
import { resolveLocale } from '../src/i18n/locale.js';
import { Translator } from '../src/i18n/translator.js';
import { answerText } from '../src/features/prices/priceCards.js';

function main(argv: string[]): number {
  let json = false;
  let locale = resolveLocale(undefined);
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--json') json = true;
    else if (argv[i] === '--locale') locale = resolveLocale(argv[++i]);
    else words.push(argv[i]);
  }
  const question = words.join(' ').trim();
  if (!question) {
    console.error('usage: npm run --silent price -- [--json] [--locale ko-KR] "<question>"');
    return 2;
  }
  const service = new PriceService({ paths: resolvePricePaths(process.env) });
  service.load();
  const answer = service.ask(question, locale);
  if (json) process.stdout.write(`${JSON.stringify(answerJson(answer))}\n`);
  else process.stdout.write(`${answerText(answer, new Translator(locale))}\n`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
