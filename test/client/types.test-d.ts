import { describe, expectTypeOf, it } from "vitest";
import { createKonnectClient, type KonnectSchemas, type PluginConfigs } from "../../src/index.js";

const konnect = createKonnectClient({ token: "kpat_x", env: {} });

describe("typed client", () => {
  it("types responses from the spec", async () => {
    const { data } = await konnect.api.GET("/v2/control-planes/{controlPlaneId}", { params: { path: { controlPlaneId: "id" } } });
    expectTypeOf(data).toEqualTypeOf<KonnectSchemas["ControlPlane"] | undefined>();
    expectTypeOf(data!.config.cluster_type).toEqualTypeOf<KonnectSchemas["ControlPlane"]["config"]["cluster_type"]>();
  });

  it("requires path parameters and checks bodies", () => {
    // @ts-expect-error controlPlaneId is required
    void konnect.api.GET("/v2/control-planes/{controlPlaneId}", { params: { path: {} } });
    // @ts-expect-error name must be a string
    void konnect.api.POST("/v2/control-planes", { body: { name: 42 } });
    // @ts-expect-error no such path
    void konnect.api.GET("/v2/nope");
  });

  it("types list items of the pagination helpers", async () => {
    for await (const vault of konnect.paginate("/v2/control-planes/{controlPlaneId}/core-entities/vaults", { params: { path: { controlPlaneId: "id" } } })) {
      expectTypeOf(vault.prefix).toEqualTypeOf<string>();
    }
    const planes = await konnect.collect("/v2/control-planes");
    expectTypeOf(planes).toEqualTypeOf<Array<KonnectSchemas["ControlPlane"]>>();
  });

  it("types plugin configs from Kong's schemas", () => {
    expectTypeOf<PluginConfigs["rate-limiting-advanced"]["strategy"]>().toEqualTypeOf<"cluster" | "local" | "redis" | undefined>();
    expectTypeOf<PluginConfigs["jwt"]["claims_to_verify"]>().toEqualTypeOf<Array<"exp" | "nbf"> | undefined>();
    expectTypeOf<PluginConfigs["rate-limiting-advanced"]["limit"]>().toEqualTypeOf<number[]>();
  });
});
