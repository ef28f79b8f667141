/**
 * TypeScript shapes of the `flowcase/app@1` definition format (notes in README.md here; a guide in
 * docs/definition-format.md). These describe a bundle that has passed `validateBundle`; raw input is
 * `unknown` until then.
 */

/** A name shown to people: one string, or one per language. */
export type LocalizedText = string | { en?: string; zh?: string };

/** A JSON Logic expression; checked against the allow-list in engine/rules before use. */
export type JsonLogic = unknown;

export type FieldType =
  | 'text'
  | 'textarea'
  | 'number'
  | 'integer'
  | 'money'
  | 'date'
  | 'datetime'
  | 'boolean'
  | 'select'
  | 'multiselect'
  | 'phone'
  | 'email'
  | 'address'
  | 'files'
  | 'relation'
  | 'user'
  | 'rating'
  | 'autonumber'
  | 'table';

export interface SelectOption {
  value: string;
  label: LocalizedText;
}

/**
 * A check of a field written as a rule: `rule` must hold (JSON Logic truthiness) whenever the field
 * is visible, read over the record as the form computed it (`{"<=": [{"var": "discount"},
 * {"var": "total"}]}`); otherwise `message` is shown at the field and a submission is refused.
 */
export interface FieldValidation {
  rule: JsonLogic;
  message: LocalizedText;
}

export interface FieldDef {
  key: string;
  type: FieldType;
  label: LocalizedText;
  required?: boolean;
  readonly?: boolean;
  default?: unknown;
  visibleIf?: JsonLogic;
  formula?: JsonLogic;
  /** Rules the value must meet while the field is visible; each failing one is a problem at the field. */
  validations?: FieldValidation[];
  help?: LocalizedText;
  // text
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  // number, integer, money
  min?: number;
  max?: number;
  currency?: string;
  /**
   * number, integer: the value is a span of time in this unit (a formula's `date_diff` in
   * minutes, or hours); pages show it as "2 小时 5 分" / "2 h 5 min", exports keep the number.
   */
  unit?: DurationUnit;
  // select, multiselect
  options?: SelectOption[];
  // files
  accept?: string[];
  maxFiles?: number;
  // relation
  form?: string;
  display?: string;
  // autonumber
  // (pattern above, e.g. "RMA-{YYYYMMDD}-{seq:4}")
  // table
  columns?: FieldDef[];
  minRows?: number;
  maxRows?: number;
}

/** The unit of a number field that holds a span of time. */
export type DurationUnit = 'minutes' | 'hours' | 'days';

export interface FormDef {
  key: string;
  name: LocalizedText;
  fields: FieldDef[];
  /** Roles that may create records; absent means every role the app declares (and admins). */
  submitRoles?: string[];
  /**
   * A `user` field naming the account a record belongs to. Holders of a customer role may read,
   * find and link the records that name them there, besides the records they created (a
   * customer's own entry in the customers form, which the service desk keyed in).
   */
  ownerField?: string;
  /**
   * Roles whose holders may read, find and link every record of this form, customers included
   * (a product catalogue a customer picks from). Staff roles of the app read everything anyway.
   */
  readRoles?: string[];
  /**
   * Lists of another form's records that match this record (关联查询), shown beside it on the
   * task nodes that name them in `related`: e.g. the known faults of a request's fault category.
   * Nothing is stored; the server runs the query with the viewer's own access.
   */
  relatedLists?: RelatedListDef[];
  /**
   * Who may write which fields when creating a record, and what else holders of a customer role
   * may read on the records they may open. The first entry whose `roles` the creator holds
   * applies; an entry without `roles` applies to everyone (put it last). Without this list, a
   * creator may write every input field that no step of the form's flow writes (not editable at a
   * task, not set by a record node, not carried by an event), and a customer may read those plus
   * the autonumbers.
   */
  access?: FormAccessDef[];
  /**
   * A form started from another app's case (a follow-up survey): the text fields that receive the
   * case's app key, form key, record id and title. The case page offers "start" and fills them; the
   * new record links back to the case.
   */
  startsFrom?: { app: string; form: string; record: string; title?: string };
  /** Language of validation messages for this form; defaults to the request's. */
  language?: 'en' | 'zh';
  /**
   * List views (列表视图): the columns, default filter and sort a role's record list and inbox
   * start from. The first view a reader's roles allow is their default.
   */
  views?: ListViewDef[];
}

