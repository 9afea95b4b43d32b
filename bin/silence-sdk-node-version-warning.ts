/**
 * Imported first by `npm start` and `npm run bench` (side effect only). Node 20 is supported locally (engines), yet
 * the AWS SDK warns on stderr, as the first thing a newcomer sees, that its 2027 releases will need Node 22. This is
 * the SDK's own switch for that one warning (emitted as a plain `Warning` without a code, so `--disable-warning`
 * could only silence every warning); other warnings still show. An explicit setting in the environment wins.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
