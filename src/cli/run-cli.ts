import { Command, CommanderError } from "commander";
import { runDoctor } from "../doctor/run-doctor.js";
import { createKonnectClient, type KonnectClient } from "../konnect/create-konnect-client.js";
import type { KonnectRegion } from "../konnect/regions.js";
import type { OperationEvent } from "../reconcile/executor.js";
import { VERSION } from "../version.js";
import { deploymentApi as builtInApi, type DeploymentApi, type DeploymentResult } from "./deployment-api.js";
import { doctorInputsFromConfig, doctorOptionsFromFlags, type DoctorFlags } from "./doctor-options.js";
import { CliError, formatError } from "./format-error.js";
import { renderDoctor } from "./render-doctor.js";
import { renderPlan } from "./render-plan.js";
import { seedDoctorScenario, startSandboxSession, type SandboxSession } from "./sandbox-session.js";
import { createStyle, type Style } from "./style.js";

/** What the CLI reads and writes: the process's, or a test's. @internal */
export interface CliIo {
  stdout: { write(s: string): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown; isTTY?: boolean };
  stdin: { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  /** Asks a yes/no question on the terminal. */
  confirm(question: string): Promise<boolean>;
  /** Cancels the run (Ctrl-C). */
  signal: AbortSignal;
}

interface GlobalFlags {
  file?: string;
  varFile: string[];
  json?: boolean;
  sandbox?: boolean;
  debug?: boolean;
  color: boolean;
}

const collect = (value: string, previous: string[]) => [...previous, value];

/** Exit codes: 0 success (no changes), 1 error, 2 changes present (plan --detailed-exitcode), 130 cancelled. */
export const EXIT = { ok: 0, error: 1, changes: 2, cancelled: 130 } as const;

/**
 * Runs the `konnect-aws` command line and returns its exit code (never calls process.exit).
 * @internal
 */
export async function runCli(argv: string[], io: CliIo, api: DeploymentApi | undefined = builtInApi): Promise<number> {
  let exitCode: number = EXIT.ok;
  let debug = argv.includes("--debug");
  // secrets read from a configuration: scrubbed from any error output
  let knownSecrets: string[] = [];
  const program = new Command("konnect-aws");
  program
    .description("Deploy Kong Konnect together with AWS: plan, apply, destroy, and check a deployment (doctor).")
    .version(VERSION, "-v, --version", "print the version")
    .option("-f, --file <path>", "configuration file (konnect-aws.yaml)")
    .option("--var-file <path>", "Terraform variables file (terraform.tfvars); repeatable", collect, [] as string[])
    .option("--json", "machine-readable output on stdout")
    .option("--sandbox", "run against the embedded sandbox: in-memory Konnect and AWS, no account, no network")
    .option("--debug", "on error, print the full cause chain")
    .option("--no-color", "no colours (also when NO_COLOR is set or output is not a terminal)")
    .showHelpAfterError("(run konnect-aws --help for usage)")
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s), outputError: (s, write) => write(s) });

  const globals = (cmd: Command) => {
    const g = cmd.optsWithGlobals<GlobalFlags & Record<string, unknown>>();
    debug = !!g.debug;
    return g;
  };
  const styleFor = (g: GlobalFlags, stream: { isTTY?: boolean }) => createStyle({ color: g.color, isTTY: !!stream.isTTY, env: io.env });

  program
    .command("plan")
    .description("show what apply would change, grouped by service (Terraform-like)")
    .option("--detailed-exitcode", "exit 0 when there are no changes, 2 when there are, 1 on error")
    .action(async (flags: { detailedExitcode?: boolean }, cmd: Command) => {
      const g = globals(cmd);
      const { result } = await withDeployment(api, g, io, (d, config, clients) => d.plan(config, { signal: io.signal, ...clients }));
      const pending = result.changes.filter((c) => c.action !== "noop").length;
      if (g.json) io.stdout.write(JSON.stringify({ changes: result.changes, summary: result.summary }, null, 2) + "\n");
      else io.stdout.write(renderPlan(result.changes, styleFor(g, io.stdout)) + "\n");
      exitCode = flags.detailedExitcode && pending > 0 ? EXIT.changes : EXIT.ok;
    });

  for (const verb of ["apply", "destroy"] as const) {
    program
      .command(verb)
      .description(verb === "apply" ? "show the plan, ask, then apply it with live progress" : "show what would be removed (and what is kept: not ours), ask, then remove it")
      .option("--auto-approve", "do not ask for confirmation (CI); without it, a non-terminal stdin is refused")
      .action(async (flags: { autoApprove?: boolean }, cmd: Command) => {
        const g = globals(cmd);
        const style = styleFor(g, io.stderr);
        exitCode = await withDeployment(api, g, io, async (d, config, clients) => {
          const call = verb === "apply" ? d.deploy.bind(d) : d.destroy.bind(d);
          const plan = await call(config, { dryRun: true, signal: io.signal, ...clients });
          const pending = plan.changes.filter((c) => c.action !== "noop").length;
          if (!g.json) io.stderr.write(renderPlan(plan.changes, style, { ...(plan.kept ? { kept: plan.kept } : {}) }) + "\n");
          if (pending === 0) {
            if (g.json) io.stdout.write(JSON.stringify({ changes: plan.changes, summary: plan.summary }, null, 2) + "\n");
            return EXIT.ok;
          }
          if (!flags.autoApprove) {
            if (!io.stdin.isTTY) throw new CliError(`refusing to ${verb} without confirmation: stdin is not a terminal. Pass --auto-approve to ${verb} unattended (CI).`);
            if (!(await io.confirm(`Do you want to ${verb} these ${pending} change(s)? Only 'yes' will be accepted: `))) {
              io.stderr.write(`${verb} cancelled: nothing was changed.\n`);
              return EXIT.error;
            }
          }
          const progress = createProgress(io.stderr, style);
          try {
            const done = await call(config, { signal: io.signal, onEvent: progress.onEvent, ...clients });
            progress.stop();
            if (g.json) io.stdout.write(JSON.stringify({ changes: done.changes, summary: done.summary }, null, 2) + "\n");
            else io.stderr.write(`${verb === "apply" ? "Apply" : "Destroy"} complete: ${summaryText(done)}.\n`);
            return EXIT.ok;
          } catch (e) {
            progress.stop();
            if (io.signal.aborted) {
              const written = (e as { changes?: DeploymentResult["changes"] }).changes ?? [];
              io.stderr.write(`Cancelled: ${written.length} change(s) were written before the stop${written.length ? `: ${written.map((c) => `${c.action} ${c.kind} ${c.key}`).join(", ")}` : ""}. Run ${verb} again to resume.\n`);
              return EXIT.cancelled;
            }
            throw e;
          }
        }).then((r) => r.result);
      });
  }

  program
    .command("doctor")
    .description("check a deployment: Konnect, Secrets Manager and vault references, ElastiCache, Lambda, PostgreSQL, DNS")
    .option("--control-plane <id>", "control plane id")
    .option("--konnect-region <region>", "Konnect region (us, eu, au, me, in, sg); default KONNECT_REGION or us")
    .option("--aws-region <region>", "AWS region; default AWS_REGION")
    .option("--secret <name[:key,key]>", "a secret the data planes read, with the JSON keys they need; repeatable", collect, [] as string[])
    .option("--data-plane-role <arn>", "simulate secret reads for this IAM role (IAM SimulatePrincipalPolicy)")
    .option("--lambda-function <name>", "the aws-lambda plugin's function")
    .option("--invoker-role <arn>", "simulate lambda:InvokeFunction for this IAM role")
    .option("--redis <host[:port]>", "ElastiCache endpoint (password from REDIS_AUTH)")
    .option("--postgres <user@host[:port][/db]>", "RDS/PostgreSQL endpoint (password from PGPASSWORD, CA bundle from PGSSLROOTCERT)")
    .option("--domain <name>", "custom domain to resolve and whose certificate to check")
    .option("--expected-target <name>", "what the custom domain must resolve to")
    .action(async (flags: DoctorFlags & { konnectRegion?: string }, cmd: Command) => {
      const g = globals(cmd);
      let merged: DoctorFlags = { ...flags };
      let fromConfig: ReturnType<typeof doctorInputsFromConfig> | undefined;
      const source = g.file ?? g.varFile[0];
      if (source) {
        if (!api) throw new CliError("doctor -f/--var-file reads the configuration with loadConfig, which is not available in this build (the deployment layer is not part of it yet). Pass the doctor's flags instead (konnect-aws doctor --help).");
        fromConfig = doctorInputsFromConfig(await api.loadConfig(source), flags);
        knownSecrets = fromConfig.secrets;
        merged = fromConfig.flags;
      }
      let session: SandboxSession | undefined;
      try {
        let konnect: KonnectClient | undefined;
        let credentials: SandboxSession["credentials"] | undefined;
        if (g.sandbox) {
          session = await startSandboxSession();
          konnect = session.konnect;
          credentials = session.credentials;
          const scenario = await seedDoctorScenario(session);
          merged.controlPlane ??= scenario.controlPlaneId;
          merged.awsRegion ??= session.region;
          if (!flags.secret?.length) merged.secret = [`${scenario.secretName}:${scenario.secretKeys.join(",")}`];
          merged.lambdaFunction ??= scenario.lambdaFunction;
          merged.dataPlaneRole ??= scenario.dataPlaneRoleArn;
          merged.invokerRole ??= scenario.dataPlaneRoleArn;
        } else if (fromConfig?.konnect.token || io.env.KONNECT_TOKEN) {
          const k = fromConfig?.konnect ?? {};
          konnect = createKonnectClient({ region: (flags.konnectRegion ?? k.region ?? io.env.KONNECT_REGION ?? "us") as KonnectRegion, ...(k.token ? { token: k.token } : {}), ...(k.serverUrl ? { serverUrl: k.serverUrl } : {}), env: io.env });
        }
        // a configuration names its control plane: its id is looked up (nothing to check when it is not there yet)
        if (!merged.controlPlane && fromConfig?.controlPlaneName && konnect) {
          const name = fromConfig.controlPlaneName;
          const found = await konnect.findOne("/v2/control-planes", { params: { query: { filter: { name: { eq: name } } } }, where: (cp) => cp.name === name, signal: io.signal });
          if (found?.id) merged.controlPlane = found.id;
        }
        const passwords = { ...(fromConfig?.redisPassword ? { redis: fromConfig.redisPassword } : {}), ...(fromConfig?.postgresPassword ? { postgres: fromConfig.postgresPassword } : {}) };
        const options = await doctorOptionsFromFlags(merged, konnect, io.env, { ...(credentials ? { credentials } : {}), passwords });
        const result = await runDoctor({ ...options, signal: io.signal });
        if (g.json) io.stdout.write(JSON.stringify(result, null, 2) + "\n");
        else io.stdout.write(renderDoctor(result, styleFor(g, io.stdout)) + "\n");
        exitCode = result.ok ? EXIT.ok : EXIT.error;
      } finally {
        session?.stop();
      }
    });

  try {
    await program.parseAsync(argv, { from: "user" });
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode;
    io.stderr.write(formatError(e, { debug, secrets: knownSecrets }) + "\n");
    if (io.signal.aborted) return EXIT.cancelled;
    return e instanceof CliError ? e.exitCode : EXIT.error;
  }
}

