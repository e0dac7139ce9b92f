/**
 * Failures the domain's ports report, independent of the storage behind them.
 * The HTTP layer maps each to its status code (409, 422, 400).
 */

/** Something with this identity exists already; nothing was overwritten. */
export class AlreadyExistsError extends Error {
  override readonly name = 'AlreadyExistsError';
  constructor(
    readonly what: string,
    readonly id: string,
    /** Where the identity came from in the request, e.g. `['students', 4, 'studentNumber']`. */
    readonly path: readonly (string | number)[],
    options?: ErrorOptions,
  ) {
    super(`${what} ${id} already exists`, options);
  }
}

/** The request refers to something that does not exist (a class in an unknown unit). */
export class UnknownReferenceError extends Error {
  override readonly name = 'UnknownReferenceError';
  constructor(
    readonly what: string,
    readonly id: string,
    readonly path: readonly (string | number)[],
    options?: ErrorOptions,
  ) {
    super(`${what} ${id} does not exist`, options);
  }
}

/** A pagination cursor that this listing did not hand out. */
export class InvalidCursorError extends Error {
  override readonly name = 'InvalidCursorError';
  constructor(options?: ErrorOptions) {
    super('the cursor is not one this listing handed out', options);
  }
}

/** A write based on a revision that is no longer the current one (If-Match failed). */
export class StaleRevisionError extends Error {
  override readonly name = 'StaleRevisionError';
  constructor(
    readonly what: string,
    readonly expectedRevision: number,
    options?: ErrorOptions,
  ) {
    super(`${what} has changed since revision ${expectedRevision}`, options);
  }
}

/**
 * An import sent again under the same key with a row that differs from the one imported
 * under it before: the earlier row stays, and the client learns it used the key twice.
 */
export class ConflictingImportError extends Error {
  override readonly name = 'ConflictingImportError';
  constructor(
    readonly importId: string,
    readonly index: number,
    options?: ErrorOptions,
  ) {
    super(`row ${index} differs from the row imported under key ${importId} before; a new import takes a new importKey`, options);
  }
}

/**
 * An item larger than the table holds (DynamoDB: 400 KB, attribute names included): refused
 * before anything of the request is written.
 */
export class ItemTooLargeError extends Error {
  override readonly name = 'ItemTooLargeError';
  constructor(
    readonly bytes: number,
    readonly limit: number,
    options?: ErrorOptions,
  ) {
    super(`an item of ${bytes} bytes is larger than the ${limit} bytes one item may hold`, options);
  }
}
