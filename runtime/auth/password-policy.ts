/**
 * What a password must be wherever one is set (the users API, the CLI, the first start's admin and
 * demo accounts, the seeder): at least 10 characters, not one of the commonest passwords, and not
 * the username dressed up. Online guessing tries exactly these first, and the login limits only
 * slow guessing down; they cannot save a password that is on every attacker's first page.
 */
import { readFileSync } from 'node:fs';
import { FlowcaseError, type Problem } from '../../engine/index.js';

export const MIN_PASSWORD_LENGTH = 10;

// Resolved from this file's folder: the bundle in runtime/dist/ sits at the same depth, so
// `../auth/` finds the list from the sources and from the bundle alike.
const LIST_URL = new URL('../auth/common-passwords.txt', import.meta.url);
let common: ReadonlySet<string> | undefined;

function commonPasswords(): ReadonlySet<string> {
  common ??= new Set(
    readFileSync(LIST_URL, 'utf8')
      .split('\n')
      .map((line) => line.trim().toLowerCase())
      .filter((line) => line !== '' && !line.startsWith('#')),
  );
  return common;
}

// Digits, punctuation, symbols and spaces: what people wrap around a word to satisfy a policy.
const FILLER = /[\p{N}\p{P}\p{S}\s]/gu;
const EDGE_FILLER = /^[\p{N}\p{P}\p{S}\s]+|[\p{N}\p{P}\p{S}\s]+$/gu;

/**
 * The problems with `password` for the account `username` (empty when it is acceptable), each at
 * `path`. Case never matters: "PASSWORD123" is as common as "password123".
 *
 * @example
 * passwordProblems('Password2024!', 'alice'); // [{ path: '/password', code: 'password.common', … }]
 */
export function passwordProblems(password: string, username: string, path = '/password'): Problem[] {
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    return [
      {
        path,
        code: 'password.too_short',
        message: `A password needs at least ${MIN_PASSWORD_LENGTH} characters.`,
      },
    ];
  }
  const lower = password.toLowerCase();
  const name = username.toLowerCase();
  // The username, repeated or with only digits and symbols added ("admin", "Admin2024!", "adminadmin").
  if (name !== '' && lower.includes(name) && lower.split(name).join('').replace(FILLER, '') === '') {
    return [
      {
        path,
        code: 'password.username',
        message: 'A password may not be the username, nor the username with only digits or symbols added.',
      },
    ];
  }
  const list = commonPasswords();
  const core = lower.replace(EDGE_FILLER, '');
  if (list.has(lower) || (core !== '' && list.has(core))) {
    return [
      {
        path,
        code: 'password.common',
        message: 'This password is one of the most common ones, which attackers try first; choose another.',
      },
    ];
  }
  return [];
}

/**
 * Throws `FC_VALIDATION_FAILED` with the problems when `password` may not be set for `username`.
 * `path` is the body's JSON pointer, or the setting or option it came from (`FLOWCASE_ADMIN_PASSWORD`,
 * `--password`), which then leads the message so an operator sees which one to change.
 */
export function assertAcceptablePassword(password: string, username: string, path = '/password'): void {
  const problems = passwordProblems(password, username, path);
  if (problems.length === 0) return;
  const message = problems.map((p) => p.message).join(' ');
  throw new FlowcaseError('FC_VALIDATION_FAILED', path.startsWith('/') ? message : `${path}: ${message}`, {
    path,
    problems,
  });
}
