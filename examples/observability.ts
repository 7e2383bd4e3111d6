// The guide's "Monitoring & Observability" scenario, made to deliver: CloudWatch logs, metrics and the
// guide's alarms, X-Ray tracing and Datadog. Kong has no CloudWatch plugin and cannot sign AWS requests,
// so nothing in Kong calls an AWS API: Kong logs to stdout (picked up by the ECS awslogs driver) and sends
// StatsD metrics and OTLP traces to an ADOT collector next to it; the collector signs and delivers. The
// result carries the collector's configuration, the awslogs settings of the data-plane container and the
// IAM policies of both. With `teardown`, the same options remove the alarms, the plugins and the log group.
import type { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import type { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { disableObservability, enableObservability, type EnableObservabilityOptions, type KonnectClient } from "konnect-aws";
import { printChanges, printTeardown } from "./print-changes.js";

export interface ObservabilityScenarioOptions {
  konnect: KonnectClient;
  controlPlaneId: string | undefined;
  region: string;
  /** Where the data planes reach the Datadog agent. */
  datadogHost: string;
  /** SNS topic for the alarms (optional). */
  snsTopicArn?: string;
  cloudWatchLogs?: CloudWatchLogsClient;
  cloudWatch?: CloudWatchClient;
  dryRun?: boolean;
  /** Remove what the example creates instead, with the same options. */
  teardown?: boolean;
}

export async function observability(o: ObservabilityScenarioOptions) {
  if (!o.controlPlaneId) {
    console.log(`\nobservability: ${o.teardown ? "no control plane, nothing to remove" : "planned once the control plane exists"}`);
    return undefined;
  }
  const options: EnableObservabilityOptions = {
    konnect: o.konnect,
    controlPlaneId: o.controlPlaneId,
    region: o.region,
    cloudWatch: {
      retentionDays: 30,
      // the guide's two alarms keep its thresholds; 4xx and rate-limit hits get ours, tightened here
      alarms: { clientErrors: { threshold: 1000 }, rateLimitHits: { threshold: 200 }, ...(o.snsTopicArn ? { snsTopicArn: o.snsTopicArn } : {}) },
    },
    // the ADOT collector runs as a sidecar of the data-plane task: Kong reaches it on localhost
    xray: { collectorEndpoint: "http://localhost:4318", sampleRate: 0.05 },
    // the Datadog agent's DogStatsD port; the collector's StatsD receiver keeps 8125 on localhost
    datadog: { host: o.datadogHost, port: 8125, environment: "prod" },
    tags: { Environment: "prod", Project: "payments" },
    ...(o.cloudWatchLogs ? { cloudWatchLogs: o.cloudWatchLogs } : {}),
    ...(o.cloudWatch ? { cloudWatchClient: o.cloudWatch } : {}),
    dryRun: o.dryRun,
  };
  if (o.teardown) {
    const removed = await disableObservability(options);
    printTeardown("observability (CloudWatch, X-Ray, Datadog)", removed);
    return removed;
  }
  const result = await enableObservability(options);
  printChanges("observability (CloudWatch, X-Ray, Datadog)", result.changes);
  console.log(`  log group: ${result.logGroup?.name} (${result.logGroup?.retentionDays} days)`);
  for (const a of result.alarms) console.log(`  alarm ${a.name}: ${a.metricName} ${a.statistic} > ${a.threshold} for ${a.evaluationPeriods} x ${a.periodSeconds}s`);
  console.log(`  data-plane container logConfiguration: ${JSON.stringify(result.awslogsConfiguration)}`);
  console.log(`  collector configuration: ${result.collectorConfig?.split("\n").length} lines of YAML (receivers: ${/receivers:\n((?: {2}\w+:\n(?: {4}.*\n)*)+)/.exec(result.collectorConfig ?? "")?.[1]?.match(/^ {2}\w+/gm)?.map((s) => s.trim()).join(", ")})`);
  console.log(`  IAM: the log writer gets ${result.iamPolicy.logWriter.Statement.length} statement(s), the collector ${result.iamPolicy.collector.Statement.length}`);
  return result;
}
