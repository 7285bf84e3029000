/** Discord's timestamp styles: short date, long date, date and time, relative ("in 3 days"). */
type TimestampStyle = 'd' | 'D' | 'f' | 'R';

/** A date every member's client shows in their own locale and time zone. */
export function discordTimestamp(date: Date, style: TimestampStyle = 'D'): string {
  return `<t:${Math.floor(date.getTime() / 1000)}:${style}>`;
}
