import { execFileSync } from 'node:child_process';
import { CfnOutput, DockerImage, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3assets from 'aws-cdk-lib/aws-s3-assets';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { ORIGIN_SECRET_HEADER, VIEWER_HOST_HEADER } from '../lambdas/handlers/cloudfront-viewer';
import { WEB_APP_ORIGIN_STAGE_VARIABLE } from '../lambdas/handlers/config';
import {
  IMMUTABLE_CACHE_CONTROL,
  REVALIDATE_CACHE_CONTROL,
  webAppCsp,
  webAppSecurityHeaders,
} from '../lambdas/http/web-app';
import { ADMIN_CONSOLE_CONFIG_PATH, type AdminConsoleConfig } from '../web/src/admin/config';
import { CONTENT_TYPES } from '../web/build';
import { acknowledgeWildcards, nagText } from './nag';
import type { Observability } from './observability';
import type { Storage } from './storage';
import type { UserApi } from './user-api';
import { cloudFrontHeaders } from './web-app-headers';

/**
 * The user API's paths the web app calls on its own origin (JMAP, single sign-on of users and of admins, users'
 * tokens, CalDAV/CardDAV): the sign-in cookies are `__Host-`, so these must be same-origin with the pages. The admin
 * console's sign-in is routed even when the stack offers none: the user API then answers that it has none.
 */
export const WEB_APP_API_PATHS = [
  '/.well-known/jmap',
  '/jmap/*',
  '/auth/*',
  '/admin/auth/*',
  '/account/*',
  '/.well-known/caldav',
  '/.well-known/carddav',
  '/dav',
  '/dav/*',
] as const;

/**
 * The viewer request function of every behaviour: `/admin` is the object `admin/index.html` (`/` is the default root
 * object), and the host the browser asked for goes to the user API, which sees only its own.
 */
const VIEWER_REQUEST_FUNCTION = `function handler(event) {
  var request = event.request;
  if (request.uri === '/admin' || request.uri === '/admin/') request.uri = '/admin/index.html';
  if (request.headers.host) request.headers['${VIEWER_HOST_HEADER}'] = { value: request.headers.host.value };
  return request;
}`;

/** Properties of {@link WebApp}. */
export interface WebAppProps {
  readonly storage: Storage;
  readonly observability: Observability;
  /** Served on the web app's origin under {@link WEB_APP_API_PATHS}. */
  readonly userApi: UserApi;
  /** The admin console calls it cross-origin; it answers CORS for the web app's origin only. */
  readonly adminApi: apigateway.RestApi;
  /** The web app's own domain name, e.g. `mail.example.com`. @default - CloudFront's `*.cloudfront.net` domain */
  readonly domainName?: string;
  /** ARN of an ACM certificate in us-east-1 for `domainName`; required with it. */
  readonly certificateArn?: string;
  /** What happens to the bucket and the origin secret when they leave the stack. @default RemovalPolicy.RETAIN */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The web app in the cloud: its built files in a private bucket, served by CloudFront (origin access control) with
 * the local server's security headers plus HSTS, TLS 1.2 or later on a custom domain, and the user API's paths routed
 * to API Gateway on the same origin. CloudFront tells the API who the browser is (`CloudFront-Viewer-Address`, the
 * viewer's host) with a secret origin header the API checks before believing it.
 * @example
 * new WebApp(this, 'WebApp', { storage, observability, userApi, adminApi: adminApi.api, domainName, certificateArn });
 */
export class WebApp extends Construct {
  /** The web app's files, served only through the distribution. */
  readonly bucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  /** `https://` and the web app's domain: what the admin API allows cross-origin calls from. */
  readonly origin: string;

  constructor(scope: Construct, id: string, props: WebAppProps) {
    super(scope, id);
    const { storage, observability, userApi, adminApi, domainName, certificateArn } = props;
    if ((domainName === undefined) !== (certificateArn === undefined))
      throw new Error(`WebApp '${id}': give webDomainName and webCertificateArn together`);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    this.bucket = new s3.Bucket(this, 'Bucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      // Public code, so S3's own key: CloudFront's origin access control reads it without a key policy.
      encryption: s3.BucketEncryption.S3_MANAGED,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      serverAccessLogsBucket: storage.accessLogsBucket,
      serverAccessLogsPrefix: 'WebAppBucket/',
      removalPolicy,
    });

    const adminApiOrigin = `https://${adminApi.restApiId}.execute-api.${Stack.of(this).region}.${Stack.of(this).urlSuffix}`;
    const headers = new cloudfront.ResponseHeadersPolicy(this, 'Headers', {
      comment: 'Mailwright web app: the security headers of npm start, plus HSTS',
      ...cloudFrontHeaders(webAppSecurityHeaders(webAppCsp([adminApiOrigin]))),
    });
    const viewerRequest = new cloudfront.Function(this, 'ViewerRequest', {
      comment: 'Serves /admin from admin/index.html; tells the user API which host the browser asked for',
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      code: cloudfront.FunctionCode.fromInline(VIEWER_REQUEST_FUNCTION),
    });
    const functionAssociations = [
      { function: viewerRequest, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST },
    ];
    const originSecret = new secretsmanager.Secret(this, 'OriginSecret', {
      description:
        'Mailwright: the header value CloudFront sends the user API, which then trusts CloudFront-Viewer-Address',
      removalPolicy,
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
    });
    Validations.of(originSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'CloudFront reads the value at deployment (a dynamic reference) and the function once per container: rotate by ' +
        'changing the secret and redeploying.',
    });
    userApi.trustCloudFront(originSecret);
    const apiBehavior: cloudfront.BehaviorOptions = {
      origin: new origins.RestApiOrigin(userApi.api, {
        // A dynamic reference: CloudFormation puts the value in the distribution; the template holds only its name.
        customHeaders: { [ORIGIN_SECRET_HEADER]: originSecret.secretValue.unsafeUnwrap() },
      }),
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
      cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
      // Every viewer header but Host (API Gateway answers to its own), and CloudFront's viewer headers.
      originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      responseHeadersPolicy: headers,
      functionAssociations,
    };
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'Mailwright web app',
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        // The objects' own Cache-Control decides: a year for hashed assets, revalidation for pages.
        cachePolicy: new cloudfront.CachePolicy(this, 'FilesCache', {
          comment: "Mailwright web app files: as long as the object's Cache-Control says",
          minTtl: Duration.seconds(0),
          enableAcceptEncodingGzip: true,
          enableAcceptEncodingBrotli: true,
        }),
        responseHeadersPolicy: headers,
        functionAssociations,
      },
      additionalBehaviors: Object.fromEntries(WEB_APP_API_PATHS.map((path) => [path, apiBehavior])),
      ...(domainName && certificateArn
        ? {
            domainNames: [domainName],
            certificate: acm.Certificate.fromCertificateArn(this, 'Certificate', certificateArn),
            minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
    });
    this.origin = `https://${domainName ?? this.distribution.distributionDomainName}`;
    // The stage follows the distribution; the function cannot (the distribution's headers name the admin API).
    const adminStage = adminApi.deploymentStage.node.defaultChild as apigateway.CfnStage;
    adminStage.addPropertyOverride(`Variables.${WEB_APP_ORIGIN_STAGE_VARIABLE}`, this.origin);

    this.deployFiles(adminApi, observability);
    this.acknowledgeFindings(domainName !== undefined);
    new CfnOutput(Stack.of(this), 'WebAppUrl', {
      description: 'Webmail (and the admin console at /admin); point your web domain here',
      value: `${this.origin}/`,
    });
    new CfnOutput(Stack.of(this), 'WebAppDistributionDomainName', {
      description: 'CNAME (or alias) target of the web domain',
      value: this.distribution.distributionDomainName,
    });
  }

  /**
   * Uploads the built app (`web/build.ts` at synth) with the content type of each kind of file: pages revalidated on
   * every load, content-hashed assets kept a year. Nothing is pruned: a page already open may still load the chunks
   * of the deployment it came from. Beside them, the admin console's settings.
   */
  private deployFiles(adminApi: apigateway.RestApi, observability: Observability): void {
    const built = new s3assets.Asset(this, 'Files', {
      path: 'web',
      bundling: {
        // Never used: the local build below always answers (or fails the synth).
        image: DockerImage.fromRegistry('public.ecr.aws/docker/library/node:22-slim'),
        local: {
          tryBundle: (outputDir) => {
            execFileSync('npx', ['tsx', 'web/build.ts', outputDir], { stdio: 'inherit' });
            return true;
          },
        },
      },
    });
    const files = s3deploy.Source.bucket(built.bucket, built.s3ObjectKey);
    const logGroup = observability.logGroup('WebAppDeploymentLogs');
    const deploy = (
      id: string,
      sources: s3deploy.ISource[],
      options: Partial<s3deploy.BucketDeploymentProps>,
    ) =>
      new s3deploy.BucketDeployment(this, id, {
        sources,
        destinationBucket: this.bucket,
        prune: false,
        // The keys are not used, and a custom resource's answer is limited to 4 KB.
        outputObjectKeys: false,
        logGroup,
        memoryLimit: 256,
        ...options,
      });
    const cacheControl = (value: string) => [s3deploy.CacheControl.fromString(value)];
    // The pages are the only HTML files; every other file has a content hash in its name.
    const { '.html': pageType, ...assetTypes } = CONTENT_TYPES;
    const assets = Object.entries(assetTypes).map(([extension, contentType]) =>
      deploy(`Files${extension.slice(1).toUpperCase()}`, [files], {
        exclude: ['*'],
        include: [`*${extension}`],
        contentType,
        cacheControl: cacheControl(IMMUTABLE_CACHE_CONTROL),
      }),
    );
    assets.push(
      deploy('FilesOther', [files], {
        exclude: Object.keys(CONTENT_TYPES).map((extension) => `*${extension}`),
        contentType: 'text/plain; charset=utf-8',
        cacheControl: cacheControl(IMMUTABLE_CACHE_CONTROL),
      }),
    );
    // New pages only once the assets they load are there.
    deploy('Pages', [files], {
      exclude: ['*'],
      include: ['*.html'],
      contentType: pageType,
      cacheControl: cacheControl(REVALIDATE_CACHE_CONTROL),
    }).node.addDependency(...assets);
    const config: AdminConsoleConfig = { adminApiUrl: adminApi.url, region: Stack.of(this).region };
    const settings = deploy(
      'ConsoleSettings',
      [s3deploy.Source.jsonData(ADMIN_CONSOLE_CONFIG_PATH.slice(1), config)],
      { contentType: 'application/json', cacheControl: cacheControl(REVALIDATE_CACHE_CONTROL) },
    );
    acknowledgeWildcards(
      settings.handlerRole,
      [
        ...['s3:GetBucket*', 's3:GetObject*', 's3:List*', 's3:Abort*', 's3:DeleteObject*'].map(
          (action) => `Action::${action}`,
        ),
        `Resource::${nagText(this, built.bucket.arnForObjects('*'))}`,
        `Resource::${nagText(this, this.bucket.arnForObjects('*'))}`,
      ],
      "CDK's BucketDeployment copies the built app from its CDK asset into the web app bucket: it reads the asset " +
        "and writes the bucket's objects (with prune off it deletes none).",
    );
  }

  /** Findings that do not apply to a web app whose APIs sign users in on every request; each reason says why. */
  private acknowledgeFindings(hasDomain: boolean): void {
    const acknowledge = (id: string, reason: string) =>
      Validations.of(this.distribution).acknowledge({ id, reason });
    acknowledge(
      'AwsSolutions-CFR1',
      'Mail is read from anywhere users travel; access control rules restrict sign-in by address (docs/access-control.md).',
    );
    acknowledge(
      'AwsSolutions-CFR2',
      'The files are public code; the APIs behind the distribution sign users in on every request with per-user and ' +
        'per-address backoff, and API Gateway throttles the stage.',
    );
    acknowledge(
      'AwsSolutions-CFR3',
      "API requests are logged by the user API's access logs and sign-ins by the audit logs with the viewer's " +
        'address; requests for the public files carry nothing to audit.',
    );
    if (!hasDomain)
      acknowledge(
        'AwsSolutions-CFR4',
        'Without webDomainName and webCertificateArn CloudFront serves its *.cloudfront.net certificate, whose TLS ' +
          'policy it fixes (TLSv1); give both for TLS 1.2 or later (docs/deploy.md).',
      );
  }
}
