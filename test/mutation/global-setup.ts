/** Fails fast when jest runs the mutation configuration without the DynamoDB Local that `run.ts` provides. */
export default function mutationGlobalSetup(): void {
  if (!process.env.MAILWRIGHT_TEST_DYNAMODB)
    throw new Error('MAILWRIGHT_TEST_DYNAMODB is not set: start mutation testing with `npm run mutate`');
}