/** Record metadata a list view may show besides the form's fields. */
export const LIST_VIEW_META_COLUMNS = ['createdAt'] as const;

/** One list view of a form's records (`FormDef.views`). */
export interface ListViewDef {
  key: string;
  name: LocalizedText;
  /** App roles it is for; absent or empty: everyone who may read the form. */
  roles?: string[];
  /** Field keys (or `createdAt`), in the order they are shown and exported. */
  columns: string[];
  /** Records shown: JSON Logic over the form's fields, ANDed with the reader's own filters. */
  filter?: JsonLogic;
  /** The default order (the reader may sort otherwise). */
  sort?: { field: string; dir: 'asc' | 'desc' };
}

/** One role group's creation field set and the extra fields its customers may read. */
export interface FormAccessDef {
  /** Roles this entry is for; absent means everyone not matched by an earlier entry. */
  roles?: string[];
  /** Fields a creator may write; anything else in a creation is refused (422 naming it). */
  create: string[];
  /** Fields a customer may read besides `create` and their own steps' (e.g. the case number, its status). */
  read?: string[];
}

/** Records of `form` whose fields equal values computed from the record being viewed. */
export interface RelatedListDef {
  key: string;
  label: LocalizedText;
  form: string;
  /**
   * Every condition must hold: the related record's `field` equals `value`, a rule over the
   * viewed record (`{"var": "fault_category"}`, `{"var": "product.category"}`). A value that
   * comes out empty matches nothing.
   */
  match: { field: string; value: JsonLogic }[];
  /** The related form's fields to show (default: its first four). */
  show?: string[];
  /** At most this many, newest first (default 10, at most 50). */
  limit?: number;
}

export interface RoleDef {
  key: string;
  name: LocalizedText;
  /** Whether holders may open the app in the designer. */
  design?: boolean;
  /** Customers see only the records they created. */
  customer?: boolean;
  /**
   * Holders supervise the app's work: they may urge (催办) any open task of its cases, as the
   * record's submitter and admins may.
   */
  supervise?: boolean;
}

export type AssigneeRule = { role: string } | { user: string } | { field: string } | { submitter: true };

export interface FieldPermissions {
  visible?: string[];
  editable?: string[];
  required?: string[];
}

export type TaskAction = 'submit' | 'approve' | 'reject' | 'return' | 'transfer';

/**
 * What a task node's `actions` may list: the completing actions above, `addSigner` (加签: an
 * assignee adds a person before or after themselves, with a comment) and `withdraw` (撤回: whoever
 * completed the step may take it back while the next step is untouched).
 */
export type NodeAction = TaskAction | 'addSigner' | 'withdraw';

export interface SlaDef {
  /** ISO-8601 duration, e.g. `PT1H`. */
  due: string;
  /** ISO-8601 duration before `due` at which assignees are reminded. */
  remind?: string;
  /** Who is added to the task when it breaches. */
  escalateTo?: AssigneeRule[];
  /** Who is copied (抄送) on the case when the task breaches: they read it with the node's visible fields. */
  cc?: AssigneeRule[];
}

interface NodeBase {
  name?: LocalizedText;
}

