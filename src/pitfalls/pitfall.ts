/** One pitfall reminder: what goes wrong, and a concrete habit that avoids it. */
export interface Pitfall {
  /** Stable identifier; never reuse one for different advice. */
  slug: string;
  title: string;
  /** What the mistake looks like and why it costs an applicant. */
  pitfall: string;
  /** A concrete alternative a member can act on this week. */
  instead: string;
}
