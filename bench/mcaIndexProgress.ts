import type { McaIndexProgress } from '../src/domain/services/mcaStateIndex.js';

/** The MCA state index's progress as the bot's /healthz reports it. */
export async function mcaIndexProgress(botUrl: string): Promise<McaIndexProgress> {
  const body = (await (await fetch(`${botUrl}/healthz`)).json()) as { mcaIndex: McaIndexProgress };
  return body.mcaIndex;
}

/** Waits until the index has listed and checked every customer; its last progress. */
export async function mcaIndexBuilt(botUrl: string): Promise<McaIndexProgress> {
  for (;;) {
    const progress = await mcaIndexProgress(botUrl);
    if (!progress.building && progress.total > 0 && progress.checked >= progress.total) return progress;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
