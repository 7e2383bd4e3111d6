import { discoverRedis, type DiscoveredRedis } from "../aws/elasticache.js";
import { loadElastiCache } from "../aws/load-sdk.js";
import { ConfigError } from "../errors/config-error.js";
import type { KonnectSchemas } from "../konnect/types.js";
import { DEFAULT_OWNERSHIP, type Ownership } from "../reconcile/ownership.js";
import type { Resource } from "../reconcile/resource.js";
import { partialResource } from "../resources/konnect/partial.js";
import { pluginResource } from "../resources/konnect/plugin.js";
import type { AttachElastiCacheRateLimitOptions, RateLimitPluginName } from "./attach-elasticache-rate-limit.js";
import { declareVaultResources, referencePrefix, validateVaultOptions, type EnableAwsVaultOptions } from "./enable-aws-vault.js";
import { resolveScope, resolveTeardownScope, sameScope, type ResolvedScope } from "../resources/konnect/scope.js";
import type { TeardownOptions } from "./teardown-options.js";
import { vaultReference } from "./vault-reference.js";
import { listVaults } from "../resources/konnect/vault.js";
import { listPartials } from "../resources/konnect/partial.js";
import { listScopePlugins } from "../resources/konnect/plugin.js";
import { RL_PLUGINS } from "./rate-limit-config.js";

type Json = Record<string, unknown>;
type Plugin = KonnectSchemas["Plugin"];
type Partial_ = KonnectSchemas["Partial"];
type Options = AttachElastiCacheRateLimitOptions & TeardownOptions;

/** What the reads before any write tell, the same for the apply and its teardown. @internal */
export interface RateLimitState {
  scope: ResolvedScope;
  /** False when a scope entity is gone (teardown only): Kong deleted its plugins with it. */
  scopeExists: boolean;
  /** The rate-limiting plugins of the scope (both names, for the conflict check) and (with `partial`) the partials, read once. */
  plugins: Plugin[];
  partials: Partial_[];
  /** The replication group (apply only: a teardown needs no discovery). */
  discovered: DiscoveredRedis | undefined;
  /** Region of the password secret; undefined without a password, or in a teardown that finds nothing to tell it. */
  region: string | undefined;
}

/** The names the operation derives from its options: the same in the apply and the teardown. @internal */
export function rateLimitNames(o: Options, plugin: RateLimitPluginName, region: string | undefined) {
  const r = o.redis;
  const partialName = o.partial ? (typeof o.partial === "object" ? o.partial.name : `konnect-aws-redis-${r.replicationGroupId ?? r.host}`) : undefined;
  const secretName = o.passwordSecretName ?? `konnect-aws/redis/${r.replicationGroupId ?? r.host}`;
  const vaultPrefix = o.vaultPrefix ?? `aws-sm-${region}`;
  // known before anything is written (it depends only on the prefix and the name), so every ownership
  // and conflict check runs before the first write, the vault's included
  const passwordReference = r.password !== undefined && region !== undefined ? vaultReference({ prefix: referencePrefix(o, vaultPrefix), name: secretName }) : undefined;
  return { partialName, partialType: plugin === "rate-limiting" ? ("redis-ce" as const) : ("redis-ee" as const), secretName, vaultPrefix, passwordReference };
}

/**
 * The reads before any write, in parallel: the replication group (apply), the scope, the plugins, the
 * partials (with `partial`) and, for a password without a region, the vaults, whose one managed AWS vault
 * tells the region. In a teardown a gone scope entity or a gone vault is not an error.
 * @internal
 */
export async function readRateLimitState(o: Options, mode: "apply" | "teardown"): Promise<RateLimitState> {
  const { konnect, controlPlaneId, signal } = o;
  const r = o.redis;
  const ecRegion = r.region ?? o.awsRegion;
  if (r.replicationGroupId && !ecRegion) throw new ConfigError({ field: "redis.region", problem: "discovery needs the replication group's region", fix: "set redis.region or awsRegion" });
  const [discovered, scope, plugins, partials, vaults] = await Promise.all([
    mode === "apply" && r.replicationGroupId ? (async () => discoverRedis(o.elastiCache ?? new (await loadElastiCache()).ElastiCacheClient({ region: ecRegion! }), r.replicationGroupId!, ecRegion!, signal))() : undefined,
    mode === "apply" ? resolveScope(konnect, controlPlaneId, o.scope, signal).then((s) => ({ scope: s, exists: true })) : resolveTeardownScope(konnect, controlPlaneId, o.scope, signal),
    // both rate-limiting plugins of the scope, not the whole control plane (listScopePlugins)
    listScopePlugins(konnect, controlPlaneId, RL_PLUGINS, o.scope, signal),
    o.partial ? listPartials(konnect, controlPlaneId, signal) : [],
    r.password !== undefined && !o.awsRegion && !r.replicationGroupId ? listVaults(konnect, controlPlaneId, signal) : [],
  ]);
  // the region of the password secret: given, or the group's, or the one managed AWS vault's
  const ownership: Ownership = { ...DEFAULT_OWNERSHIP, ...o.ownership };
  const managedAws = vaults.filter((v) => v.name === "aws" && (v.tags ?? []).includes(ownership.konnectTag));
  const region = o.awsRegion ?? (r.replicationGroupId ? ecRegion : managedAws.length === 1 ? String((managedAws[0]!.config as Json | null)?.region ?? "") || undefined : undefined);
  // a teardown that finds no managed AWS vault has none to delete, and no region to look for the secret in
  if (r.password !== undefined && !region && !(mode === "teardown" && managedAws.length === 0)) {
    throw new ConfigError({ field: "awsRegion", problem: "cannot tell which region's Secrets Manager should hold the Redis password", fix: "set awsRegion (or use redis.replicationGroupId, whose region is used)" });
  }
  return { scope: scope.scope, scopeExists: scope.exists, plugins, partials, discovered, region: r.password !== undefined ? region : undefined };
}

