// How the command line refuses what it was given: one line a person can act
// on, then the command's usage, exit status 2 (issue 10 §4). The CLI speaks
// English with the Chinese in parentheses; under a Chinese locale
// (LC_ALL / LC_MESSAGES / LANG = zh*) the Chinese comes first.

/** A mistake in the command line itself: printed with the usage, exit 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** The usage to print after the message; the command's own when not given. */
    readonly usage?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

export function prefersChinese(env: NodeJS.ProcessEnv = process.env): boolean {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^zh/i.test(locale);
}

/** One message in both languages, the user's first. */
export function say(en: string, zh: string): string {
  return prefersChinese() ? `${zh}（${en}）` : `${en} (${zh})`;
}
