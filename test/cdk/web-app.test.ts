import { Match, type Template } from 'aws-cdk-lib/assertions';
import { webAppCsp, webAppSecurityHeaders } from '../../lambdas/http/web-app';
import { CONTENT_TYPES } from '../../web/build';
import { cloudFrontHeaders } from '../../lib/web-app-headers';
import { WEB_APP_API_PATHS } from '../../lib/web-app';
import { grantsOf, logicalId, synthesize } from './fixture';

const CERTIFICATE = 'arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555';
const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const ALL_VIEWER_EXCEPT_HOST = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const only = (template: Template, type: string): Json => {
  const resources = Object.values(template.findResources(type));
  expect(resources).toHaveLength(1);
  return resources[0]!.Properties as Json;
};
const distributionConfig = (template: Template) =>
  only(template, 'AWS::CloudFront::Distribution').DistributionConfig as Json;

/** The headers a response headers policy makes CloudFront send, by lower-case name (CSP left as CloudFormation has it). */
function headersSent(policy: Json): Record<string, unknown> {
  const security = policy.ResponseHeadersPolicyConfig.SecurityHeadersConfig as Json;
  const hsts = security.StrictTransportSecurity as Json;
  const sent: Record<string, unknown> = {
    'content-security-policy': security.ContentSecurityPolicy.ContentSecurityPolicy,
    'x-frame-options': security.FrameOptions.FrameOption,
    'referrer-policy': security.ReferrerPolicy.ReferrerPolicy,
    'strict-transport-security': `max-age=${hsts.AccessControlMaxAgeSec}${hsts.IncludeSubdomains ? '; includeSubDomains' : ''}`,
  };
  if (security.ContentTypeOptions) sent['x-content-type-options'] = 'nosniff';
  for (const custom of policy.ResponseHeadersPolicyConfig.CustomHeadersConfig.Items as Json[])
    sent[custom.Header as string] = custom.Value;
  const overrides = [
    ...Object.values(security).map((header) => (header as Json).Override),
    ...(policy.ResponseHeadersPolicyConfig.CustomHeadersConfig.Items as Json[]).map(
      (header) => header.Override,
    ),
  ];
  expect(overrides.every(Boolean)).toBe(true);
  return sent;
}

