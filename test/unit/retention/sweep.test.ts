import { retentionSweepContract } from '../../integration/retention-sweep.contract';
import { InMemoryMailboxStore } from '../mailbox/doubles';
import { InMemoryRetentionIndex, InMemoryRetentionPolicyStore } from './doubles';

retentionSweepContract('in-memory doubles', async () => {
  const store = new InMemoryMailboxStore();
  return { store, index: new InMemoryRetentionIndex(store), policies: new InMemoryRetentionPolicyStore() };
});
