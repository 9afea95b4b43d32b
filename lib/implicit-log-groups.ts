import { CfnResource, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type { IConstruct } from 'constructs';
import type { Observability } from './observability';

/** A construct ID from the construct's path below its stack, e.g. `AdminApiApi`. */
function idOf(construct: IConstruct): string {
  return construct.node.path.slice(Stack.of(construct).node.path.length + 1).replace(/[^A-Za-z0-9]/g, '');
}

/**
 * Gives the log groups AWS services would create by themselves (without retention or key) to the stack instead,
 * from the observability's {@link Observability.logGroup}: API Gateway's execution logs of every REST API stage
 * (`API-Gateway-Execution-Logs_<api id>/<stage>`, created before the stage) and the logs of the Lambda functions
 * behind CDK's own custom resources (`Custom::VpcRestrictDefaultSG` and the like). Call it once every construct of
 * the stack exists.
 * @param root - the stack
 * @param observability - where the log groups are created
 * @example
 * adoptImplicitLogGroups(this, this.observability);
 */
export function adoptImplicitLogGroups(root: IConstruct, observability: Observability): void {
  for (const construct of root.node.findAll()) {
    if (construct instanceof apigateway.RestApi) {
      const stage = construct.deploymentStage;
      // The stage's own name property (a literal); `stage.stageName` refers to the stage, which depends on the group.
      const stageName = (stage.node.defaultChild as apigateway.CfnStage).stageName;
      const logGroup = observability.logGroup(
        `${idOf(construct)}ExecutionLogs`,
        `API-Gateway-Execution-Logs_${construct.restApiId}/${stageName}`,
      );
      stage.node.addDependency(logGroup);
    } else if (
      construct instanceof CfnResource &&
      construct.cfnResourceType === 'AWS::Lambda::Function' &&
      !(construct instanceof lambda.CfnFunction)
    ) {
      const logGroup = observability.logGroup(`${idOf(construct)}Logs`);
      construct.addPropertyOverride('LoggingConfig.LogGroup', logGroup.logGroupName);
      construct.node.addDependency(logGroup);
    }
  }
}
