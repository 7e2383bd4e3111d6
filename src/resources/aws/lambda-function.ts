import type { FunctionConfiguration, LambdaClient } from "@aws-sdk/client-lambda";
import { loadLambda } from "../../aws/load-sdk.js";
import { AwsStepError } from "../../errors/aws-step-error.js";

/**
 * Reads a Lambda function's configuration (GetFunctionConfiguration), or `undefined` when the function
 * (or its qualifier) does not exist. The function is the user's: konnect-aws only reads it.
 * @internal
 */
export async function readFunctionConfiguration(client: LambdaClient | undefined, target: { region: string; name: string; functionName: string; qualifier?: string | undefined }, signal?: AbortSignal): Promise<FunctionConfiguration | undefined> {
  const sdk = await loadLambda();
  const lambda = client ?? new sdk.LambdaClient({ region: target.region });
  try {
    return await lambda.send(new sdk.GetFunctionConfigurationCommand({ FunctionName: target.functionName, ...(target.qualifier ? { Qualifier: target.qualifier } : {}) }), { abortSignal: signal });
  } catch (error) {
    if ((error as { name?: string }).name === "ResourceNotFoundException") return undefined;
    throw new AwsStepError(`GetFunctionConfiguration ${target.name}`, error);
  }
}
