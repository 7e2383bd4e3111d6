import type { RAMClient, ResourceShare } from "@aws-sdk/client-ram";
import { loadRam } from "../../aws/load-sdk.js";
import { AwsStepError } from "../../errors/aws-step-error.js";
import type { Ownership } from "../../reconcile/ownership.js";
import type { Observation, Resource } from "../../reconcile/resource.js";

/** A share as read, with the entities associated with it (resources and principals). @internal */
export interface FoundShare {
  share: ResourceShare;
  resources: string[];
  principals: string[];
}

/** What {@link ramResourceShareResource} manages. @internal */
export interface RamResourceShareDesired {
  ram: () => Promise<RAMClient>;
  /** Share name (the natural key): `konnect-aws-<transitGatewayId>-<Kong's account>`, or a legacy `konnect-aws-<network>-<transitGatewayId>` found. */
  name: string;
  transitGatewayArn: string;
  /** Kong's AWS account: the provider account's `provider_account_id`. */
  principal: string;
  ownership: Ownership;
  /** Cost-allocation tags added to the ownership tag. */
  tags: Record<string, string>;
  /**
   * The share of that name as read before planning, with what it shares and with whom (without those in
   * a teardown, which checks no conflict and so does not read them).
   */
  found: FoundShare | { share: ResourceShare } | undefined;
  out: { arn?: string };
  signal: AbortSignal | undefined;
}

const step = async <T>(what: string, run: () => Promise<T>) => run().catch((e: unknown) => Promise.reject(new AwsStepError(what, e)));

/**
 * The AWS RAM resource share that gives Kong's AWS account the transit gateway (kind
 * `aws.ram-resource-share`, key its name), created with `allowExternalPrincipals` (Kong's account is
 * outside the user's organization) and tagged with the ownership tag. A share of that name that does
 * not share this transit gateway with Kong's account is a conflict, refused before any write.
 * @internal
 */
export function ramResourceShareResource(d: RamResourceShareDesired): Resource<ResourceShare> {
  const { key, value } = d.ownership.awsTag;
  return {
    kind: "aws.ram-resource-share",
    key: d.name,
    mark: `the ${key} tag`,
    field: "ramShareArn",
    async observe(): Promise<Observation<ResourceShare>> {
      const f = d.found;
      if (!f) return { exists: false, owned: false, diff: [{ path: "resourceArns", after: [d.transitGatewayArn] }, { path: "principals", after: [d.principal] }] };
      d.out.arn = f.share.resourceShareArn!;
      const o: Observation<ResourceShare> = { exists: true, id: f.share.resourceShareArn!, owned: (f.share.tags ?? []).some((t) => t.key === key && t.value === value), actual: f.share, diff: [] };
      if ("resources" in f && (!f.resources.includes(d.transitGatewayArn) || !f.principals.includes(d.principal))) {
        o.conflict = { field: "ramShareArn", problem: `RAM share ${d.name} does not share ${d.transitGatewayArn} with Kong's account ${d.principal}`, fix: "delete or fix that share, or pass ramShareArn of a share that does" };
      }
      return o;
    },
    async create() {
      const m = await loadRam();
      const client = await d.ram();
      const tags = Object.entries({ ...d.tags, [key]: value }).map(([k, v]) => ({ key: k, value: v }));
      const out = await step(`CreateResourceShare ${d.name}`, () =>
        client.send(new m.CreateResourceShareCommand({ name: d.name, resourceArns: [d.transitGatewayArn], principals: [d.principal], allowExternalPrincipals: true, tags, clientToken: crypto.randomUUID() }), { abortSignal: d.signal }),
      );
      d.out.arn = out.resourceShare!.resourceShareArn!;
      return d.out.arn;
    },
    // never called: observe reports conflicts, not fields to change
    update: async () => undefined,
    async delete(o) {
      const m = await loadRam();
      const client = await d.ram();
      await step(`DeleteResourceShare ${d.name}`, () => client.send(new m.DeleteResourceShareCommand({ resourceShareArn: o.id! }), { abortSignal: d.signal }));
    },
  };
}

/** Reads the share named `name`, or the share `arn` (owned by this account, not deleted), without its associations. @internal */
export async function findResourceShareOnly(client: RAMClient, by: { name?: string; arn?: string }, signal: AbortSignal | undefined): Promise<{ share: ResourceShare } | undefined> {
  const m = await loadRam();
  const { resourceShares = [] } = await step("GetResourceShares", () =>
    client.send(new m.GetResourceSharesCommand({ resourceOwner: "SELF", ...(by.name ? { name: by.name } : {}), ...(by.arn ? { resourceShareArns: [by.arn] } : {}) }), { abortSignal: signal }),
  );
  const share = resourceShares.find((s) => s.status === "ACTIVE" || s.status === "PENDING");
  return share ? { share } : undefined;
}

/**
 * Reads the share named `name`, or the share `arn` (owned by this account, not deleted), and its
 * associations. Given the ARN, the associations are read alongside the share (their filter is that ARN,
 * which the share's read would only repeat): one round trip instead of two; when no active share comes
 * back, their answers (or errors) are dropped and the result is `undefined` as before.
 * @internal
 */
export async function findResourceShare(client: RAMClient, by: { name?: string; arn?: string }, signal: AbortSignal | undefined): Promise<FoundShare | undefined> {
  const m = await loadRam();
  const associated = async (arn: string, associationType: "RESOURCE" | "PRINCIPAL") => {
    const { resourceShareAssociations = [] } = await step(`GetResourceShareAssociations ${associationType}`, () =>
      client.send(new m.GetResourceShareAssociationsCommand({ associationType, resourceShareArns: [arn] }), { abortSignal: signal }),
    );
    return resourceShareAssociations.filter((a) => a.status === "ASSOCIATED" || a.status === "ASSOCIATING").map((a) => a.associatedEntity!);
  };
  const both = (arn: string) => Promise.all([associated(arn, "RESOURCE"), associated(arn, "PRINCIPAL")]);
  const early = by.arn ? both(by.arn) : undefined;
  // awaited only when the share is there: a rejection of a read whose answer is dropped is no unhandled one
  early?.catch(() => undefined);
  const found = await findResourceShareOnly(client, by, signal);
  if (!found) return undefined;
  const { share } = found;
  // filtered by that ARN, the share read is that ARN's share: the early associations are its associations
  const [resources, principals] = await (early && share.resourceShareArn === by.arn ? early : both(share.resourceShareArn!));
  return { share, resources, principals };
}