export interface TaskNode extends NodeBase {
  type: 'task';
  assignee: AssigneeRule | AssigneeRule[];
  mode?: 'any' | 'all';
  fields?: FieldPermissions;
  /** Fields participants may still fill in after the node is done (补录). */
  backfill?: string[];
  /** Keys of the form's `relatedLists` shown to the step's participants. */
  related?: string[];
  actions?: NodeAction[];
  sla?: SlaDef;
  next?: string;
  onApprove?: string;
  onReject?: string;
  /** What the step's action buttons say, when the generic words do not fit (a customer "accepts the quote" rather than "approves"). */
  actionLabels?: Partial<Record<NodeAction, LocalizedText>>;
  /** Task nodes that `return` may send the case back to; absent means any earlier task node. */
  returnTo?: string[];
  /**
   * A `text`/`textarea` field that a `reject` or `return` here writes its comment into (驳回原因),
   * so notices, exports and dashboards carry the reason; the comment is then required.
   */
  reasonField?: string;
  /** People copied (抄送) when the task opens: they read the case with the node's visible fields. */
  cc?: AssigneeRule[];
}

export interface BranchNode extends NodeBase {
  type: 'branch';
  cases: { when: JsonLogic; next: string }[];
  default?: string;
}

export interface ParallelNode extends NodeBase {
  type: 'parallel';
  branches: string[];
}

export interface JoinNode extends NodeBase {
  type: 'join';
  next: string;
}

export interface NotifyNode extends NodeBase {
  type: 'notify';
  to: AssigneeRule[];
  channel: 'inapp' | 'email' | 'sms' | 'webhook';
  /** Handlebars over the record; one string or one per language. */
  template: LocalizedText;
  subject?: LocalizedText;
  /** People copied (抄送) when the message is sent: they read the case with the fields the message reads. */
  cc?: AssigneeRule[];
  next: string;
}

export interface WebhookNode extends NodeBase {
  type: 'webhook';
  url: string;
  body?: string;
  next: string;
  onError?: string;
}

export interface RecordNode extends NodeBase {
  type: 'record';
  action: 'update' | 'create';
  form: string;
  /** For `update`: JSON Logic giving the target record id (e.g. `{"var":"customer"}`). */
  target?: JsonLogic;
  set: Record<string, JsonLogic>;
  next: string;
}

export interface WaitNode extends NodeBase {
  type: 'wait';
  duration?: string;
  until?: string;
  next: string;
}

export interface EventNode extends NodeBase {
  type: 'event';
  /** The event's key as the other system sends it (`payment.confirmed`). */
  name: string;
  /** What people call the wait (等待付款), shown where the case waits and in its timeline. */
  title?: LocalizedText;
  next: string;
  timeout?: string;
  onTimeout?: string;
  /** Form fields the event's payload fills in (e.g. the payment reference of `payment.confirmed`). */
  fields?: string[];
  /**
   * A way out when the other system never calls: a staff task whose completion resolves the wait
   * as if the event had come (the cashier confirms a payment by hand). Cancelled when the event
   * arrives or the wait times out.
   */
  fallback?: EventFallbackDef;
}

/** The staff task of an `event` node's `fallback`. */
export interface EventFallbackDef {
  /** The task's name; defaults to the node's. */
  name?: LocalizedText;
  assignee: AssigneeRule | AssigneeRule[];
  /** What the task shows and writes; `editable` defaults to the node's `fields`, `visible` to every field. */
  fields?: FieldPermissions;
  /** ISO-8601 duration after which the task opens (e.g. `PT2H`); absent: as soon as the wait starts. */
  after?: string;
}

/**
 * Starts another flow of the same app (a subprocess) and waits until that instance ends: on a new
 * record of the flow's form (`record.set`, values computed over this record) or on an existing one
 * (`target`, a rule giving its id). The child's outcome picks the way on (`outcomes`, else `next`);
 * a child that fails or is cancelled goes to `outcomes.failed` / `outcomes.cancelled`, else
 * `onError`; a child that cannot start goes to `onError`. Without a way, the instance fails.
 */
export interface SubflowNode extends NodeBase {
  type: 'subflow';
  /** Key of the flow to start. */
  flow: string;
  /** A new record of the flow's form, each value a rule over this record (`{"var": "customer"}`). */
  record?: { set: Record<string, JsonLogic> };
  /** An existing record of the flow's form: a rule giving its id (`{"var": "repair_request"}`). */
  target?: JsonLogic;
  /** A relation field of this form that receives the child's record id when it starts. */
  recordAs?: string;
  /** Node to continue at per outcome of the child (`failed`, `cancelled`: the child's status). */
  outcomes?: Record<string, string>;
  next: string;
  onError?: string;
}

