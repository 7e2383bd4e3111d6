import { http, HttpResponse, type HttpHandler } from "msw";
import type { SandboxClock } from "../clock.js";
import type { Random } from "../random.js";
import type { Serve } from "../serve.js";
import { rejectInvalidInput } from "./reject-invalid.js";

/** A resource share of the RAM fake. @internal */
export interface FakeResourceShare {
  arn: string;
  name: string;
  region: string;
  owningAccountId: string;
  allowExternalPrincipals: boolean;
  status: "ACTIVE" | "DELETED";
  tags: Array<{ key: string; value: string }>;
  resourceArns: string[];
  principals: string[];
  createdAt: number;
}

/**
 * The RAM fake's state: resource shares by ARN (each carries its region).
 *
 * @example
 * ```ts
 * const shares = [...sandbox.state.ram.shares.values()].filter((s) => s.status === "ACTIVE");
 * ```
 */
export interface RamState {
  shares: Map<string, FakeResourceShare>;
}

/** @internal */
export interface RamFakeOptions {
  state: () => RamState;
  random: Random;
  clock: SandboxClock;
  serve: Serve;
  accountId: string;
}

const OPERATIONS: Record<string, { op: string; method: string; write: boolean }> = {
  "/createresourceshare": { op: "CreateResourceShare", method: "POST", write: true },
  "/getresourceshares": { op: "GetResourceShares", method: "POST", write: false },
  "/getresourceshareassociations": { op: "GetResourceShareAssociations", method: "POST", write: false },
  "/deleteresourceshare": { op: "DeleteResourceShare", method: "DELETE", write: true },
};

/** RAM's REST-JSON error: the code in `x-amzn-ErrorType`, `{message}` in the body (ram.json httpError codes). */
function ramError(code: string, message: string, status = 400): Response {
  return HttpResponse.json({ message }, { status, headers: { "x-amzn-ErrorType": code, "x-amzn-RequestId": "00000000-0000-4000-8000-000000000000" } });
}

const epoch = (ms: number) => ms / 1000;

function shareJson(s: FakeResourceShare) {
  return { resourceShareArn: s.arn, name: s.name, owningAccountId: s.owningAccountId, allowExternalPrincipals: s.allowExternalPrincipals, status: s.status, tags: s.tags, creationTime: epoch(s.createdAt), lastUpdatedTime: epoch(s.createdAt), featureSet: "STANDARD" };
}

