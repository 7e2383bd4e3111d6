import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { CORE_ENTITY_PAGE_SIZE, KonnectError, PLATFORM_PAGE_SIZE } from "../../src/index.js";
import { testClient } from "../helpers.js";
import { server } from "../setup.js";

const cp = "6d4b5a70-2f52-4b8b-9a49-1bd5f3e2f3a1";
const VAULTS = `https://us.api.konghq.com/v2/control-planes/${cp}/core-entities/vaults`;
const vault = (i: number) => ({ id: `v${i}`, name: "env", prefix: `p${i}`, tags: ["t"], created_at: 1, updated_at: 1 });

describe("pagination", () => {
  it("walks core-entity pages by offset with the largest size, re-sending filters", async () => {
    const queries: URLSearchParams[] = [];
    server.use(
      http.get(VAULTS, ({ request }) => {
        const q = new URL(request.url).searchParams;
        queries.push(q);
        if (!q.get("offset")) return HttpResponse.json({ data: [vault(1), vault(2)], next: "/next", offset: "o1" });
        if (q.get("offset") === "o1") return HttpResponse.json({ data: [vault(3)], next: null });
        return HttpResponse.json({ data: [] });
      }),
    );
    const { konnect } = testClient();
    const all = await konnect.collect("/v2/control-planes/{controlPlaneId}/core-entities/vaults", {
      params: { path: { controlPlaneId: cp }, query: { tags: "managed-by-konnect-aws" } },
    });
    expect(all.map((v) => v.prefix)).toEqual(["p1", "p2", "p3"]);
    expect(queries).toHaveLength(2);
    for (const q of queries) {
      expect(q.get("size")).toBe(String(CORE_ENTITY_PAGE_SIZE));
      expect(q.get("tags")).toBe("managed-by-konnect-aws");
    }
  });

  it("walks platform pages by number until meta.page.total", async () => {
    const pages: string[] = [];
    server.use(
      http.get("https://us.api.konghq.com/v2/control-planes", ({ request }) => {
        const q = new URL(request.url).searchParams;
        pages.push(`${q.get("page[number]")}/${q.get("page[size]")}`);
        const n = Number(q.get("page[number]"));
        const data = n === 1 ? [{ id: "a", name: "a" }, { id: "b", name: "b" }] : n === 2 ? [{ id: "c", name: "c" }] : [];
        return HttpResponse.json({ data, meta: { page: { number: n, size: 2, total: 3 } } });
      }),
    );
    const { konnect } = testClient();
    const names: string[] = [];
    for await (const plane of konnect.paginate("/v2/control-planes")) names.push(plane.name);
    expect(names).toEqual(["a", "b", "c"]);
    expect(pages).toEqual([`1/${PLATFORM_PAGE_SIZE}`, `2/${PLATFORM_PAGE_SIZE}`]);
  });

  it("findOne returns the match, undefined for none, and fails loudly on ambiguity", async () => {
    server.use(http.get(VAULTS, () => HttpResponse.json({ data: [vault(1), vault(2), { ...vault(3), prefix: "p1" }], next: null })));
    const { konnect } = testClient();
    const params = { path: { controlPlaneId: cp } };
    const path = "/v2/control-planes/{controlPlaneId}/core-entities/vaults" as const;
    expect((await konnect.findOne(path, { params, where: (v) => v.prefix === "p2" }))?.id).toBe("v2");
    expect(await konnect.findOne(path, { params, where: (v) => v.prefix === "nope" })).toBeUndefined();
    await expect(konnect.findOne(path, { params, where: (v) => v.prefix === "p1" })).rejects.toBeInstanceOf(KonnectError);
  });
});