export interface EndNode extends NodeBase {
  type: 'end';
  outcome?: string;
}

export type NodeDef =
  | TaskNode
  | BranchNode
  | ParallelNode
  | JoinNode
  | NotifyNode
  | WebhookNode
  | RecordNode
  | WaitNode
  | EventNode
  | SubflowNode
  | EndNode;

export type NodeType = NodeDef['type'];

export interface FlowDef {
  key: string;
  name: LocalizedText;
  form: string;
  trigger: { on: 'record.created' | 'manual' };
  start: string;
  nodes: Record<string, NodeDef>;
}

/** Widgets over a form's records. */
export type RecordWidgetType = 'kpi' | 'bar' | 'line' | 'pie' | 'table' | 'pivot';
/** Process analytics widgets: figures of a flow's cases and tasks, not of a form's records. */
export type ProcessWidgetType = 'node_time' | 'sla_breach' | 'throughput' | 'bottleneck';
export type WidgetType = RecordWidgetType | ProcessWidgetType;

/** A widget over a form's records. */
export interface WidgetDef {
  key: string;
  type: RecordWidgetType;
  title?: LocalizedText;
  form: string;
  filter?: JsonLogic;
  dimensions?: { field: string; bucket?: DateBucket }[];
  /**
   * `label` names the figure in charts, pivot headers and KPIs (default: the operation and the
   * field's label, e.g. "维修费平均", or the field's label alone for a sum of a total); `format`
   * how its values read (else as its field's type says: money with its currency, spans in words).
   */
  measures: {
    /** `distinct`: how many different values `field` holds (a select, relation, user, date, text or number). */
    op: 'count' | 'sum' | 'avg' | 'min' | 'max' | 'distinct';
    field?: string;
    label?: LocalizedText;
    format?: NumberFormat;
  }[];
  /**
   * The order of the first dimension's groups: by their label (dates in time order; `dir` default
   * asc) or by the first figure (default desc); absent, as the database orders the values (dates
   * from the earliest).
   */
  sort?: { by: 'label' | 'value'; dir?: 'asc' | 'desc' };
  /**
   * Only the first `limit` groups in that order (by value, largest first, when no sort is set):
   * a pie sums the others into one "Other" slice, charts and pivots leave them out; a table shows
   * that many records a page.
   */
  limit?: number;
  /** Series (or slice) colours, `#rrggbb`, in order; the default palette after them. */
  colors?: string[];
  /** Whether a bar, slice, point, pivot row or table row opens the records behind it (default true). */
  clickThrough?: boolean;
  /** KPI: what the figure is compared with (default `previous_period`: the period of equal length before). */
  compare?: 'previous_period' | 'none';
}

/** A date dimension's groups: local days, Monday weeks, months, quarters or years. */
export type DateBucket = 'day' | 'week' | 'month' | 'quarter' | 'year';

/** How a figure reads: `decimals` places, thousands separators (default on), a unit after it ("元", "件"). */
export interface NumberFormat {
  decimals?: number;
  thousands?: boolean;
  unit?: LocalizedText;
}

/**
 * A process analytics widget: figures of `flow`'s cases over the dashboard's period (time per
 * step, SLA breaches, throughput, bottlenecks), for the app's staff. It reads no form's records,
 * so it has no `form`, `filter`, `dimensions` or `measures`.
 */
export interface ProcessWidgetDef {
  key: string;
  type: ProcessWidgetType;
  title?: LocalizedText;
  flow: string;
  /** `throughput` only: the periods its finishes are counted by (default `week`). */
  bucket?: 'day' | 'week' | 'month';
  form?: never;
  filter?: never;
  dimensions?: never;
  measures?: never;
}

export type DashboardWidgetDef = WidgetDef | ProcessWidgetDef;