describe('Construct: WebApp', () => {
  const { stack, template } = synthesize();

  it('keeps the files in a private, encrypted, versioned, logged bucket that only the distribution reads (OAC)', () => {
    const bucketId = logicalId(template, 'AWS::S3::Bucket', 'WebAppBucket');
    const bucket = template.toJSON().Resources[bucketId].Properties as Json;
    expect(bucket).toMatchObject({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: {} }] },
      VersioningConfiguration: { Status: 'Enabled' },
      LoggingConfiguration: {
        DestinationBucketName: { Ref: logicalId(template, 'AWS::S3::Bucket', 'AccessLogsBucket') },
        LogFilePrefix: 'WebAppBucket/',
      },
    });
    const policy = Object.values(template.findResources('AWS::S3::BucketPolicy')).find(
      (candidate) => candidate.Properties.Bucket.Ref === bucketId,
    )!.Properties.PolicyDocument.Statement as Json[];
    expect(policy).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
    const reads = policy.filter((statement) => statement.Effect === 'Allow');
    expect(reads).toEqual([
      expect.objectContaining({
        Action: 's3:GetObject',
        Principal: { Service: 'cloudfront.amazonaws.com' },
        Condition: { StringEquals: { 'AWS:SourceArn': expect.anything() } },
      }),
    ]);
    expect(JSON.stringify(reads)).toContain(logicalId(template, 'AWS::CloudFront::Distribution', 'WebApp'));
    expect(only(template, 'AWS::CloudFront::OriginAccessControl').OriginAccessControlConfig).toMatchObject({
      OriginAccessControlOriginType: 's3',
      SigningBehavior: 'always',
      SigningProtocol: 'sigv4',
    });
    const s3Origin = (distributionConfig(template).Origins as Json[]).find(
      (origin) => origin.S3OriginConfig,
    )!;
    expect(s3Origin).toMatchObject({ S3OriginConfig: { OriginAccessIdentity: '' } });
    expect(s3Origin.OriginAccessControlId).toBeDefined();
  });

  it("sends exactly npm start's security headers, with the admin API in connect-src, plus HSTS", () => {
    const adminApi = logicalId(template, 'AWS::ApiGateway::RestApi', 'AdminApi');
    const expected = webAppSecurityHeaders(
      webAppCsp([`https://${adminApi}.execute-api.eu-west-1.amazonaws.com`]),
    );
    const sent = headersSent(only(template, 'AWS::CloudFront::ResponseHeadersPolicy'));
    const csp = stack.resolve(sent['content-security-policy']) as { 'Fn::Join': [string, unknown[]] };
    const rendered = csp['Fn::Join'][1]
      .map((part) =>
        typeof part === 'string'
          ? part
          : (part as Json).Ref === 'AWS::URLSuffix'
            ? 'amazonaws.com'
            : (part as Json).Ref,
      )
      .join('');
    expect({ ...sent, 'content-security-policy': rendered }).toEqual({
      ...expected,
      'strict-transport-security': 'max-age=31536000; includeSubDomains',
    });
  });

  it('routes every user API path the web app calls to API Gateway: all methods, no caching, viewer headers but Host', () => {
    const config = distributionConfig(template);
    const behaviors = config.CacheBehaviors as Json[];
    expect(behaviors.map((behavior) => behavior.PathPattern).sort()).toEqual([...WEB_APP_API_PATHS].sort());
    const apiOrigin = (config.Origins as Json[]).find((origin) => origin.CustomOriginConfig)!;
    expect(JSON.stringify(apiOrigin.DomainName)).toContain(
      logicalId(template, 'AWS::ApiGateway::RestApi', 'UserApi'),
    );
    for (const behavior of behaviors)
      expect(behavior).toMatchObject({
        TargetOriginId: apiOrigin.Id,
        CachePolicyId: CACHING_DISABLED,
        OriginRequestPolicyId: ALL_VIEWER_EXCEPT_HOST,
        AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
        ViewerProtocolPolicy: 'https-only',
      });
    expect(apiOrigin.CustomOriginConfig).toMatchObject({ OriginProtocolPolicy: 'https-only' });
  });

  it('sends the user API a secret origin header by dynamic reference, which only the JMAP function may read', () => {
    const secretId = logicalId(template, 'AWS::SecretsManager::Secret', 'WebAppOriginSecret');
    const apiOrigin = (distributionConfig(template).Origins as Json[]).find(
      (origin) => origin.CustomOriginConfig,
    )!;
    expect(apiOrigin.OriginCustomHeaders).toEqual([
      {
        HeaderName: 'x-mailwright-origin-secret',
        HeaderValue: {
          'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: secretId }, ':SecretString:::}}']],
        },
      },
    ]);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('JMAP'),
      Environment: {
        Variables: Match.objectLike({ MAILWRIGHT_CLOUDFRONT_ORIGIN_SECRET: { Ref: secretId } }),
      },
    });
    expect(grantsOf(template, 'JmapFunction', 'secretsmanager:GetSecretValue')).toEqual([
      { resource: JSON.stringify({ Ref: secretId }) },
    ]);
    expect(
      grantsOf(template, 'AdminApiFunction', 'secretsmanager:GetSecretValue').filter((grant) =>
        grant.resource.includes(secretId),
      ),
    ).toEqual([]);
  });

  it('serves files by their own Cache-Control, with HTTPS, and /admin through the viewer request function', () => {
    const config = distributionConfig(template);
    expect(config).toMatchObject({ DefaultRootObject: 'index.html', HttpVersion: 'http2and3' });
    expect(config.DefaultCacheBehavior).toMatchObject({ ViewerProtocolPolicy: 'redirect-to-https' });
    expect(only(template, 'AWS::CloudFront::CachePolicy').CachePolicyConfig).toMatchObject({ MinTTL: 0 });
    const code = only(template, 'AWS::CloudFront::Function').FunctionCode as string;
    const handler = new Function(`${code}; return handler;`)() as (event: Json) => Json;
    const request = (uri: string) => ({ request: { uri, headers: { host: { value: 'mail.example.com' } } } });
    expect(handler(request('/admin')).uri).toBe('/admin/index.html');
    expect(handler(request('/admin/')).uri).toBe('/admin/index.html');
    expect(handler(request('/admin/config.json')).uri).toBe('/admin/config.json');
    expect(handler(request('/jmap/api/'))).toMatchObject({
      uri: '/jmap/api/',
      headers: { 'x-mailwright-viewer-host': { value: 'mail.example.com' } },
    });
  });

  it('uploads pages to revalidate, content-hashed files for a year, each with its content type, pruning nothing', () => {
    const deployments = Object.values(template.findResources('Custom::CDKBucketDeployment')).map(
      (resource) => resource.Properties as Json,
    );
    const byInclude = (pattern: string) =>
      deployments.find((deployment) => deployment.Include?.[0] === pattern)!;
    for (const [extension, contentType] of Object.entries(CONTENT_TYPES))
      expect(byInclude(`*${extension}`).SystemMetadata).toEqual({
        'content-type': contentType,
        'cache-control': extension === '.html' ? 'no-cache' : 'public, max-age=31536000, immutable',
      });
    expect(deployments.every((deployment) => deployment.Prune === false)).toBe(true);
    const settings = deployments.find((deployment) => deployment.SourceMarkers)!;
    expect(settings.SystemMetadata).toEqual({
      'content-type': 'application/json',
      'cache-control': 'no-cache',
    });
    expect(JSON.stringify(settings.SourceMarkers)).toContain(
      logicalId(template, 'AWS::ApiGateway::RestApi', 'AdminApi'),
    );
  });

  it("lets the admin API answer CORS for the distribution's origin only", () => {
    const distribution = logicalId(template, 'AWS::CloudFront::Distribution', 'WebApp');
    const adminApi = logicalId(template, 'AWS::ApiGateway::RestApi', 'AdminApi');
    const stages = Object.values(template.findResources('AWS::ApiGateway::Stage'));
    const admin = stages.find((stage) => stage.Properties.RestApiId.Ref === adminApi)!;
    expect(admin.Properties.Variables).toEqual({
      webAppOrigin: { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distribution, 'DomainName'] }]] },
    });
    const user = stages.find((stage) => stage.Properties.RestApiId.Ref !== adminApi)!;
    expect(user.Properties.Variables).toBeUndefined();
  });

  it("uses CloudFront's default certificate and domain without webDomainName (TLS policy fixed by CloudFront)", () => {
    expect(distributionConfig(template).ViewerCertificate).toBeUndefined();
    expect(distributionConfig(template).Aliases).toBeUndefined();
  });

  describe('with webDomainName and webCertificateArn', () => {
    const withDomain = synthesize({
      webDomainName: 'mail.example.com',
      webCertificateArn: CERTIFICATE,
    }).template;

    it('serves the domain with its certificate, TLS 1.2 or later, and allows CORS from it', () => {
      expect(distributionConfig(withDomain)).toMatchObject({
        Aliases: ['mail.example.com'],
        ViewerCertificate: {
          AcmCertificateArn: CERTIFICATE,
          MinimumProtocolVersion: 'TLSv1.2_2021',
          SslSupportMethod: 'sni-only',
        },
      });
      const adminApi = logicalId(withDomain, 'AWS::ApiGateway::RestApi', 'AdminApi');
      const admin = Object.values(withDomain.findResources('AWS::ApiGateway::Stage')).find(
        (stage) => stage.Properties.RestApiId.Ref === adminApi,
      )!;
      expect(admin.Properties.Variables).toEqual({ webAppOrigin: 'https://mail.example.com' });
    });

    it('refuses a domain without a certificate, or a certificate without a domain', () => {
      expect(() => synthesize({ webDomainName: 'mail.example.com' })).toThrow(/together/);
      expect(() => synthesize({ webCertificateArn: CERTIFICATE })).toThrow(/together/);
    });
  });
});

describe('CloudFront response headers from the local ones', () => {
  it('refuses values CloudFront cannot send', () => {
    expect(() => cloudFrontHeaders({ 'x-frame-options': 'ALLOW-FROM https://a.example' })).toThrow(
      /cannot send/,
    );
    expect(() => cloudFrontHeaders({ 'referrer-policy': 'no-referrer, strict-origin' })).toThrow(
      /cannot send/,
    );
    expect(() => cloudFrontHeaders({ 'x-content-type-options': 'sniff' })).toThrow(/nosniff/);
  });
});
