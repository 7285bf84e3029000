/**
 * What to log about a failed FAQ lookup: the error's kind and database code only. A failed query's
 * message repeats its parameters, which hold what the member typed, and logs never carry that.
 */
export function failureSummary(error: unknown): { errorName: string; errorCode?: string } {
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause;
  const code = (error as { code?: unknown } | null)?.code ?? cause?.code;
  return {
    errorName: error instanceof Error ? error.name : typeof error,
    ...(typeof code === 'string' ? { errorCode: code } : {}),
  };
}