const summaryText = (r: DeploymentResult) => `${r.summary.create ?? 0} added, ${r.summary.update ?? 0} changed, ${r.summary.delete ?? 0} destroyed`;

/** Loads the configuration and the sandbox if asked, then runs `body`; refuses when there is no deployment layer. */
async function withDeployment<T>(api: DeploymentApi | undefined, g: GlobalFlags, io: CliIo, body: (api: DeploymentApi, config: Record<string, unknown>, clients: { clients?: Record<string, unknown> }) => Promise<T>): Promise<{ result: T }> {
  if (!api) throw new CliError("plan, apply and destroy are not available in this build: the deployment layer (loadConfig, plan, deploy, destroy) is not part of it yet. `konnect-aws doctor` works.");
  const source = g.file ?? g.varFile[0];
  if (!source) throw new CliError("no configuration: pass -f konnect-aws.yaml or --var-file terraform.tfvars.");
  let session: SandboxSession | undefined;
  try {
    const config = await api.loadConfig(source);
    if (g.sandbox) session = await startSandboxSession();
    const clients = session ? { clients: { konnect: session.konnect, credentials: session.credentials } } : {};
    io.signal.throwIfAborted();
    return { result: await body(api, config, clients) };
  } finally {
    session?.stop();
  }
}

const SPINNER = ["|", "/", "-", "\\"];

