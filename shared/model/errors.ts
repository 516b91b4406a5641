/** What went wrong, as a stable machine-readable code the UI can map to a message. */
export type ModelErrorCode =
  'invalid-input' | 'not-found' | 'forbidden' | 'conflict' | 'schema-too-new' | 'not-initialized'

/**
 * Base class of every error a mutation throws. A mutation validates all of its input before it
 * writes, so when one of these is thrown the document is unchanged.
 */
export class ModelError extends Error {
  /** Stable code for programs. */
  readonly code: ModelErrorCode
  /** The input field at fault, when there is one (e.g. `title`, `target.position`). */
  readonly field: string | undefined

  constructor(code: ModelErrorCode, message: string, field?: string) {
    super(message)
    this.name = new.target.name
    this.code = code
    this.field = field
  }
}

/** The input is malformed or breaks a rule of the model (empty title, selector outside the text). */
export class ValidationError extends ModelError {
  constructor(field: string, message: string) {
    super('invalid-input', message, field)
  }
}

/** The input refers to something the group does not have (unknown paper, comment, member). */
export class NotFoundError extends ModelError {
  constructor(kind: string, id: string, field?: string) {
    super('not-found', `Unknown ${kind}: ${JSON.stringify(id)}`, field)
  }
}

/** The acting member may not do this (edit someone else's comment, resolve a reply). */
export class ForbiddenError extends ModelError {
  constructor(message: string) {
    super('forbidden', message)
  }
}

/** The operation clashes with what is already there (creating a group twice). */
export class ConflictError extends ModelError {
  constructor(message: string) {
    super('conflict', message)
  }
}

/** The document was written by a newer Margins than this one understands. */
export class SchemaTooNewError extends ModelError {
  constructor(found: number, supported: number) {
    super(
      'schema-too-new',
      `This group was saved by a newer version of Margins (schema ${found}; this version reads up to ${supported}). Update the app to open it.`,
    )
  }
}

/** The document holds no group yet (nothing synced, or createGroup never ran). */
export class NotInitializedError extends ModelError {
  constructor() {
    super('not-initialized', 'This document holds no group yet')
  }
}
