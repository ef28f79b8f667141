/**
 * `flowcase users add <name> --roles a,b` and `flowcase users reset-password <name>`: accounts from
 * the command line, on the server's data (it may be running). A password is checked against the
 * password rules wherever it comes from; a generated one is printed once.
 */
import { parseArgs } from 'node:util';
import { FlowcaseError } from '../../engine/index.js';
import { assertAcceptablePassword } from '../auth/password-policy.js';
import { hashPassword } from '../auth/passwords.js';
import { resetPassword } from '../auth/reset-password.js';
import { generatePassword } from '../auth/tokens.js';
import type { Services } from '../services.js';

export const USERS_USAGE = `  users add <username> --roles a,b [--name N] [--password P] [--language zh-CN|en]
  users reset-password <username> [--password P | --password-stdin]
                                          set a new password (generated and printed unless given)
                                          and sign the account out everywhere`;

/** The parsed command, or undefined when the arguments do not make one (usage is printed). */
export type UsersCommand =
  | {
      sub: 'add';
      username: string;
      roles: string[];
      name?: string;
      password?: string;
      language: 'zh-CN' | 'en';
    }
  | { sub: 'reset-password'; username: string; password?: string; passwordStdin: boolean };

export function parseUsersCommand(args: string[]): UsersCommand | undefined {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      roles: { type: 'string', default: '' },
      name: { type: 'string' },
      password: { type: 'string' },
      'password-stdin': { type: 'boolean', default: false },
      language: { type: 'string', default: 'zh-CN' },
    },
  });
  const [sub, username, ...extra] = positionals;
  if (!username || extra.length > 0) return undefined;
  if (sub === 'add') {
    const roles = values.roles
      .split(',')
      .map((r) => r.trim())
      .filter(Boolean);
    return {
      sub,
      username,
      roles,
      ...(values.name !== undefined ? { name: values.name } : {}),
      ...(values.password !== undefined ? { password: values.password } : {}),
      language: values.language === 'en' ? 'en' : 'zh-CN',
    };
  }
  if (sub === 'reset-password') {
    if (values.password !== undefined && values['password-stdin']) return undefined;
    return {
      sub,
      username,
      ...(values.password !== undefined ? { password: values.password } : {}),
      passwordStdin: values['password-stdin'],
    };
  }
  return undefined;
}

/** The first line of `input` (a pipe or a file: `echo "$PW" | flowcase users reset-password desk --password-stdin`). */
export async function readPasswordLine(input: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of input) {
    text += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0] ?? '';
}

/**
 * Runs the command and returns what to print. `stdin` is read only for `--password-stdin`.
 * Throws `FC_NOT_FOUND` for an unknown account and `FC_VALIDATION_FAILED` for a password the rules
 * refuse (nothing changes then).
 */
export async function usersCommand(
  services: Services,
  command: UsersCommand,
  stdin: NodeJS.ReadableStream = process.stdin,
): Promise<string> {
  const { store } = services;
  if (command.sub === 'add') {
    const password = command.password ?? generatePassword();
    assertAcceptablePassword(password, command.username, '--password');
    const user = await store.createUser({
      username: command.username,
      displayName: command.name ?? command.username,
      passwordHash: await hashPassword(password),
      roles: command.roles,
      language: command.language,
    });
    return `Created ${user.username} (${user.id}) with roles [${user.roles.join(', ')}]${command.password !== undefined ? '' : `, password ${password}`}.`;
  }
  const user = await store.getUserByUsername(command.username);
  if (!user) throw new FlowcaseError('FC_NOT_FOUND', `There is no account named ${command.username}.`);
  const given = command.passwordStdin ? await readPasswordLine(stdin) : command.password;
  const { password } = await resetPassword(
    services,
    user,
    given === undefined
      ? undefined
      : { password: given, path: command.passwordStdin ? '--password-stdin' : '--password' },
  );
  const disabled = user.disabled
    ? ' The account is disabled: an admin enables it in the users page (PATCH /api/v1/users/:id).'
    : '';
  const shown = given === undefined ? `: ${password}` : '';
  return `New password for ${user.username}${shown}\nEvery session of ${user.username} was signed out.${disabled}`;
}