/** Whether `widget` is a process analytics widget (it names a flow, not a form). */
export function isProcessWidget(widget: DashboardWidgetDef): widget is ProcessWidgetDef {
  return (PROCESS_WIDGET_TYPES as readonly string[]).includes(widget.type);
}

export const PROCESS_WIDGET_TYPES: readonly ProcessWidgetType[] = [
  'node_time',
  'sla_breach',
  'throughput',
  'bottleneck',
];

export interface DashboardDef {
  key: string;
  name: LocalizedText;
  /**
   * Who may see it: holders of one of these app roles (admins and the app's designers always).
   * Absent or empty: everyone who uses the app, as before.
   */
  roles?: string[];
  /**
   * The filter bar the web app shows above the widgets (absent: one derived from the fields the
   * widgets group by, over the last 12 months). A widget whose form lacks a filter field ignores it.
   */
  filters?: DashboardFilters;
  widgets: DashboardWidgetDef[];
}

export interface DashboardFilters {
  /** The period: on `field` (a date or datetime field, or `createdAt`), opening on `default`. */
  date?: {
    field?: string;
    default?: 'today' | '7d' | '30d' | 'this_month' | 'last_month' | 'this_quarter' | 'this_year' | 'all';
  };
  /** Select, relation and user fields offered as filters, in this order. */
  fields?: string[];
}

export interface AppBundle {
  format: 'flowcase/app@1';
  key: string;
  name: LocalizedText;
  version: string | number;
  description?: LocalizedText;
  roles: RoleDef[];
  forms: FormDef[];
  flows: FlowDef[];
  dashboards: DashboardDef[];
  sampleData?: Record<string, Record<string, unknown>[]>;
  /** Designer metadata; the engine and runtime keep it and never read it. */
  layout?: BundleLayout;
  /** Saved simulator runs, re-run by `flowcase test` and the designer to flag changed paths. */
  scenarios?: ScenarioDef[];
}

/**
 * A saved run of the flow simulator: a sample record, who submits it, the moves made (acting as a
 * persona on a task, clock jumps, events, webhook answers) and the end and path expected.
 */
export interface ScenarioDef {
  key: string;
  name: LocalizedText;
  flow: string;
  /** ISO-8601 instant the virtual clock starts at. */
  start: string;
  submitter: ScenarioPersona;
  people?: ScenarioPersona[];
  record: Record<string, unknown>;
  records?: Record<string, Record<string, Record<string, unknown>>>;
  moves: ScenarioMove[];
  expect: { status: 'active' | 'done' | 'cancelled' | 'failed'; outcome?: string; path: string[] };
}

export interface ScenarioPersona {
  user: string;
  roles?: string[];
}

export type ScenarioMove =
  | {
      type: 'act';
      as: ScenarioPersona;
      node: string;
      action: TaskAction;
      data?: Record<string, unknown>;
      comment?: string;
      returnTo?: string;
      to?: string;
    }
  | { type: 'advance'; by: string }
  | { type: 'event'; name: string; payload?: Record<string, unknown> }
  | { type: 'webhook'; node: string; ok: boolean; detail?: string }
  | { type: 'cancel'; reason?: string };

/**
 * Where the designer keeps what only it needs, per flow, form or dashboard key: node positions
 * on a flow's canvas (`{ "nodes": { "intake": { "x": 120, "y": 40 } } }`), a form's sections and
 * columns. Free-form JSON, bounded in depth and size (`layout-checks.ts`).
 */
export interface BundleLayout {
  flows?: Record<string, Record<string, unknown>>;
  forms?: Record<string, Record<string, unknown>>;
  dashboards?: Record<string, Record<string, unknown>>;
}

/** Keys of forms, fields, flows, nodes, roles: `^[a-z][a-z0-9_]{0,62}$`, never a prototype name. */
export const KEY_PATTERN = /^[a-z][a-z0-9_]{0,62}$/;
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export function isValidKey(key: unknown): key is string {
  return typeof key === 'string' && KEY_PATTERN.test(key) && !FORBIDDEN_KEYS.has(key);
}
