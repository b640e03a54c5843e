/**
 * The response statuses an operation declares by code (`409`) or by range (`4XX`): what a
 * client may ask for with `Prefer: code=`, and what a fault rule may answer with. `default`
 * does not count: it judges any status, so counting it would let every status through.
 */
export interface DeclaredStatuses {
  /** As the spec writes them, in its order, without `default`: `200`, `404`, `4XX`. */
  readonly listed: readonly string[];
  has(status: number): boolean;
  /**
   * The operationIds the statuses were gathered from (errorStatusesOf sets it), so that a fault
   * rule's `match.operation` can be checked against the spec too.
   */
  readonly operations?: ReadonlySet<string>;
}

/** An operation's statuses as compiled (`OperationContract.statuses`), or plain codes. */
export function declaredStatuses(statuses: readonly (string | number)[]): DeclaredStatuses {
  const listed = [...new Set(statuses.map(String))].filter((status) => /^[1-5](\d\d|XX)$/.test(status));
  const codes = new Set(listed);
  return {
    listed,
    has: (status) => codes.has(String(status)) || codes.has(`${String(status)[0]}XX`),
  };
}

/**
 * The error statuses (4xx, 5xx, by code or range) that any of these operations declares: what
 * a fault rule may answer with before a request names its operation. Sorted, codes first.
 */
export function errorStatusesOf(operations: Iterable<{ operationId?: string; statuses: readonly string[] }>): DeclaredStatuses {
  const all = new Set<string>();
  const ids = new Set<string>();
  for (const { operationId, statuses } of operations) {
    if (operationId !== undefined) ids.add(operationId);
    for (const status of statuses) if (/^[45](\d\d|XX)$/.test(status)) all.add(status);
  }
  return { ...declaredStatuses([...all].sort()), ...(ids.size > 0 && { operations: ids }) };
}
