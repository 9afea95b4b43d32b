// Mailwright example: an asynchronous flow-rule function that logs the event it receives.
// Works unchanged on Amazon WorkMail and on Mailwright (cloud or `npm start`). See README.md.

/**
 * Logs the Run Lambda event (summaryVersion 2018-10-10), without its messageId. The return value of an asynchronous rule is ignored.
 * @param {{ summaryVersion: string, envelope: { mailFrom: { address: string }, recipients: { address: string }[] },
 *   sender?: { address: string }, subject: string, messageId: string, invocationId: string,
 *   flowDirection: 'INBOUND' | 'OUTBOUND', truncated: boolean }} event
 */
export const handler = async (event) => {
  // The messageId is a credential for the Message Flow API for 24 hours: keep it out of logs.
  const { messageId: _credential, ...loggable } = event;
  console.log(JSON.stringify({ message: 'Received email flow event', event: loggable }));
  const { envelope, subject, flowDirection, invocationId } = event;
  console.log(
    `${flowDirection} mail from ${envelope.mailFrom.address} to ${envelope.recipients.length} recipient(s): ` +
      `"${subject}" (invocation ${invocationId}${event.truncated ? ', recipient list truncated' : ''})`,
  );
  return { logged: true };
};
