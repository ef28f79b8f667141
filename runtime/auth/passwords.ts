/** Password hashing with Argon2id (OWASP's first choice); parameters are argon2's defaults. */
import argon2 from 'argon2';

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** A readable random password for generated accounts (admin, demo users). */
export { generatePassword } from './tokens.js';
