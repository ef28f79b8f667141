/** The signed-in user's own lists besides tasks: copies (抄送我的), notifications, uploaded files. */
import { Type, type Static } from '@sinclair/typebox';
import { AnyObject, Nullable, StringEnum } from './schema-kit.js';

/** 抄送我的: a case copied to the user for information (GET /copies). */
export const Copy = Type.Object({
  id: Type.String(),
  recordId: Type.String(),
  instanceId: Type.String(),
  app: Type.String(),
  form: Type.String(),
  node: Type.String(),
  nodeName: Type.String({ description: "The step's name in the caller's language" }),
  reason: StringEnum(['node', 'sla.breach'], {
    description: 'node: the step was reached; sla.breach: its task ran past its deadline',
  }),
  taskId: Nullable('string'),
  createdAt: Type.String(),
  readAt: Nullable('string', { description: 'When the caller marked it read' }),
  fields: Type.Array(Type.String(), { description: 'The fields the copy shows the caller' }),
  data: AnyObject({ description: "The record's values of `fields`" }),
});
export type Copy = Static<typeof Copy>;

export const Notification = Type.Object({
  id: Type.String(),
  title: Type.String(),
  body: Type.String(),
  recordId: Nullable('string'),
  readAt: Nullable('string'),
  createdAt: Type.String(),
});
export type Notification = Static<typeof Notification>;

/** An uploaded file as the upload answers it and file fields hold it. */
export const FileInfo = Type.Object({
  id: Type.String({ description: "The upload's id: random, one per upload, not derived from the content" }),
  name: Type.String(),
  type: Type.String(),
  size: Type.Integer(),
});
export type FileInfo = Static<typeof FileInfo>;
