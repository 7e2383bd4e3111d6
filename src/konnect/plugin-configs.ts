import type { KonnectSchemas } from "./types.js";

/**
 * Typed `config` of the plugins konnect-aws configures, keyed by Kong plugin name. Each is a typed subset
 * of the Kong Gateway 3.14 plugin schema (the fields the SDK sets); other fields pass through untyped.
 *
 * @example
 * ```ts
 * import type { PluginConfigs } from "konnect-aws";
 * const config: PluginConfigs["rate-limiting-advanced"] = { limit: [100], window_size: [60], strategy: "redis", sync_rate: 1 };
 * ```
 */
export interface PluginConfigs {
  "rate-limiting-advanced": KonnectSchemas["RateLimitingAdvancedPluginConfig"];
  "rate-limiting": KonnectSchemas["RateLimitingPluginConfig"];
  "aws-lambda": KonnectSchemas["AwsLambdaPluginConfig"];
  "openid-connect": KonnectSchemas["OpenidConnectPluginConfig"];
  jwt: KonnectSchemas["JwtPluginConfig"];
  statsd: KonnectSchemas["StatsdPluginConfig"];
  datadog: KonnectSchemas["DatadogPluginConfig"];
  opentelemetry: KonnectSchemas["OpentelemetryPluginConfig"];
  "file-log": KonnectSchemas["FileLogPluginConfig"];
  "http-log": KonnectSchemas["HttpLogPluginConfig"];
}
