import { DomainError } from '../errors.js';

/** Why one input field was refused. The bot maps each reason to a localized message at that field. */
export type ValidationReason =
  | 'required'
  | 'blank'
  | 'invalidEmail'
  | 'invalidDate'
  | 'future'
  | 'notGuid'
  | 'tooLong'
  | 'invalidCharacters'
  | 'controlCharacters'
  | 'loneSurrogate'
  | 'invalidMpnId'
  | 'unsupportedType'
  | 'retiredTemplate'
  | 'unknownTemplate'
  | 'exactlyOne'
  | 'oneTimeOnly'
  | 'notInCatalog';

/**
 * DomainError with code 'validation'. `fields` maps each bad input field to its reason; the same
 * information is in `params` as `fields` (names) and `reasons` ("name:reason") because DomainError
 * params are flat.
 */
export class ValidationError extends DomainError {
  constructor(readonly fields: Readonly<Record<string, ValidationReason>>) {
    super('validation', {
      fields: Object.keys(fields),
      reasons: Object.entries(fields).map(([name, reason]) => `${name}:${reason}`),
    });
    this.name = 'ValidationError';
  }
}

export function isValidationError(error: unknown): error is ValidationError {
  return error instanceof ValidationError;
}

/** Collects field problems and throws one ValidationError with all of them (so a form shows every one). */
export class FieldProblems {
  private readonly problems: Record<string, ValidationReason> = {};

  add(field: string, reason: ValidationReason): void {
    if (!(field in this.problems)) this.problems[field] = reason;
  }

  get isEmpty(): boolean {
    return Object.keys(this.problems).length === 0;
  }

  get all(): Readonly<Record<string, ValidationReason>> {
    return { ...this.problems };
  }

  throwIfAny(): void {
    if (!this.isEmpty) throw new ValidationError(this.all);
  }
}
