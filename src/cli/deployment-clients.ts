import { loadAcm, loadCloudWatch, loadCloudWatchLogs, loadEc2, loadEcs, loadElastiCache, loadElbV2, loadLambda, loadRam, loadRoute53, loadSecretsManager } from "../aws/load-sdk.js";
import type { DeploymentConfig } from "../deploy/config.js";
import type { DeployAwsClients } from "../deploy/step-options.js";

/**
 * Every AWS client a deployment uses, signed with the given static credentials (the sandbox's: its fakes
 * check that requests are SigV4-signed, never with what). Each in the region the deployment uses it:
 * `aws_region`; Secrets Manager and ACM per region; EC2 and RAM in the Transit Gateway network's region.
 * Only the SDK packages the configuration needs are loaded (they are optional peers).
 * @internal
 */
export async function deploymentClientsWithCredentials(config: DeploymentConfig, credentials: { accessKeyId: string; secretAccessKey: string }): Promise<DeployAwsClients> {
  const region = config.aws_region ?? "us-east-1";
  const base = { region, credentials };
  const on = (k: keyof DeploymentConfig) => config[k] === true;
  const out: DeployAwsClients = {};
  const sm = await loadSecretsManager();
  out.secretsManager = (r) => new sm.SecretsManagerClient({ region: r, credentials });
  if (on("enable_aws_multi_region") || on("enable_aws_custom_domain")) out.route53 = new (await loadRoute53()).Route53Client(base);
  if (on("enable_aws_elasticache")) out.elastiCache = new (await loadElastiCache()).ElastiCacheClient(base);
  if (on("enable_aws_lambda")) out.lambda = new (await loadLambda()).LambdaClient(base);
  if (on("enable_aws_data_planes")) out.ecs = new (await loadEcs()).ECSClient(base);
  if (on("enable_aws_data_planes") || on("enable_aws_cloudwatch")) out.cloudWatchLogs = new (await loadCloudWatchLogs()).CloudWatchLogsClient(base);
  if (on("enable_aws_cloudwatch")) out.cloudWatch = new (await loadCloudWatch()).CloudWatchClient(base);
  if (on("enable_aws_custom_domain")) {
    const acm = await loadAcm();
    out.acm = (r) => new acm.ACMClient({ region: r, credentials });
    out.elbv2 = new (await loadElbV2()).ElasticLoadBalancingV2Client(base);
  }
  if (on("enable_aws_transit_gateway")) {
    const networkRegion = { region: config.aws_network_region ?? region, credentials };
    out.ec2 = new (await loadEc2()).EC2Client(networkRegion);
    out.ram = new (await loadRam()).RAMClient(networkRegion);
  }
  return out;
}
