# The IMAP and SMTP submission container (docs/deploy.md, "Mail apps: IMAP and SMTP submission").
# `cdk deploy` builds it from the repository root with Docker (build context filtered by .dockerignore) and pushes it
# to the CDK asset repository; `cdk synth` only stages the context. By hand:
#   docker build --platform linux/arm64 -f docker/mail-access.Dockerfile -t mailwright-mail-access .

# The bundle is plain JavaScript, so it is built on the builder's own platform (no emulation).
FROM --platform=$BUILDPLATFORM public.ecr.aws/docker/library/node:22-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json ./
COPY lambdas ./lambdas
COPY docker/bundle-mail-access.mjs ./docker/
RUN node docker/bundle-mail-access.mjs

FROM public.ecr.aws/docker/library/node:22-bookworm-slim
ENV NODE_ENV=production NODE_OPTIONS=--enable-source-maps
WORKDIR /app
COPY --from=build /src/dist/ ./
# Unprivileged: the container ports are above 1024 and the load balancer maps 143/993/587/465 to them.
USER node
EXPOSE 1143 1993 1587 1465
CMD ["node", "mail-access.mjs"]
