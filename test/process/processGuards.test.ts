import { execFile } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { fileURLToPath } from 'node:url';
import { Writable } from 'node:stream';
import { expect } from 'chai';
import { pino } from 'pino';
import { installProcessGuards, type GuardedProcess } from '../../src/processGuards.js';

function captureLogger(lines: string[]) {
  return pino(
    { level: 'info' },
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    }),
  );
}

describe('process guards: one failure does not end the bot for every user', () => {
  it('logs an unhandled rejection and keeps serving', () => {
    const lines: string[] = [];
    const proc = new EventEmitter();
    let fatal = 0;
    installProcessGuards(proc as unknown as GuardedProcess, captureLogger(lines), () => (fatal += 1));
    proc.emit('unhandledRejection', new Error('lost turn'));
    expect(fatal).to.equal(0);
    expect(lines.join('')).to.contain('unhandled promise rejection; still serving');
  });

  it('keeps serving after an uncaught connection error, stops (for a restart) after any other', () => {
    const lines: string[] = [];
    const proc = new EventEmitter();
    const fatal: Error[] = [];
    installProcessGuards(proc as unknown as GuardedProcess, captureLogger(lines), (error) =>
      fatal.push(error),
    );
    proc.emit(
      'uncaughtException',
      Object.assign(new Error('aborted'), { code: 'ECONNRESET' }),
      'uncaughtException',
    );
    expect(fatal).to.have.length(0);
    const bug = new TypeError('x is undefined');
    proc.emit('uncaughtException', bug, 'uncaughtException');
    expect(fatal).to.deep.equal([bug]);
  });

  it('logs an error by name, code and stack only, never its data fields (they may quote file cells)', () => {
    const lines: string[] = [];
    const proc = new EventEmitter();
    installProcessGuards(proc as unknown as GuardedProcess, captureLogger(lines), () => undefined);
    proc.emit('unhandledRejection', Object.assign(new Error('bad'), { record: ['Tailspin-Cell-42'] }));
    expect(lines.join('')).not.to.contain('Tailspin-Cell-42');
  });

  it('in a real process: a stream error nobody listens to is logged and the process goes on', async () => {
    const guards = fileURLToPath(new URL('../../src/processGuards.ts', import.meta.url));
    const script = `
      import { Readable } from 'node:stream';
      import { pino } from 'pino';
      const { installProcessGuards } = await import(${JSON.stringify(guards)});
      installProcessGuards(process, pino(), () => { console.log('FATAL'); process.exit(3); });
      const download = new Readable({ read() {} });
      download.pipe(process.stdout);
      setImmediate(() => download.destroy(Object.assign(new Error('aborted'), { code: 'ECONNRESET' })));
      setTimeout(() => console.log('STILL SERVING'), 50);
    `;
    const output = await new Promise<string>((resolve, reject) =>
      execFile(
        process.execPath,
        ['--import', 'tsx', '--input-type=module', '-e', script],
        { cwd: fileURLToPath(new URL('../../', import.meta.url)) },
        (error, stdout) => (error ? reject(error) : resolve(stdout)),
      ),
    );
    expect(output).to.contain('uncaught connection error; still serving');
    expect(output).to.contain('STILL SERVING');
    expect(output).not.to.contain('FATAL');
  });
});
