/** Shapes several routes share: names in two languages, users and people, error answers, keys. */
import { Type, type Static } from '@sinclair/typebox';
import { StringEnum } from './schema-kit.js';

/** A localized name: one string or one per language. */
export const LocalizedText = Type.Union([
  Type.String(),
  Type.Object({ en: Type.Optional(Type.String()), zh: Type.Optional(Type.String()) }),
]);
export type LocalizedText = Static<typeof LocalizedText>;

export const Language = StringEnum(['zh-CN', 'en']);
export type Language = Static<typeof Language>;

/** The user shape every route answers with (auth, users); the password hash never appears in any response. */
export const User = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  roles: Type.Array(Type.String()),
  language: Language,
});
export type User = Static<typeof User>;

/** A person as pickers list them (the app's directory, transfer and signer targets). */
export const Person = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  roles: Type.Array(Type.String()),
});
export type Person = Static<typeof Person>;

/** A route parameter or query value naming a definition key (app, form, flow, dashboard). */
export const KeyParam = Type.String({ pattern: '^[a-z][a-z0-9_]{0,62}$' });

/** One problem of an error answer, by JSON path. */
export const ProblemItem = Type.Object({
  path: Type.String(),
  code: Type.Optional(Type.String()),
  message: Type.String(),
});
export type ProblemItem = Static<typeof ProblemItem>;

/** Every error answer (RFC 9457 application/problem+json), registered once as `Problem`. */
export const Problem = Type.Object(
  {
    type: Type.Optional(Type.String()),
    title: Type.Optional(Type.String()),
    status: Type.Optional(Type.Integer()),
    detail: Type.Optional(Type.String()),
    code: Type.Optional(Type.String()),
    revision: Type.Optional(
      Type.Integer({ description: "A stale draft save (409): the draft's current revision" }),
    ),
    errors: Type.Optional(Type.Array(ProblemItem)),
  },
  { $id: 'Problem' },
);
export type Problem = Static<typeof Problem>;
