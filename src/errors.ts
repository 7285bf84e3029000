/**
 * An expected failure caused by what the member asked for: its message is shown to them
 * (ephemerally) as it is, so it must be written for members, not for developers.
 */
export class UserError extends Error {
  override name = 'UserError';
}

/** Raised when the database cannot be reached; members are told to try again shortly. */
export class ServiceUnavailableError extends Error {
  override name = 'ServiceUnavailableError';
}
