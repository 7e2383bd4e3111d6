/** A tiny path-template router (`/v2/control-planes/{controlPlaneId}`). @internal */
export interface Route<C> {
  method: string;
  template: string;
  regex: RegExp;
  names: string[];
  handle: (ctx: C, params: Record<string, string>) => Promise<Response> | Response;
}

/** @internal */
export function compileRoute<C>(method: string, template: string, handle: Route<C>["handle"]): Route<C> {
  const names: string[] = [];
  const pattern = template
    .split(/(\{[^}]+\})/)
    .map((part) => {
      const m = /^\{([^}]+)\}$/.exec(part);
      if (m) {
        names.push(m[1]!);
        return "([^/]+)";
      }
      return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    })
    .join("");
  return { method, template, regex: new RegExp(`^${pattern}/?$`), names, handle };
}

/** @internal */
export function matchRoute<C>(routes: Array<Route<C>>, method: string, pathname: string): { route: Route<C>; params: Record<string, string> } | { pathOnly: boolean } {
  let pathOnly = false;
  for (const route of routes) {
    const m = route.regex.exec(pathname);
    if (!m) continue;
    if (route.method !== method) {
      pathOnly = true;
      continue;
    }
    const params: Record<string, string> = {};
    route.names.forEach((n, i) => (params[n] = decodeURIComponent(m[i + 1]!)));
    return { route, params };
  }
  return { pathOnly };
}