/**
 * The region of the password secret when the options alone tell it (`awsRegion`, or the replication
 * group's `redis.region`): then the vault and the secret can be declared, and read, before the other
 * reads. The same value {@link readRateLimitState} finds in that case.
 * @internal
 */
export function knownPasswordRegion(o: Options): string | undefined {
  if (o.redis.password === undefined) return undefined;
  return o.awsRegion ?? (o.redis.replicationGroupId ? o.redis.region : undefined);
}

/**
 * The vault and the password secret (with a password and its region), declared as enableAwsVault
 * declares them.
 * @internal
 */
export function declareRateLimitVaultSide(o: Options, plugin: RateLimitPluginName, region: string | undefined, mode: "apply" | "teardown"): Resource[] {
  const { konnect, controlPlaneId, signal } = o;
  const names = rateLimitNames(o, plugin, region);
  const vaultSide: Resource[] = [];
  if (o.redis.password !== undefined && region !== undefined) {
    // the options enableAwsVault would get for the password: checked the same way, declared the same way
    const vaultOptions: EnableAwsVaultOptions & TeardownOptions = {
      konnect,
      controlPlaneId,
      region,
      prefix: names.vaultPrefix,
      secrets: { [names.secretName]: o.redis.password },
      secretsManager: o.secretsManager,
      referenceForm: o.referenceForm,
      dryRun: o.dryRun,
      adopt: o.adopt,
      ownership: o.ownership,
      signal,
      recoveryWindowInDays: o.recoveryWindowInDays,
      forceDeleteWithoutRecovery: o.forceDeleteWithoutRecovery,
    };
    const { prefix, secrets } = validateVaultOptions(vaultOptions);
    const { vault, secretResources } = declareVaultResources(vaultOptions, prefix, secrets, mode);
    vaultSide.push(vault, ...(mode === "teardown" && o.keepSecrets ? [] : secretResources));
  }
  return vaultSide;
}

/**
 * The resources of the rate limiting: the vault and the password secret (with a password), the partial
 * (with `partial`) and the plugin, the plugin after the partial and both after the vault and the secret
 * they reference (so a teardown deletes them the other way round). `desired` is the apply's config; a
 * teardown compares nothing and passes none. Plugins and partials come from the reads (`find`).
 * `early` is the vault side declared (and being read) before the reads, for the region it was declared with.
 * @internal
 */
export function declareRateLimitResources(o: Options, plugin: RateLimitPluginName, state: RateLimitState, desired: { plugin: Json; redis: Json } | undefined, mode: "apply" | "teardown", early?: { region: string; resources: Resource[] }) {
  const { konnect, controlPlaneId, signal } = o;
  const ownership: Ownership = { ...DEFAULT_OWNERSHIP, ...o.ownership };
  const names = rateLimitNames(o, plugin, state.region);
  const vaultSide = early && early.region === state.region ? early.resources : declareRateLimitVaultSide(o, plugin, state.region, mode);
  const partialOut: { id?: string | undefined } = {};
  const existingPartial = names.partialName ? state.partials.find((p) => p.name === names.partialName) : undefined;
  const partial = names.partialName
    ? Object.assign(
        partialResource({ konnect, controlPlaneId, name: names.partialName, type: names.partialType, config: desired?.redis ?? {}, ownership, signal, find: async () => existingPartial, out: partialOut }),
        { dependsOn: vaultSide },
      )
    : undefined;
  const pluginOut: { plugin?: Plugin } = {};
  const existing = state.scopeExists ? state.plugins.find((p) => p.name === plugin && sameScope(p as Json, state.scope)) : undefined;
  const pluginRes = Object.assign(
    pluginResource({
      konnect,
      controlPlaneId,
      name: plugin,
      instanceName: o.instanceName,
      scope: state.scope,
      config: desired?.plugin ?? {},
      ...(partial ? { partials: () => [{ id: partialOut.id!, path: "config.redis" }], partialsPreview: [{ id: existingPartial?.id ?? "(pending)", path: "config.redis" }] } : {}),
      find: async () => existing,
      ownership,
      signal,
      out: pluginOut,
    }),
    { dependsOn: [...vaultSide, ...(partial ? [partial] : [])] },
  );
  return { resources: [...vaultSide, ...(partial ? [partial] : []), pluginRes], names, pluginOut, partialOut };
}
