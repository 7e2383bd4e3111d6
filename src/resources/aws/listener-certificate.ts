import type { ACMClient } from "@aws-sdk/client-acm";
import type { Certificate, ElasticLoadBalancingV2Client, Listener } from "@aws-sdk/client-elastic-load-balancing-v2";
import { waitForIssued, type CertificateWaitOptions } from "../../aws/acm.js";
import { loadElbV2 } from "../../aws/load-sdk.js";
import { awsStep } from "../../aws/secrets-manager.js";
import { ConfigError } from "../../errors/config-error.js";
import type { FieldDiff } from "../../reconcile/change.js";
import type { OperationEvent } from "../../reconcile/executor.js";
import type { Observation, Resource } from "../../reconcile/resource.js";
import { settleInOrder } from "../../internal/settle-in-order.js";

/**
 * The security policy set when a listener allows TLS below 1.2: `ELBSecurityPolicy-TLS13-1-2-2021-06`,
 * TLS 1.3 with TLS 1.2 (Elastic Load Balancing User Guide, "Security policies for your Application Load
 * Balancer": the recommended policy).
 * @internal
 */
export const DEFAULT_TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";

/**
 * Whether a policy allows nothing below TLS 1.2, read from its name: the `TLS13-1-2`, `TLS13-1-3`,
 * `TLS-1-2` and `FS-1-2` families (same page; the number after the family is the lowest version). The
 * other names (`ELBSecurityPolicy-2016-08`, `-TLS13-1-0-`, `-TLS13-1-1-`, `-FS-1-1-`, `-FS-2018-06`, ...)
 * allow TLS 1.0 or 1.1.
 * @internal
 */
export const allowsOnlyTls12 = (policy: string | undefined) => /^ELBSecurityPolicy-(TLS13-1-[23]|TLS-1-2|FS-1-2)-/.test(policy ?? "");

interface Observed {
  listener: Listener;
  attached: string[];
}

/** A listener and every certificate it holds (its default one included, `IsDefault`), as read. @internal */
export interface ListenerRead {
  listener: Listener;
  certificates: Certificate[];
}

/** DescribeListeners and DescribeListenerCertificates of one listener, together. @internal */
export async function readListener(client: ElasticLoadBalancingV2Client, listenerArn: string, signal: AbortSignal | undefined): Promise<ListenerRead> {
  const elb = await loadElbV2();
  const [listeners, certs] = await Promise.all([
    awsStep(`DescribeListeners ${listenerArn}`, () => client.send(new elb.DescribeListenersCommand({ ListenerArns: [listenerArn] }), { abortSignal: signal })),
    awsStep(`DescribeListenerCertificates ${listenerArn}`, () => client.send(new elb.DescribeListenerCertificatesCommand({ ListenerArn: listenerArn }), { abortSignal: signal })),
  ]);
  return { listener: listeners.Listeners?.[0] ?? {}, certificates: certs.Certificates ?? [] };
}

/** What {@link listenerCertificateResource} manages. @internal */
export interface ListenerCertificateDesired {
  client: () => Promise<ElasticLoadBalancingV2Client>;
  acm: () => Promise<ACMClient>;
  listenerArn: string;
  /** Our certificate for the listener's region (known once observed or created). */
  certificateArn: () => string | undefined;
  /** Certificates of ours the listener must not hold any more. */
  stale: readonly string[];
  /** The TLS 1.2+ policy to set when the listener's allows less. */
  sslPolicy: string;
  mode: "apply" | "teardown";
  dependsOn: readonly Resource[];
  /**
   * The listener as the run already read it ({@link readListener}, to pick the certificates it holds):
   * the observe uses it instead of reading again. A write always reads afresh.
   */
  read?: Promise<ListenerRead>;
  /** ARNs the run knows to be ISSUED (the certificate's observe saw it): the write does not wait for them. */
  issued?: Set<string>;
  wait: CertificateWaitOptions;
  onEvent: ((e: OperationEvent) => void) | undefined;
  signal: AbortSignal | undefined;
}

/**
 * Our certificate on an HTTPS listener (kind `aws.elbv2-listener-certificate`, key the listener ARN):
 * added as an extra (SNI) certificate with AddListenerCertificates, so the listener's default certificate,
 * which is the user's, stays; the ALB picks ours for the domain by SNI. When the listener's policy allows
 * TLS below 1.2, it is raised to {@link DEFAULT_TLS_POLICY} (or the given one), the guide's security
 * requirement. The certificate must be ISSUED before ELB accepts it, so the write waits for that first.
 * The listener belongs to the user: only our certificates are added or removed; a teardown removes ours
 * and leaves the policy.
 * @internal
 */
