/**
 * Azure RBAC roles and whether they qualify for PEC (azure-plan.md §6, Partner Center
 * `azure-roles-perms-pec.md`). These are Azure roles on customer resources, not Partner Center roles.
 * Rule of thumb from the docs: read-only roles never qualify. A role not in the table is "unknown":
 * never assumed eligible.
 */
export type RoleQualification = 'qualifying' | 'readOnly' | 'unknown';

export interface AzureRoleFacts {
  /** Canonical Azure role name as Azure writes it. */
  name: string;
  qualification: Exclude<RoleQualification, 'unknown'>;
}

export const PEC_ROLE_TABLE: readonly AzureRoleFacts[] = [
  { name: 'Owner', qualification: 'qualifying' },
  { name: 'Contributor', qualification: 'qualifying' },
  { name: 'User Access Administrator', qualification: 'qualifying' },
  { name: 'Virtual Machine Contributor', qualification: 'qualifying' },
  { name: 'Storage Account Contributor', qualification: 'qualifying' },
  { name: 'SQL DB Contributor', qualification: 'qualifying' },
  { name: 'Network Contributor', qualification: 'qualifying' },
  { name: 'Key Vault Contributor', qualification: 'qualifying' },
  { name: 'Log Analytics Contributor', qualification: 'qualifying' },
  { name: 'Monitoring Contributor', qualification: 'qualifying' },
  { name: 'Backup Contributor', qualification: 'qualifying' },
  { name: 'Backup Operator', qualification: 'qualifying' },
  { name: 'Cost Management Contributor', qualification: 'qualifying' },
  { name: 'Security Admin', qualification: 'qualifying' },
  { name: 'AcrPull', qualification: 'qualifying' },
  { name: 'Reader', qualification: 'readOnly' },
  { name: 'Log Analytics Reader', qualification: 'readOnly' },
  { name: 'Monitoring Reader', qualification: 'readOnly' },
  { name: 'Backup Reader', qualification: 'readOnly' },
  { name: 'Billing Reader', qualification: 'readOnly' },
  { name: 'Cost Management Reader', qualification: 'readOnly' },
  { name: 'Security Reader', qualification: 'readOnly' },
  { name: 'AcrQuarantineReader', qualification: 'readOnly' },
  { name: 'Cognitive Services User', qualification: 'readOnly' },
  { name: 'Storage Blob Data Reader', qualification: 'readOnly' },
];

/** Korean and informal names partners use for the common roles (Azure portal ko-KR wording). */
const ROLE_ALIASES: Readonly<Record<string, string>> = {
  owner: 'Owner',
  소유자: 'Owner',
  오너: 'Owner',
  contributor: 'Contributor',
  기여자: 'Contributor',
  reader: 'Reader',
  읽기: 'Reader',
  '읽기 권한자': 'Reader',
  읽기권한자: 'Reader',
  리더: 'Reader',
  'user access admin': 'User Access Administrator',
  '사용자 액세스 관리자': 'User Access Administrator',
  'billing reader': 'Billing Reader',
  '청구 읽기 권한자': 'Billing Reader',
};

function normalize(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/g, ' ');
}

const BY_NAME = new Map(PEC_ROLE_TABLE.map((role) => [normalize(role.name), role] as const));

export interface RoleAssessment {
  /** Canonical role name, or the text as given when the role is unknown. */
  role: string;
  qualification: RoleQualification;
}

/**
 * Classifies a role name. Anything ending in "Reader" (or "Viewer") is read-only by the docs' rule
 * of thumb even when it is not in the table; other unlisted roles stay unknown.
 */
export function assessRole(text: string): RoleAssessment {
  const key = normalize(text);
  const alias = ROLE_ALIASES[key];
  const known = BY_NAME.get(alias ? normalize(alias) : key);
  if (known) return { role: known.name, qualification: known.qualification };
  if (/\b(reader|viewer)$/.test(key) || /읽기/.test(key))
    return { role: text.trim(), qualification: 'readOnly' };
  return { role: text.trim(), qualification: 'unknown' };
}

/** Role words the question parser looks for, longest first so "Log Analytics Reader" beats "Reader". */
export function knownRoleWords(): string[] {
  return [...PEC_ROLE_TABLE.map((role) => role.name), ...Object.keys(ROLE_ALIASES)].sort(
    (a, b) => b.length - a.length,
  );
}

/**
 * The roles offered as answers when the bot asks which role the partner holds: the common
 * PEC-qualifying roles and the common read-only ones that never qualify (azure-plan.md §6). Any
 * other role can still be typed.
 */
export const PEC_ROLE_CHOICES: Readonly<Record<'qualifying' | 'readOnly', readonly string[]>> = {
  qualifying: ['Owner', 'Contributor', 'User Access Administrator', 'Virtual Machine Contributor'],
  readOnly: ['Reader', 'Billing Reader'],
};
