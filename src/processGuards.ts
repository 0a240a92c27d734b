import type { Logger } from './logging.js';

/** The part of `process` the guards use (tests pass an EventEmitter). */
export interface GuardedProcess {
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
  on(event: 'uncaughtException', listener: (error: Error, origin: string) => void): unknown;
}

/**
 * Error codes of one connection or stream going wrong (a client or file server hanging up, a
 * timeout). Such an error concerns one request only: the rest of the process is intact.
 */
const CONNECTION_ERROR_CODES = new Set([
  'ECONNRESET',
  'ECONNABORTED',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ERR_STREAM_PREMATURE_CLOSE',
  'ERR_STREAM_DESTROYED',
  'ERR_STREAM_WRITE_AFTER_END',
  'ERR_HTTP_HEADERS_SENT',
]);

export function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && CONNECTION_ERROR_CODES.has(code);
}

/** Only what is safe to log: never an error's own fields (they may quote data, e.g. a CSV cell). */
function described(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error };
  const code = (error as { code?: unknown }).code;
  return { type: error.name, code: typeof code === 'string' ? code : undefined, stack: error.stack };
}

/**
 * Process-level safety net. A promise rejection nobody handled is logged and the bot keeps
 * serving (the failed work was one turn's). An uncaught exception is logged; when it is a
 * connection/stream error the bot keeps serving too, otherwise the process state is unknown, so
 * `onFatal` stops the bot gracefully and a supervisor (systemd, a container runtime, pm2) restarts it.
 */
export function installProcessGuards(
  proc: GuardedProcess,
  logger: Logger,
  onFatal: (error: Error) => void,
): void {
  proc.on('unhandledRejection', (reason) => {
    logger.error({ err: described(reason) }, 'unhandled promise rejection; still serving');
  });
  proc.on('uncaughtException', (error, origin) => {
    if (isConnectionError(error)) {
      logger.error({ err: described(error), origin }, 'uncaught connection error; still serving');
      return;
    }
    logger.fatal({ err: described(error), origin }, 'uncaught exception; stopping for a restart');
    onFatal(error);
  });
}
