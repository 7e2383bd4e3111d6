/**
 * Serializes query parameters the way Konnect reads them. openapi-fetch's default serializer stops at one
 * level of `deepObject`, but the platform filters nest two levels (`filter[name][eq]=prod`,
 * `filter[owner.control_plane_id][eq]=...`, konnect-api-notes §1.5). Arrays become comma-separated lists.
 * @internal
 */
export function serializeQuery(query: Record<string, unknown>): string {
  const parts: string[] = [];
  const add = (key: string, value: unknown) => {
    if (value === undefined || value === null) return;
    if (Array.isArray(value)) {
      parts.push(`${key}=${value.map((v) => encodeURIComponent(String(v))).join(",")}`);
    } else if (typeof value === "object") {
      for (const [k, v] of Object.entries(value)) add(`${key}[${k}]`, v);
    } else {
      parts.push(`${key}=${encodeURIComponent(String(value))}`);
    }
  };
  for (const [k, v] of Object.entries(query)) add(k, v);
  return parts.join("&");
}
