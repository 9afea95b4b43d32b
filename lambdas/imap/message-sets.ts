import { selectSequenceSet, sequenceSetMaxNumber } from './protocol';
import type { SequenceSet } from './protocol/types';
import type { SelectedFolder, ViewMessage } from './selected-folder';
import { bad, type Completion } from './session-context';

/** A message of the selected folder with its sequence number. */
export interface NumberedMessage {
  readonly sequence: number;
  readonly message: ViewMessage;
}

/**
 * The messages a sequence set names: sequence numbers (`*` = the last), or UIDs in UID commands (UIDs not in the
 * folder are simply not there). `$` is the last saved search result. A sequence number beyond the folder is a BAD
 * (RFC 9051 §9).
 * @example
 * const messages = selectMessages(selected, [{ from: 1, to: '*' }], true, []);
 */
export function selectMessages(
  selected: SelectedFolder,
  set: SequenceSet,
  uid: boolean,
  savedUids: readonly number[],
): NumberedMessage[] | Completion {
  const all = selected.all;
  const numbered = (sequence: number): NumberedMessage => ({ sequence, message: all[sequence - 1] });
  if (set === '$') {
    return savedUids
      .map((saved) => selected.sequenceOf(saved))
      .filter((sequence) => sequence > 0)
      .map(numbered);
  }
  if (uid) {
    const uids = selectSequenceSet(
      set,
      all.map((message) => message.uid),
    );
    return uids.map((chosen) => numbered(selected.sequenceOf(chosen)));
  }
  if (sequenceSetMaxNumber(set) > all.length) return bad('Invalid message sequence number.');
  const sequences = all.map((_message, index) => index + 1);
  return selectSequenceSet(set, sequences).map(numbered);
}

/** Whether a selection is a refusal rather than messages. */
export function isCompletion(value: NumberedMessage[] | Completion): value is Completion {
  return !Array.isArray(value);
}
