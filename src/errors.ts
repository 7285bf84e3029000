/**
 * An expected failure caused by what the member asked for: its message is shown to them
 * (ephemerally) as it is, so it must be written for members, not for developers.
 */
export class UserError extends Error {
  override name = 'UserError';
}
