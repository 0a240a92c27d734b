import { BlobServiceClient, RestError, type ContainerClient } from '@azure/storage-blob';

/** The container of the bot's records (created when missing). */
export async function openContainer(connectionString: string, container: string): Promise<ContainerClient> {
  const client = BlobServiceClient.fromConnectionString(connectionString).getContainerClient(container);
  await client.createIfNotExists();
  return client;
}

/** HTTP status of a failed storage call (undefined for a network error). */
export function statusOf(error: unknown): number | undefined {
  return error instanceof RestError ? error.statusCode : undefined;
}

/** Storage error code (`BlobAlreadyExists`, `LeaseAlreadyPresent`, `ConditionNotMet` …). */
export function codeOf(error: unknown): string | undefined {
  return error instanceof RestError ? error.code : undefined;
}

/** A create-if-none-match or if-match that lost the race (409 exists / 412 eTag changed). */
export function lostRace(error: unknown): boolean {
  const status = statusOf(error);
  return status === 409 || status === 412;
}

export function isNotFound(error: unknown): boolean {
  return statusOf(error) === 404;
}

export async function downloadText(
  client: ReturnType<ContainerClient['getBlockBlobClient']>,
): Promise<{ text: string; etag: string } | undefined> {
  try {
    const response = await client.download();
    const body = await streamToString(response.readableStreamBody);
    return { text: body, etag: response.etag ?? '' };
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

async function streamToString(stream: NodeJS.ReadableStream | undefined): Promise<string> {
  if (!stream) return '';
  const chunks: Buffer[] = [];
  for await (const chunk of stream)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}
