import { describe, expect, it } from "vitest";
import { configureCognitoJwt, ensureControlPlane, removeCognitoJwt, type RemoveCognitoJwtOptions } from "../../src/index.js";
import { useSandbox, writeOps } from "../use-sandbox.js";

const { sandbox, konnect } = useSandbox();
const POOL = "us-east-1_AbCdEf123";
const CONSUMER = `cognito-${POOL}`;
const ISSUER = `https://cognito-idp.us-east-1.amazonaws.com/${POOL}`;

async function setup(mode: "openid-connect" | "jwt"): Promise<RemoveCognitoJwtOptions & { controlPlaneId: string }> {
  const { controlPlane } = await ensureControlPlane({ konnect, name: "cognito-teardown" });
  sandbox.clearRequests();
  return { konnect, controlPlaneId: controlPlane.id!, userPoolId: POOL, mode };
}

const entities = (cpId: string) => sandbox.state.konnect.regions.us!.get(cpId)!.entities;
/** What a Cognito operation can touch: the control plane's consumers, jwt credentials and plugins. */
const state = (cpId: string) => JSON.stringify({ consumers: [...entities(cpId).consumers.values()], jwts: [...entities(cpId).jwts.values()], plugins: [...entities(cpId).plugins.values()] });

const ce = "/v2/control-planes/{controlPlaneId}/core-entities" as const;
/** Objects made by hand, without the ownership tag. */
async function handMade(cpId: string) {
  const params = { path: { controlPlaneId: cpId } };
  const { data: service } = await konnect.api.POST(`${ce}/services`, { params, body: { name: "billing", host: "billing.internal" } });
  const { data: consumer } = await konnect.api.POST(`${ce}/consumers`, { params, body: { username: "alice" } });
  await konnect.api.POST(`${ce}/consumers/{ConsumerIdForNestedEntities}/jwt`, { params: { path: { controlPlaneId: cpId, ConsumerIdForNestedEntities: consumer!.id! } }, body: { key: "alice-key" } });
  await konnect.api.POST(`${ce}/plugins`, { params, body: { name: "jwt", service: { id: service!.id! } } });
  return { service: service!, consumer: consumer! };
}

const plugin = (mode: "openid-connect" | "jwt") => ["konnect.plugin", `${mode}@control-plane`];

describe.each(["openid-connect", "jwt"] as const)("removeCognitoJwt (%s mode)", (mode) => {
  it("removes exactly what configureCognitoJwt created: apply then teardown gives back the starting state; twice, no write", async () => {
    const options = await setup(mode);
    await handMade(options.controlPlaneId);
    const before = state(options.controlPlaneId);
    const applied = await configureCognitoJwt(options);
    sandbox.clearRequests();
    const res = await removeCognitoJwt(options);
    const kids = (applied.credentials ?? []).map((c) => c.key);
    expect(res.changes.map((c) => [c.action, c.kind, c.key])).toEqual([
      ["delete", ...plugin(mode)],
      ...(mode === "jwt" ? [...kids.reverse().map((k) => ["delete", "konnect.jwt-credential", k]), ["delete", "konnect.consumer", CONSUMER]] : []),
    ]);
    expect(res.changes.map((c) => c.id)).toEqual([applied.plugin.id, ...(mode === "jwt" ? [...applied.credentials!.map((c) => c.id).reverse(), applied.consumer!.id] : [])]);
    expect(res.kept).toEqual([]);
    expect(state(options.controlPlaneId)).toBe(before);
    expect(writeOps(sandbox)).toHaveLength(res.changes.length);
    expect(writeOps(sandbox).every((w) => w.startsWith("DELETE "))).toBe(true);

    sandbox.clearRequests();
    const again = await removeCognitoJwt(options);
    expect(again).toEqual({ changes: [], kept: [] });
    expect(sandbox.writes()).toEqual([]);
  });

  it("leaves hand-made objects of the same kinds alone, listing those it would otherwise remove as kept", async () => {
    const options = await setup(mode);
    const cpId = options.controlPlaneId;
    await handMade(cpId);
    // the same plugin (and, in jwt mode, consumer and credential) as configureCognitoJwt makes, by hand
    const { data: theirPlugin } = await konnect.api.POST(`${ce}/plugins`, { params: { path: { controlPlaneId: cpId } }, body: mode === "jwt" ? { name: "jwt" } : { name: "openid-connect", config: { issuer: ISSUER } } });
    const { data: theirConsumer } = mode === "jwt" ? await konnect.api.POST(`${ce}/consumers`, { params: { path: { controlPlaneId: cpId } }, body: { username: CONSUMER } }) : { data: undefined };
    if (theirConsumer) await konnect.api.POST(`${ce}/consumers/{ConsumerIdForNestedEntities}/jwt`, { params: { path: { controlPlaneId: cpId, ConsumerIdForNestedEntities: theirConsumer.id! } }, body: { key: "their-key" } });
    const before = state(cpId);
    sandbox.clearRequests();

    const res = await removeCognitoJwt(options);
    expect(sandbox.writes()).toEqual([]);
    expect(state(cpId)).toBe(before);
    expect(res.changes).toEqual([]);
    expect(res.kept.map((k) => [k.kind, k.key, k.id])).toEqual([
      [...plugin(mode), theirPlugin!.id],
      ...(mode === "jwt" ? [["konnect.jwt-credential", "their-key", expect.any(String)], ["konnect.consumer", CONSUMER, theirConsumer!.id]] : []),
    ]);
    for (const k of res.kept) expect(k.reason).toBe('it lacks the "managed-by-konnect-aws" tag: konnect-aws did not create it');
  });

  it("a dry run writes nothing and lists the deletes it would make", async () => {
    const options = await setup(mode);
    await configureCognitoJwt(options);
    const before = state(options.controlPlaneId);
    sandbox.clearRequests();
    const events: string[] = [];
    const plan = await removeCognitoJwt({ ...options, dryRun: true, onEvent: (e) => events.push(`${e.type} ${e.action} ${e.kind}`) });
    expect(sandbox.writes()).toEqual([]);
    expect(state(options.controlPlaneId)).toBe(before);
    expect(plan.changes.map((c) => [c.action, c.kind])).toEqual([
      ["delete", "konnect.plugin"],
      ...(mode === "jwt" ? [["delete", "konnect.jwt-credential"], ["delete", "konnect.jwt-credential"], ["delete", "konnect.consumer"]] : []),
    ]);
    expect(plan.changes.every((c) => c.id)).toBe(true);
    expect(events.every((e) => e.startsWith("planned delete"))).toBe(true);
    // and the real run makes exactly those deletes
    const res = await removeCognitoJwt(options);
    expect(res.changes).toEqual(plan.changes);
  });
});

