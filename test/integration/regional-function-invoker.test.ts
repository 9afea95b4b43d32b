import { RegionalFunctionInvoker } from '../../lambdas/adapters/aws/regional-function-invoker';
import type { FunctionInvoker } from '../../lambdas/core/flow-lambda/ports';

const options = { organizationId: 'm-0123456789abcdef0123456789abcdef', synchronous: true, timeoutMs: 1_000 };

describe('RegionalFunctionInvoker', () => {
  it("invokes each function through its own Region's invoker, built once per Region", async () => {
    const built: string[] = [];
    const calls: Array<[string, string]> = [];
    const invoker = new RegionalFunctionInvoker((region): FunctionInvoker => {
      built.push(region);
      return {
        invoke: async (arn) => {
          calls.push([region, arn]);
          return Buffer.from(region);
        },
      };
    });
    const east = 'arn:aws:lambda:us-east-1:111122223333:function:cap';
    const west = 'arn:aws:lambda:us-west-2:111122223333:function:cap:live';

    const answers = [
      await invoker.invoke(east, {}, options),
      await invoker.invoke(west, {}, options),
      await invoker.invoke(east, {}, options),
    ];

    expect(answers.map((answer) => Buffer.from(answer!).toString())).toEqual([
      'us-east-1',
      'us-west-2',
      'us-east-1',
    ]);
    expect(built).toEqual(['us-east-1', 'us-west-2']);
    expect(calls).toEqual([
      ['us-east-1', east],
      ['us-west-2', west],
      ['us-east-1', east],
    ]);
  });
});
