/** Recognising DynamoDB's conditional failures, whichever way the SDK reports them. */

export function isConditionalCheckFailed(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}

/**
 * For a cancelled transaction, the indexes of the actions whose condition failed
 * (CancellationReasons is aligned with the actions); undefined for any other error.
 */
export function failedTransactionConditions(error: unknown): number[] | undefined {
  if (!(error instanceof Error) || error.name !== 'TransactionCanceledException') return undefined;
  const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
  return reasons.flatMap((reason, index) => (reason.Code === 'ConditionalCheckFailed' ? [index] : []));
}

/** Storage did not finish the work for now (throttled, keys left unprocessed); retrying helps. */
export class StorageBusyError extends Error {
  override readonly name = 'StorageBusyError';
  constructor() {
    super('DynamoDB left part of the request unprocessed');
  }
}