describe("removeCognitoJwt (jwt mode): what the consumer still holds", () => {
  it("keeps the consumer while it holds a credential or a plugin not ours, naming them, and deletes the rest", async () => {
    const options = await setup("jwt");
    const cpId = options.controlPlaneId;
    const applied = await configureCognitoJwt(options);
    const consumerId = applied.consumer!.id!;
    const nested = { params: { path: { controlPlaneId: cpId, ConsumerIdForNestedEntities: consumerId } } };
    const { data: theirs } = await konnect.api.POST(`${ce}/consumers/{ConsumerIdForNestedEntities}/jwt`, { ...nested, body: { key: "their-key" } });
    const { data: limit } = await konnect.api.POST(`${ce}/consumers/{ConsumerIdForNestedEntities}/plugins`, { ...nested, body: { name: "rate-limiting", config: { minute: 10 } } });
    sandbox.clearRequests();

    const res = await removeCognitoJwt(options);
    expect(res.changes.map((c) => `${c.kind} ${c.key}`)).toEqual(["konnect.plugin jwt@control-plane", ...applied.credentials!.map((c) => `konnect.jwt-credential ${c.key}`).reverse()]);
    expect(res.kept.map((k) => `${k.kind} ${k.key}`)).toEqual(["konnect.jwt-credential their-key", `konnect.consumer ${CONSUMER}`]);
    expect(res.kept[1]!.reason).toContain(`jwt credential their-key ${theirs!.id}`);
    expect(res.kept[1]!.reason).toContain(`plugin rate-limiting ${limit!.id}`);
    expect(entities(cpId).consumers.has(consumerId)).toBe(true);
    expect([...entities(cpId).jwts.values()].map((j) => j.key)).toEqual(["their-key"]);

    // once they are gone, the consumer goes too
    await konnect.api.DELETE(`${ce}/consumers/{ConsumerIdForNestedEntities}/jwt/{JWTId}`, { params: { path: { controlPlaneId: cpId, ConsumerIdForNestedEntities: consumerId, JWTId: theirs!.id! } } });
    await konnect.api.DELETE(`${ce}/plugins/{PluginId}`, { params: { path: { controlPlaneId: cpId, PluginId: limit!.id! } } });
    const rest = await removeCognitoJwt(options);
    expect(rest.changes.map((c) => `${c.kind} ${c.key}`)).toEqual([`konnect.consumer ${CONSUMER}`]);
    expect(rest.kept).toEqual([]);
  });

  it("also removes the credentials of keys Cognito has retired since the last apply (it reads no JWKS)", async () => {
    const options = await setup("jwt");
    const applied = await configureCognitoJwt(options);
    sandbox.cognito.rotateKey(POOL, 0);
    // the pool's JWKS may be unreachable by then: the teardown does not ask
    const res = await removeCognitoJwt({ ...options, fetch: () => Promise.reject(new Error("no network")) });
    expect(res.changes.filter((c) => c.kind === "konnect.jwt-credential").map((c) => c.key).sort()).toEqual(applied.credentials!.map((c) => c.key).sort());
    expect(entities(options.controlPlaneId).consumers.size).toBe(0);
  });

  it("refuses bad options before any request", async () => {
    const options = await setup("jwt");
    for (const bad of [{ userPoolId: "nope" }, { clientIds: ["abc"] }, { recoveryWindowInDays: 3 }]) {
      await expect(removeCognitoJwt({ ...options, ...bad })).rejects.toMatchObject({ name: "ConfigError" });
    }
    expect(sandbox.requests).toEqual([]);
  });
});