export function listenerCertificateResource(d: ListenerCertificateDesired): Resource<Observed> {
  let given = d.read;
  const read = async (): Promise<Observed> => {
    const first = given;
    given = undefined;
    const { listener, certificates } = await (first ?? d.client().then((c) => readListener(c, d.listenerArn, d.signal)));
    return { listener, attached: certificates.filter((x) => !x.IsDefault).map((x) => x.CertificateArn!) };
  };
  /** Whether the last observe planned to add the certificate (so the write will wait for it to be ISSUED). */
  let adding = false;
  const plan = (o: Observed) => {
    const arn = d.certificateArn();
    const add = d.mode === "apply" && !o.attached.includes(arn ?? "(new)") && o.listener.Certificates?.[0]?.CertificateArn !== arn ? [arn ?? "(the certificate, once requested)"] : [];
    const remove = d.mode === "teardown" ? o.attached.filter((a) => a === arn || d.stale.includes(a)) : o.attached.filter((a) => d.stale.includes(a));
    const policy = d.mode === "apply" && !allowsOnlyTls12(o.listener.SslPolicy) ? d.sslPolicy : undefined;
    return { add, remove, policy };
  };
  const diffOf = (o: Observed, p: ReturnType<typeof plan>): FieldDiff[] => [
    ...(p.add.length ? [{ path: "certificates", after: p.add }] : []),
    ...(p.remove.length ? [{ path: "certificates", before: p.remove }] : []),
    ...(p.policy ? [{ path: "sslPolicy", before: o.listener.SslPolicy, after: p.policy }] : []),
  ];
  const write = async (progress?: { wrote(id?: string): void }) => {
    const elb = await loadElbV2();
    const c = await d.client();
    // ELB accepts only an ISSUED certificate: when the plan adds ours, its wait (reads only) runs alongside
    // the listener's fresh read instead of after it; one the run saw ISSUED is not read again for that
    const arn = d.certificateArn();
    const waitFor = (a: string) => (d.issued?.has(a) ? Promise.resolve() : d.acm().then((acm) => waitForIssued(acm, a, { ...d.wait, signal: d.signal, onEvent: d.onEvent, key: d.listenerArn })).then(() => void d.issued?.add(a)));
    const early = adding && arn ? waitFor(arn) : undefined;
    const [o] = await settleInOrder([read(), early] as const);
    const p = plan(o);
    if (p.add.length) {
      // p.add[0] is the certificate waited for above when that wait started (the plan adds only d.certificateArn())
      if (!early) await waitFor(p.add[0]!);
      await awsStep(`AddListenerCertificates ${d.listenerArn}`, () => c.send(new elb.AddListenerCertificatesCommand({ ListenerArn: d.listenerArn, Certificates: p.add.map((CertificateArn) => ({ CertificateArn })) }), { abortSignal: d.signal }));
      progress?.wrote(d.listenerArn);
    }
    if (p.remove.length) {
      await awsStep(`RemoveListenerCertificates ${d.listenerArn}`, () => c.send(new elb.RemoveListenerCertificatesCommand({ ListenerArn: d.listenerArn, Certificates: p.remove.map((CertificateArn) => ({ CertificateArn })) }), { abortSignal: d.signal }));
      progress?.wrote(d.listenerArn);
    }
    if (p.policy) await awsStep(`ModifyListener ${d.listenerArn}`, () => c.send(new elb.ModifyListenerCommand({ ListenerArn: d.listenerArn, SslPolicy: p.policy }), { abortSignal: d.signal }));
  };
  return {
    kind: "aws.elbv2-listener-certificate",
    key: d.listenerArn,
    dependsOn: d.dependsOn,
    mark: "an ACM certificate with the ownership tag",
    field: "target.listenerArn",
    async observe(): Promise<Observation<Observed>> {
      const o = await read();
      if (d.mode === "apply" && o.listener.Protocol !== "HTTPS") {
        throw new ConfigError({ field: "target.listenerArn", problem: `listener ${d.listenerArn} is ${o.listener.Protocol ?? "not HTTPS"}; certificates go on HTTPS listeners`, fix: "give the ARN of the load balancer's HTTPS listener (port 443), or create one" });
      }
      const p = plan(o);
      adding = p.add.length > 0;
      if (d.mode === "teardown") return { exists: p.remove.length > 0, id: d.listenerArn, owned: true, actual: o, diff: [] };
      return { exists: true, id: d.listenerArn, owned: true, actual: o, diff: diffOf(o, p) };
    },
    create: async (progress) => {
      await write(progress);
      return d.listenerArn;
    },
    update: (_o, progress) => write(progress),
    delete: () => write(),
    describe: (o) => diffOf(o.actual!, plan(o.actual!)),
  };
}
