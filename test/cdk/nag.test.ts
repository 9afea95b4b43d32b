import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { MailwrightStack } from '../../lib/mailwright-stack';
import { CDK_JSON_CONTEXT, TEST_ENV } from './fixture';

/** Synthesizes the app the way bin/mailwright.ts does (cdk-nag on) and returns the report, or '' when clean. */
function nagReport(props: ConstructorParameters<typeof MailwrightStack>[2] = {}): string {
  const app = new App({ context: { ...CDK_JSON_CONTEXT, 'aws:cdk:bundling-stacks': [] } });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  new MailwrightStack(app, 'Test', { env: TEST_ENV, ...props });
  try {
    app.synth();
    return '';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

describe('cdk-nag: AwsSolutions', () => {
  it('reports no unacknowledged finding on the default stack', () => {
    expect(nagReport()).toBe('');
  });

  it('reports no unacknowledged finding with recipients, tracing and an alarm address', () => {
    expect(
      nagReport({ inboundRecipients: ['example.com'], tracing: true, alarmEmail: 'ops@example.com' }),
    ).toBe('');
  });

  it('reports no unacknowledged finding with the web app on its own domain (TLS 1.2 or later)', () => {
    expect(
      nagReport({
        webDomainName: 'mail.example.com',
        webCertificateArn:
          'arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555',
      }),
    ).toBe('');
  });
});
