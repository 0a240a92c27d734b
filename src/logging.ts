import { pino, type Logger } from 'pino';

/**
 * Structured JSON logs. Secrets and personal data never reach them: known fields are redacted, and
 * callers log ids (activity id, conversation id, AAD object id), not names, e-mails or message text.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: undefined,
    redact: {
      paths: [
        '*.MicrosoftAppPassword',
        '*.password',
        '*.authorization',
        '*.headers.authorization',
        '*.email',
        '*.phoneNumber',
        '*.firstName',
        '*.lastName',
        '*.text',
      ],
      censor: '[redacted]',
    },
  });
}

export type { Logger };