/** @internal */
export function ramHandlers(o: RamFakeOptions): HttpHandler[] {
  return [
    http.all(/^https:\/\/ram\.([a-z0-9-]+)\.amazonaws\.com\/[a-z]+/, async ({ request }) => {
      const url = new URL(request.url);
      const region = /^ram\.([a-z0-9-]+)\./.exec(url.hostname)![1]!;
      const spec = OPERATIONS[url.pathname];
      return o.serve("ram", request, { operation: spec?.op ?? `${request.method} ${url.pathname}`, write: spec?.write ?? request.method !== "GET" }, async () => {
        if (!request.headers.get("authorization")?.startsWith("AWS4-HMAC-SHA256")) return ramError("MissingAuthenticationTokenException", "Missing Authentication Token", 403);
        if (!spec || spec.method !== request.method) return ramError("UnknownOperationException", `Unknown operation ${request.method} ${url.pathname}`, 404);
        const rejected = await rejectInvalidInput("ram", spec.op, request);
        if (rejected) return rejected;
        const body = (request.method === "POST" ? await request.clone().json() : {}) as Record<string, unknown>;
        const shares = [...o.state().shares.values()].filter((s) => s.region === region && s.owningAccountId === o.accountId);
        switch (spec.op) {
          case "CreateResourceShare": {
            const name = String(body.name);
            const resourceArns = (body.resourceArns as string[] | undefined) ?? [];
            const principals = (body.principals as string[] | undefined) ?? [];
            for (const arn of [...resourceArns]) if (!/^arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:\d{12}:.+/.test(arn)) return ramError("MalformedArnException", `The format of ${arn} is not valid.`);
            for (const p of principals) if (!/^\d{12}$/.test(p) && !p.startsWith("arn:")) return ramError("InvalidParameterException", `Principal ${p} is not valid.`);
            const allowExternal = body.allowExternalPrincipals === undefined ? true : Boolean(body.allowExternalPrincipals);
            // an account outside the organization can only be a principal of a share that allows external principals
            if (!allowExternal && principals.some((p) => /^\d{12}$/.test(p))) return ramError("OperationNotPermittedException", "The resource share does not allow external principals.");
            const arn = `arn:aws:ram:${region}:${o.accountId}:resource-share/${o.random.uuid()}`;
            const share: FakeResourceShare = { arn, name, region, owningAccountId: o.accountId, allowExternalPrincipals: allowExternal, status: "ACTIVE", tags: (body.tags as FakeResourceShare["tags"]) ?? [], resourceArns, principals, createdAt: o.clock.now() };
            o.state().shares.set(arn, share);
            return HttpResponse.json({ resourceShare: shareJson(share), ...(body.clientToken ? { clientToken: body.clientToken } : {}) });
          }
          case "GetResourceShares": {
            if (body.resourceOwner !== "SELF") return HttpResponse.json({ resourceShares: [] });
            const arns = body.resourceShareArns as string[] | undefined;
            const tagFilters = (body.tagFilters as Array<{ tagKey?: string; tagValues?: string[] }> | undefined) ?? [];
            const list = shares.filter(
              (s) =>
                (!arns || arns.includes(s.arn)) &&
                (body.name === undefined || s.name === body.name) &&
                (body.resourceShareStatus === undefined ? s.status !== "DELETED" : s.status === body.resourceShareStatus) &&
                tagFilters.every((f) => s.tags.some((t) => t.key === f.tagKey && (!f.tagValues?.length || f.tagValues.includes(t.value)))),
            );
            if (arns) for (const arn of arns) if (!shares.some((s) => s.arn === arn)) return ramError("UnknownResourceException", `ResourceShare ${arn} could not be found.`);
            return HttpResponse.json({ resourceShares: list.map(shareJson) });
          }
          case "GetResourceShareAssociations": {
            const type = body.associationType as "PRINCIPAL" | "RESOURCE";
            const arns = body.resourceShareArns as string[] | undefined;
            if (arns) for (const arn of arns) if (!shares.some((s) => s.arn === arn)) return ramError("UnknownResourceException", `ResourceShare ${arn} could not be found.`);
            const out = shares
              .filter((s) => s.status === "ACTIVE" && (!arns || arns.includes(s.arn)))
              .flatMap((s) =>
                (type === "PRINCIPAL" ? s.principals : s.resourceArns).map((entity) => ({
                  resourceShareArn: s.arn,
                  resourceShareName: s.name,
                  associatedEntity: entity,
                  associationType: type,
                  status: "ASSOCIATED",
                  creationTime: epoch(s.createdAt),
                  lastUpdatedTime: epoch(s.createdAt),
                  external: type === "PRINCIPAL" && /^\d{12}$/.test(entity) && entity !== o.accountId,
                })),
              )
              .filter((a) => (body.principal === undefined || a.associatedEntity === body.principal) && (body.resourceArn === undefined || a.associatedEntity === body.resourceArn));
            return HttpResponse.json({ resourceShareAssociations: out });
          }
          case "DeleteResourceShare": {
            const arn = url.searchParams.get("resourceShareArn")!;
            const share = shares.find((s) => s.arn === arn);
            if (!share) return ramError("UnknownResourceException", `ResourceShare ${arn} could not be found.`);
            if (share.status === "DELETED") return ramError("InvalidStateTransitionException", `ResourceShare ${arn} is already deleted.`);
            share.status = "DELETED";
            return HttpResponse.json({ returnValue: true, ...(url.searchParams.get("clientToken") ? { clientToken: url.searchParams.get("clientToken") } : {}) });
          }
        }
        return ramError("UnknownOperationException", spec.op, 404);
      });
    }),
  ];
}
