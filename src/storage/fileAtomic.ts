import { randomUUID } from 'node:crypto';
import { close, fsync, open, readFile as readFileCallback, writeFile } from 'node:fs';
import { link, mkdir, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { promisify } from 'node:util';

/**
 * Small crash-safe file primitives shared by the file record stores. Every write goes to a temp
 * file in the target's folder first (fsynced when durable), so a reader never sees a torn file.
 */
export const readFile = promisify(readFileCallback);
const openFd = promisify(open);
const writeFd = promisify(writeFile);
const fsyncFd = promisify(fsync);
const closeFd = promisify(close);

export const TEMP_SUFFIX = '.tmp';

async function writeTemp(target: string, content: string, durable: boolean): Promise<string> {
  const temp = `${target}.${process.pid}.${randomUUID()}${TEMP_SUFFIX}`;
  const fd = await openFd(temp, 'wx');
  try {
    await writeFd(fd, content, 'utf8');
    if (durable) await fsyncFd(fd);
  } catch (error) {
    await closeFd(fd);
    await unlink(temp).catch(ignoreMissing);
    throw error;
  }
  await closeFd(fd);
  return temp;
}

/**
 * Creates `path` with `content` only if it does not exist yet: the compare-and-set of the file
 * stores. The content is written to a temp file, then hard-linked to `path`: `link` fails with
 * EEXIST when another writer (thread, process) created it first, and the file appears whole or
 * not at all. Returns false when it existed. Throws ENOENT when the folder is missing.
 */
export async function createExclusive(path: string, content: string, durable: boolean): Promise<boolean> {
  const temp = await writeTemp(path, content, durable);
  try {
    await link(temp, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await unlink(temp).catch(ignoreMissing);
  }
  if (durable) await syncFolder(dirname(path));
  return true;
}

/** Replaces `path` with `content` (temp file + rename): a reader sees the old or the new file. */
export async function replaceFile(path: string, content: string, durable: boolean): Promise<void> {
  const temp = await writeTemp(path, content, durable);
  try {
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(ignoreMissing);
    throw error;
  }
  if (durable) await syncFolder(dirname(path));
}

export async function ensureFolder(folder: string): Promise<void> {
  await mkdir(folder, { recursive: true });
}

export function ignoreMissing(error: NodeJS.ErrnoException): void {
  if (error.code !== 'ENOENT') throw error;
}

export function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}

/** Makes a create/rename durable. Not possible on every platform (Windows), so best effort. */
export async function syncFolder(folder: string): Promise<void> {
  try {
    const fd = await openFd(folder, 'r');
    try {
      await fsyncFd(fd);
    } finally {
      await closeFd(fd);
    }
  } catch {
    // Opening a directory for fsync is not supported everywhere; the rename is still atomic.
  }
}

export { openFd, writeFd, fsyncFd, closeFd };