/**
 * Live progress from operation events: one line per write and its outcome; long waits as one line that
 * a terminal rewrites in place (spinner, elapsed time, the state waited for) and a pipe gets once.
 */
function createProgress(out: CliIo["stderr"], style: Style) {
  let waiting: { key: string; message: string; since: number } | undefined;
  let timer: ReturnType<typeof setInterval> | undefined;
  let frame = 0;
  const clearLine = () => {
    if (out.isTTY && waiting) out.write("\r\u001b[2K");
  };
  const draw = () => {
    if (!waiting) return;
    const s = Math.round((Date.now() - waiting.since) / 1000);
    out.write(`\r\u001b[2K${SPINNER[frame++ % SPINNER.length]} ${waiting.key}: ${waiting.message} (${s}s)`);
  };
  return {
    onEvent(e: OperationEvent) {
      if (e.type === "planned") return;
      if (e.type === "waiting") {
        if (waiting?.key === e.key && waiting.message === e.message) return;
        clearLine();
        waiting = { key: `${e.kind} ${e.key}`, message: e.message ?? "waiting", since: Date.now() };
        if (out.isTTY) {
          draw();
          timer ??= setInterval(draw, 250);
        } else out.write(`... ${waiting.key}: ${waiting.message}\n`);
        return;
      }
      clearLine();
      if (timer) clearInterval(timer);
      timer = undefined;
      waiting = undefined;
      const label = e.type === "writing" ? "..." : e.type === "written" ? style.green("ok ") : style.red("ERR");
      out.write(`${label} ${e.action ?? ""} ${e.kind} ${JSON.stringify(e.key)}${e.type === "failed" && e.message ? `: ${e.message}` : ""}\n`);
    },
    stop() {
      clearLine();
      if (timer) clearInterval(timer);
      timer = undefined;
      waiting = undefined;
    },
  };
}
