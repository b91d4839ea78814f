/**
 * Whether a published command already matches the one we would publish. Discord echoes
 * definitions back with extra fields (ids, versions, defaults) and leaves out fields at
 * their default (`required: false`, empty lists), so this compares only what we send
 * and treats a missing field as equal to a default value.
 */
export function sameDefinition(ours: unknown, theirs: unknown): boolean {
  if (Array.isArray(ours)) {
    return (
      Array.isArray(theirs) && ours.length === theirs.length && ours.every((item, i) => sameDefinition(item, theirs[i]))
    );
  }
  if (ours !== null && typeof ours === 'object') {
    if (theirs === null || typeof theirs !== 'object') return false;
    const other = theirs as Record<string, unknown>;
    return Object.entries(ours).every(([key, value]) =>
      key in other ? sameDefinition(value, other[key]) : isDefault(value),
    );
  }
  return ours === theirs;
}

function isDefault(value: unknown): boolean {
  return value === false || value === null || value === undefined || (Array.isArray(value) && value.length === 0);
}
