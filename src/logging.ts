import { pino, type DestinationStream, type Logger } from 'pino';

/**
 * Structured JSON logs. Secrets and personal data never reach them: known fields are redacted, and
 * callers log ids (activity id, conversation id, AAD object id), not names, e-mails or message text.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
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
  };
  // Tests pass a destination to read the lines; the process logs to stdout.
  return destination ? pino(options, destination) : pino(options);
}

export type { Logger };
