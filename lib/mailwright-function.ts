import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Duration } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { CONFIG_ENV } from '../lambdas/handlers/config';
import { acknowledgeWildcards } from './nag';

/** The repository root: entries, the lock file and tsconfig are resolved from here. */
const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Lets bundled ESM code `require()` the CommonJS dependencies esbuild leaves as calls. */
const CREATE_REQUIRE_BANNER =
  "import { createRequire as __mailwrightCreateRequire } from 'node:module'; const require = __mailwrightCreateRequire(import.meta.url);";

/** Properties of a {@link MailwrightFunction}. */
export interface MailwrightFunctionProps {
  /** Entry file relative to the repository root, e.g. `lambdas/handlers/api.ts`; it exports `handler`. */
  readonly entry: string;
  /** Log group the function writes to (retention and removal are the caller's choice). */
  readonly logGroup: logs.ILogGroup;
  /** @default 512 */
  readonly memorySizeMb?: number;
  /** @default Duration.seconds(29) - the API Gateway integration limit */
  readonly timeout?: Duration;
  /**
   * Variables `loadConfig()` reads at cold start; the function's own timeout is always added
   * (`MAILWRIGHT_FUNCTION_TIMEOUT_SECONDS`). @default - only the timeout
   */
  readonly environment?: Readonly<Record<string, string>>;
  /** @default false - no X-Ray tracing */
  readonly tracing?: boolean;
  /** Short description shown in the console. @default - none */
  readonly description?: string;
  /** A fixed function name (for a function whose ARN its own policy names). @default - a name CloudFormation generates */
  readonly functionName?: string;
}

/**
 * A Mailwright Lambda: Node.js 22 on arm64, bundled locally by esbuild into one ESM file (no Docker).
 * @example
 * const fn = new MailwrightFunction(this, 'Api', { entry: 'lambdas/handlers/api.ts', logGroup });
 */
export class MailwrightFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: MailwrightFunctionProps) {
    const entry = fileURLToPath(new URL(props.entry, `file://${PROJECT_ROOT}`));
    if (!existsSync(entry)) {
      throw new Error(
        `MailwrightFunction '${id}': entry '${props.entry}' does not exist under ${PROJECT_ROOT}`,
      );
    }
    const timeout = props.timeout ?? Duration.seconds(29);
    super(scope, id, {
      entry,
      handler: 'handler',
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: fileURLToPath(new URL('package-lock.json', `file://${PROJECT_ROOT}`)),
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySizeMb ?? 512,
      timeout,
      description: props.description,
      functionName: props.functionName,
      logGroup: props.logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      tracing: props.tracing ? lambda.Tracing.ACTIVE : lambda.Tracing.DISABLED,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        ...props.environment,
        // The code bounds its own work by it (decision lease, synchronous flow-rule retries).
        [CONFIG_ENV.functionTimeoutSeconds]: String(timeout.toSeconds()),
      },
      bundling: {
        format: OutputFormat.ESM,
        target: 'node22',
        mainFields: ['module', 'main'],
        banner: CREATE_REQUIRE_BANNER,
        // Bundle the AWS SDK too: the versions tested locally are the versions that run.
        externalModules: [],
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        forceDockerBundling: false,
      },
    });
    if (props.tracing) {
      acknowledgeWildcards(
        this,
        ['Resource::*'],
        'X-Ray PutTraceSegments and PutTelemetryRecords support no resource-level permissions.',
      );
    }
  }
}
