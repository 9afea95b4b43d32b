// Tests never reach AWS: dummy credentials, a fixed Region, no instance-metadata probing.
process.env.AWS_ACCESS_KEY_ID ??= 'AKIDTESTONLY';
process.env.AWS_SECRET_ACCESS_KEY ??= 'test-only-secret';
process.env.AWS_REGION ??= 'eu-west-1';
process.env.AWS_EC2_METADATA_DISABLED = 'true';
process.env.CDK_DISABLE_CLI_TELEMETRY = 'true';
