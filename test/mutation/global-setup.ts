/** Fails fast when jest runs the mutation configuration without the engines that `run.ts` provides. */
export default function mutationGlobalSetup(): void {
  if (!process.env.MAILWRIGHT_TEST_DYNAMODB || !process.env.MAILWRIGHT_TEST_S3)
    throw new Error(
      'MAILWRIGHT_TEST_DYNAMODB or MAILWRIGHT_TEST_S3 is not set: start mutation testing with `npm run mutate`',
    );
}
