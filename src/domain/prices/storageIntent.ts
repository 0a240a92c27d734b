/**
 * Storage questions the bot answers, and only those whose meter is unambiguous (evals README §7–8):
 * managed disk tiers, disk transactions of Standard SSD/HDD, Premium SSD v2 and Ultra disk
 * provisioned capacity/IOPS/throughput, and block blob (general-purpose v2) operations.
 */
export type StorageIntent =
  | {
      readonly kind: 'meter';
      readonly productName: string;
      readonly meterName: string;
      readonly label: string;
      /**
       * True for capacity meters that are tiered in reality (Hot LRS Data Stored: first 50 TB,
       * next 450 TB, …) while the snapshot keeps one tier: the answer must say so.
       */
      readonly tiered?: boolean;
    }
  | {
      readonly kind: 'skuMeter';
      readonly productName: string;
      readonly skuName: string;
      readonly meterPattern: RegExp;
      readonly label: string;
    }
  | { readonly kind: 'pickMeter'; readonly options: readonly StorageIntent[] }
  | { readonly kind: 'needTier' };

const DISK_PRODUCTS: Record<string, string> = {
  p: 'Premium SSD Managed Disks',
  e: 'Standard SSD Managed Disks',
  s: 'Standard HDD Managed Disks',
};

function provisioned(productName: string, prefix: string, text: string): StorageIntent {
  const meters: [RegExp, string][] = [
    [/capacity|용량|\bgib?\b/, `${prefix} Provisioned Capacity`],
    [/iops/, `${prefix} Provisioned IOPS`],
    [/throughput|mbps|처리량/, `${prefix} Provisioned Throughput (MBps)`],
  ];
  const options = meters.map(([, meterName]) => ({
    kind: 'meter' as const,
    productName,
    meterName,
    label: `${productName} · ${meterName}`,
  }));
  const named = meters.findIndex(([pattern]) => pattern.test(text));
  return named >= 0 ? options[named] : { kind: 'pickMeter', options };
}

function accessTier(text: string): 'Hot' | 'Cool' | 'Cold' | 'Archive' | null {
  if (/\bcool\b|쿨/.test(text)) return 'Cool';
  if (/\bcold\b|콜드/.test(text)) return 'Cold';
  if (/\barchive\b|아카이브|보관\s*계층/.test(text)) return 'Archive';
  if (/\bhot\b|핫/.test(text)) return 'Hot';
  return null;
}

function storageRedundancy(text: string, fallback: string): string {
  if (/\bra-?gzrs\b/.test(text)) return 'RA-GZRS';
  if (/\bgzrs\b/.test(text)) return 'GZRS';
  if (/\bra-?grs\b/.test(text)) return 'RA-GRS';
  if (/\bgrs\b/.test(text)) return 'GRS';
  return fallback;
}

const OPERATION_WORDS = /operations?|transactions?|\bwrites?\b|\breads?\b|작업|트랜잭션|쓰기|읽기/;
const CAPACITY_WORDS =
  /\bstorage\b|\bstored?\b|\bcapacity\b|\bdata\b|스토리지|저장|용량|\d\s*(?:gib|gb|tib|tb)\b|\bper\s+(?:gib|gb)\b/;
const BLOB_WORDS = /\bblobs?\b|블롭|블랍/;
const FILES_WORDS = /\b(?:azure\s+)?files\b|\bfile\s+shares?\b|파일\s*(?:스토리지|공유)/;

/**
 * "1 TB of hot LRS blob storage", "서유럽 핫 LRS blob 스토리지 1TB": the Data Stored meter of
 * general-purpose v2 block blobs (or Azure Files when named); the access tier (Hot, Cool, Cold,
 * Archive) defaults to Hot. Without blob or files the partner picks one.
 */
function capacityIntent(text: string, redundancy: string): StorageIntent | null {
  if (OPERATION_WORDS.test(text) || !CAPACITY_WORDS.test(text)) return null;
  const blob = BLOB_WORDS.test(text);
  const files = FILES_WORDS.test(text);
  const tier = accessTier(text);
  if (!blob && !files && !tier) return null;
  const meter = (productName: string): StorageIntent => {
    const skuTier = tier ?? 'Hot';
    const meterName = `${skuTier} ${storageRedundancy(text, redundancy)} Data Stored`;
    return { kind: 'meter', productName, meterName, label: `${productName} · ${meterName}`, tiered: true };
  };
  if (blob && !files) return meter('General Block Blob v2');
  if (files && !blob) return meter('Files v2');
  return { kind: 'pickMeter', options: [meter('General Block Blob v2'), meter('Files v2')] };
}

export function readStorageIntent(question: string): StorageIntent | null {
  const text = question.toLowerCase();
  const redundancy = /\bzrs\b/.test(text) ? 'ZRS' : 'LRS';
  const capacity = capacityIntent(text, redundancy);
  if (capacity) return capacity;
  if (/premium\s*ssd\s*v2|\bpv2\b|프리미엄\s*ssd\s*v2/.test(text))
    return provisioned('Azure Premium SSD v2', 'Premium LRS', text);
  if (/ultra\s*(?:ssd|disks?)|울트라\s*디스크/.test(text))
    return provisioned('Ultra Disks', 'Ultra LRS', text);
  if (/block\s*blobs?|블록\s*(?:blob|블롭)/.test(text)) {
    const tier = accessTier(text) ?? 'Hot';
    const blobRedundancy = storageRedundancy(text, redundancy);
    const productName = 'General Block Blob v2';
    const skuName = `${tier} ${blobRedundancy}`;
    const write = {
      kind: 'skuMeter' as const,
      productName,
      skuName,
      meterPattern: /write operations$/i,
      label: `${productName} · ${skuName} · Write Operations`,
    };
    const read = {
      kind: 'skuMeter' as const,
      productName,
      skuName,
      meterPattern: /read operations$/i,
      label: `${productName} · ${skuName} · Read Operations`,
    };
    if (/\bwrites?\b|쓰기/.test(text)) return write;
    if (/\breads?\b|읽기/.test(text)) return read;
    if (/operations?|transactions?|작업|트랜잭션/.test(text))
      return { kind: 'pickMeter', options: [write, read] };
    return null;
  }
  const diskWord = /\bdisks?\b|디스크|\bhdd\b|\bssd\b|managed/.test(text);
  if (!diskWord) return null;
  if (/transactions?|operations?|트랜잭션/.test(text)) {
    const family = /standard\s*hdd|표준\s*hdd|\bhdd\b/.test(text)
      ? 'Standard HDD Managed Disks'
      : /standard\s*ssd|표준\s*ssd/.test(text)
        ? 'Standard SSD Managed Disks'
        : null;
    if (family) {
      const meterName = `Disk Transactions ${redundancy} Disk Operations`;
      return { kind: 'meter', productName: family, meterName, label: `${family} · ${meterName}` };
    }
  }
  const tier = /(?<![\w-])([pes])(\d{1,2})(?![\w])/.exec(text);
  if (tier) {
    const name = `${tier[1].toUpperCase()}${tier[2]}`;
    const productName = DISK_PRODUCTS[tier[1]];
    const meterName = `${name} ${redundancy} Disk`;
    return { kind: 'meter', productName, meterName, label: `${productName} · ${meterName}` };
  }
  return { kind: 'needTier' };
}
