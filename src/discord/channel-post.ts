import type { RawFile } from '@discordjs/rest';
import type {
  RESTPostAPIChannelMessageJSONBody,
  RESTPostAPIChannelMessageResult,
} from 'discord-api-types/v10';
import type { Context } from '../context.ts';
import {
  clearChannelProblem,
  type PostChannelPurpose,
  recordChannelProblem,
} from '../db/queries/guild-settings.ts';
import { nextAttempt, type RetryPolicy } from '../scheduler/backoff.ts';
import { describePostFailure, postFailureKind, sendChannelMessage } from './channels.ts';

/**
 * One way to post to a channel a moderator configured (reminders, openings, shared assessments):
 * send, classify a failure, work out the backoff, and record the channel's problem for /config show
 * or clear it once a post works there.
 */
export interface ChannelPostRequest<T> {
  guildId: string;
  purpose: PostChannelPurpose;
  /** The configured channel the post goes to, or where the post being edited is. */
  channelId: string;
  /**
   * 'new' posts tell about the configured channel: a refusal for good is its problem, a success
   * clears it. An 'edit' of an existing post records only when the bot gives up.
   */
  kind: 'new' | 'edit';
  /** Failures in a row before this try, and how tries back off; none for a post nobody retries. */
  failures?: number;
  retry?: RetryPolicy;
  /** Whether a failure that may pass is shown to moderators at once (reminders) or only on giving up. */
  reportEveryFailure: boolean;
  /** The send itself; `postMessage` for a plain message. */
  send: () => Promise<T>;
}

export type ChannelPostResult<T> =
  | { ok: true; value: T }
  | {
      ok: false;
      /** A 403 or 404: only a moderator can fix it, so there is no retry. */
      permanent: boolean;
      problem: string;
      failures: number;
      /** When to try again; null after a permanent failure, without a retry policy, or on giving up. */
      retryAt: Date | null;
    };

export async function postToGuildChannel<T>(
  ctx: Context,
  request: ChannelPostRequest<T>,
): Promise<ChannelPostResult<T>> {
  const { guildId, purpose, channelId } = request;
  let value: T;
  try {
    value = await request.send();
  } catch (error) {
    const now = ctx.clock();
    const problem = describePostFailure(error);
    const failures = (request.failures ?? 0) + 1;
    const permanent = postFailureKind(error) === 'permanent';
    const retryAt = permanent || !request.retry ? null : nextAttempt(failures, now, request.retry);
    const gaveUp = !permanent && request.retry !== undefined && retryAt === null;
    const shown = gaveUp
      ? `${problem}, ${failures} times in a row, so the bot stopped retrying`
      : (permanent && request.kind === 'new') || (!permanent && request.reportEveryFailure)
        ? problem
        : null;
    if (shown) await recordChannelProblem(ctx.db, guildId, purpose, { channelId, problem: shown }, now);
    return { ok: false, permanent, problem, failures, retryAt };
  }
  if (request.kind === 'new') await clearChannelProblem(ctx.db, guildId, purpose, channelId, ctx.clock());
  return { ok: true, value };
}

/** A plain message to a channel, with mentions off unless the body names whom it may ping. */
export function postMessage(
  ctx: Context,
  channelId: string,
  body: RESTPostAPIChannelMessageJSONBody,
  files?: RawFile[],
): () => Promise<RESTPostAPIChannelMessageResult> {
  return () => sendChannelMessage(ctx.rest, channelId, body, files);
}
