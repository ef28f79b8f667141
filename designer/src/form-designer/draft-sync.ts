/** The form designer saves its document as every designer does: `editing/draft-sync.ts`. */
export * from '../editing/draft-sync.js';
