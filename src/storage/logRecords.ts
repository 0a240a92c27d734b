import { crc32 } from 'node:zlib';

/**
 * The record format of LogStorage's segment files. A record is
 *
 *   u32 payload length | u32 CRC-32 of the payload | payload
 *   payload = u8 kind (1 put, 2 delete) | f64 written at (ms since epoch) | u32 key length | key | value
 *
 * (little endian, key and value UTF-8; a delete has no value). The length and checksum let a scan
 * tell a complete record from the torn tail of an append a killed process did not finish.
 */
export type LogRecordKind = 'put' | 'delete';

export interface LogRecord {
  kind: LogRecordKind;
  key: string;
  /** The stored text (put); '' for a delete. */
  value: string;
  writtenAt: number;
}

/** A record found by a scan: its kind, key and time, where its value lies, and its whole size. */
export interface ScannedRecord extends Omit<LogRecord, 'value'> {
  /** Byte offset of the record in the segment. */
  offset: number;
  /** Byte offset and length of the value inside the segment (what a later read fetches). */
  valueOffset: number;
  valueLength: number;
  /** Bytes the whole record takes (header included). */
  size: number;
}

const HEADER = 8;
const FIXED = 1 + 8 + 4;
const KIND_CODE: Record<LogRecordKind, number> = { put: 1, delete: 2 };

/** The record as bytes, and where its value starts inside them. */
export function encodeRecord(record: LogRecord): { bytes: Buffer; valueStart: number; valueLength: number } {
  const keyLength = Buffer.byteLength(record.key, 'utf8');
  const valueLength = record.kind === 'put' ? Buffer.byteLength(record.value, 'utf8') : 0;
  const payloadLength = FIXED + keyLength + valueLength;
  const bytes = Buffer.allocUnsafe(HEADER + payloadLength);
  bytes.writeUInt32LE(payloadLength, 0);
  bytes.writeUInt8(KIND_CODE[record.kind], HEADER);
  bytes.writeDoubleLE(record.writtenAt, HEADER + 1);
  bytes.writeUInt32LE(keyLength, HEADER + 9);
  bytes.write(record.key, HEADER + FIXED, keyLength, 'utf8');
  const valueStart = HEADER + FIXED + keyLength;
  if (valueLength > 0) bytes.write(record.value, valueStart, valueLength, 'utf8');
  bytes.writeUInt32LE(crc32(bytes.subarray(HEADER)), 4);
  return { bytes, valueStart, valueLength };
}

export class LogCorruptError extends Error {}

/**
 * Every complete record of a segment's bytes, in order, and where the complete ones end. A record
 * cut short or with a wrong checksum ends the scan: `end` is its offset (the caller decides whether
 * that is a torn tail or damage).
 */
export function scanRecords(bytes: Buffer): { records: ScannedRecord[]; end: number } {
  const records: ScannedRecord[] = [];
  let offset = 0;
  while (offset + HEADER <= bytes.length) {
    const payloadLength = bytes.readUInt32LE(offset);
    const start = offset + HEADER;
    if (payloadLength < FIXED || start + payloadLength > bytes.length) break;
    const payload = bytes.subarray(start, start + payloadLength);
    if (crc32(payload) !== bytes.readUInt32LE(offset + 4)) break;
    const code = payload.readUInt8(0);
    const keyLength = payload.readUInt32LE(9);
    if ((code !== 1 && code !== 2) || FIXED + keyLength > payloadLength) break;
    const key = payload.toString('utf8', FIXED, FIXED + keyLength);
    const valueOffset = start + FIXED + keyLength;
    const valueLength = payloadLength - FIXED - keyLength;
    records.push({
      kind: code === 1 ? 'put' : 'delete',
      key,
      writtenAt: payload.readDoubleLE(1),
      offset,
      valueOffset,
      valueLength,
      size: HEADER + payloadLength,
    });
    offset = start + payloadLength;
  }
  return { records, end: offset };
}
