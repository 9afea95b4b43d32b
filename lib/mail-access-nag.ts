import { Validations } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as ecs from 'aws-cdk-lib/aws-ecs';
import type * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { acknowledgeWildcards } from './nag';

/**
 * cdk-nag findings that hold for the mail access service by design; each reason says why.
 * @param parts - the resources the findings are about
 */
export function acknowledgeMailAccessFindings(parts: {
  taskDefinition: ecs.FargateTaskDefinition;
  loadBalancer: elbv2.NetworkLoadBalancer;
  loadBalancerGroup: ec2.SecurityGroup;
}): void {
  Validations.of(parts.loadBalancerGroup).acknowledge({
    id: 'AwsSolutions-EC23',
    reason:
      'Mail apps connect from anywhere on the four mail ports only; sign-in needs TLS and backs off per user and address.',
  });
  Validations.of(parts.taskDefinition).acknowledge({
    id: 'AwsSolutions-ECS2',
    reason:
      'The environment holds table, bucket and key names only; the TLS key comes from Secrets Manager as a secret.',
  });
  Validations.of(parts.loadBalancer).acknowledge({
    id: 'AwsSolutions-ELB2',
    reason:
      'Every listener passes TCP through (TLS ends in the tasks), and NLB access logs record TLS listeners only; the ' +
      'service logs each sign-in and submission outcome.',
  });
  if (parts.taskDefinition.executionRole)
    acknowledgeWildcards(
      parts.taskDefinition.executionRole,
      ['Resource::*'],
      'ECS pulls the image with ecr:GetAuthorizationToken, which supports no resource-level permissions.',
    );
}
