#!/usr/bin/env -S npx tsx
/** `npm start`: runs Mailwright locally (see lambdas/local/cli.ts for flags). */
import './silence-sdk-node-version-warning';
import { main } from '../lambdas/local/cli';

process.exitCode = await main(process.argv.slice(2), process.env);
