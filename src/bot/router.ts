import { distance } from 'fastest-levenshtein';
import { COMMANDS, type CommandDefinition, type CommandId } from './commands.js';

export interface CommandMatch {
  command: CommandDefinition;
  /** What followed the command phrase, trimmed ('' when nothing). */
  argument: string;
}

/** Lower-case, single spaces, no trailing punctuation: how typed commands are compared. */
export function normalizeCommandText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[.!?。]+$/u, '')
    .trim()
    .toLowerCase();
}

/**
 * Parses typed text into a command, in English or Korean whatever the user's locale (partners mix
 * both). The longest matching phrase wins, so "transition status x" is not "transition".
 */
export class CommandRouter {
  private readonly phrases: Array<{ phrase: string; command: CommandDefinition }>;

  constructor(commands: readonly CommandDefinition[] = COMMANDS.filter((command) => command.built)) {
    this.phrases = commands
      .flatMap((command) =>
        [...command.phrases['en-US'], ...command.phrases['ko-KR']].map((phrase) => ({
          phrase: normalizeCommandText(phrase),
          command,
        })),
      )
      .sort((a, b) => b.phrase.length - a.phrase.length);
  }

  match(text: string): CommandMatch | undefined {
    const normalized = normalizeCommandText(text);
    if (normalized === '') return undefined;
    for (const { phrase, command } of this.phrases) {
      if (normalized === phrase) return { command, argument: '' };
      if (normalized.startsWith(`${phrase} `)) {
        // Keep the user's own spelling of the argument (customer names are case-sensitive to read).
        const original = text.replace(/\s+/g, ' ').trim();
        return { command, argument: original.slice(phrase.length).trim() };
      }
    }
    return undefined;
  }

  /**
   * The closest commands to text that matched none: compares the first words with every phrase and
   * keeps those within a small edit distance, best first, at most `limit`.
   */
  suggest(text: string, allowed: (id: CommandId) => boolean, limit = 3): CommandDefinition[] {
    const normalized = normalizeCommandText(text);
    if (normalized === '') return [];
    const scored = new Map<CommandId, number>();
    for (const { phrase, command } of this.phrases) {
      if (!allowed(command.id)) continue;
      const words = normalized.split(' ').slice(0, phrase.split(' ').length).join(' ');
      const score = distance(words, phrase) / Math.max(phrase.length, 1);
      const best = scored.get(command.id);
      if (best === undefined || score < best) scored.set(command.id, score);
    }
    return [...scored.entries()]
      .filter(([, score]) => score <= 0.5)
      .sort((a, b) => a[1] - b[1])
      .slice(0, limit)
      .map(([id]) => COMMANDS.find((command) => command.id === id))
      .filter((command): command is CommandDefinition => command !== undefined);
  }
}
