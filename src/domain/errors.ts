/**
 * A refusal or failure the user must be told about. `code` is either a Partner Center error code
 * ('600002', '13605', '900105' …) or a bot-level code ('forbidden', 'validation', 'not_found' …).
 * Domain code never carries user-visible text: the bot maps `code` to a localized message and fills
 * it with `params`.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly params: Readonly<Record<string, string | number | readonly string[]>> = {},
  ) {
    super(`DomainError ${code}`);
    this.name = 'DomainError';
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
