#!/usr/bin/env node
// The konnect-aws command. Today: `check-token` and `--version`; the deployment commands
// (plan / apply / destroy / doctor) arrive with the deployment layer.
import { createKonnectClient } from "../konnect/create-konnect-client.js";
import { isKonnectError } from "../errors/guards.js";
import { VERSION } from "../version.js";
import type { KonnectRegion } from "../konnect/regions.js";

const USAGE = `usage: konnect-aws <command> [--region us|eu|au|me|in|sg]

commands:
  check-token   verify KONNECT_TOKEN against Konnect and print the organization
  --version     print the version`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === "--version" || command === "-v") {
    console.log(VERSION);
    return 0;
  }
  if (command === "check-token") {
    const i = rest.indexOf("--region");
    const region = (i >= 0 ? rest[i + 1] : undefined) as KonnectRegion | undefined;
    const konnect = createKonnectClient({ region });
    const org = await konnect.checkToken();
    console.log(`token ok: organization ${org.name ?? "?"} (${org.id ?? "?"}), region ${konnect.region}`);
    return 0;
  }
  console.error(USAGE);
  return command === undefined || command === "--help" || command === "-h" ? 0 : 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(isKonnectError(error) ? `${error.name}: ${error.message}` : error);
    process.exit(1);
  },
);
