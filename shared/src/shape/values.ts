import type { MarkType, NodeType } from 'prosemirror-model';
import { BRACKETS_MAP, isBracketId, parseBracketRecord } from '../brackets/model.ts';
import { isDelegationId } from '../delegations.ts';
import { isArticleLabel } from '../numbering.ts';
import { CHAIR_EDITS_MAP, parseChairEdit } from '../proposals/chair-edits.ts';
import {
  isProposalId,
  POSITIONS_MAP,
  PROPOSALS_MAP,
  parsePosition,
  parsePositionKey,
  parseProposalRecord,
} from '../proposals/model.ts';
import { isDivisionLevel, treatySchema } from '../schema.ts';
import { PARAGRAPH_STATUSES, parsePackageName } from '../status/model.ts';
import { MAX_ATTRIBUTE_CHARS, type ShapeLimits, type ShapeProblem } from './problem.ts';

/** SH4, ID4: a stable id as stored (Travaux makes 10 characters of [a-z0-9]; imports may keep longer ones). */
const NODE_ID = /^[A-Za-z0-9_-]{1,64}$/;
const STORED_STATUSES = new Set<string>(PARAGRAPH_STATUSES.filter((status) => status !== 'open'));

/**
 * SH4: the format of each block attribute the schema declares, by name. An attribute the schema declares but
 * this table does not know (one added later) is a bounded string.
 */
const ATTRIBUTE_FORMATS: Record<string, (value: string) => boolean> = {
  id: (value) => NODE_ID.test(value),
  inserted: isProposalId,
  deleted: isProposalId,
  bracket: isBracketId,
  bracketGroup: isBracketId,
  status: (value) => STORED_STATUSES.has(value),
  pending: (value) => value.length <= 400 && value.split(' ').every((id) => isDelegationId(id)),
  package: (value) => parsePackageName(value) === value,
  level: isDivisionLevel,
  label: isArticleLabel,
};

/** SH5: the format of each mark attribute, by name (same fallback as blocks). */
const MARK_ATTRIBUTE_FORMATS: Record<string, (value: unknown) => boolean> = {
  proposal: isProposalId,
  id: isBracketId,
  group: (value) => value === null || isBracketId(value),
};

const problem = (rule: ShapeProblem['rule'], message: string): ShapeProblem => ({ rule, message });

/** SH4: whether `value` may be stored as attribute `key` of an element of `type`; null when it may. */
export function attributeProblem(type: NodeType, key: string, value: unknown): ShapeProblem | null {
  const declared = type.spec.attrs ?? {};
  if (!Object.hasOwn(declared, key)) return problem('SH4', `a ${type.name} has no attribute "${key}"`);
  if (value === null) return null;
  if (typeof value !== 'string')
    return problem('SH4', `the "${key}" attribute of a ${type.name} must be text, not ${kindOf(value)}`);
  const format = ATTRIBUTE_FORMATS[key];
  if (format ? !format(value) : value.length > MAX_ATTRIBUTE_CHARS)
    return problem('SH4', `the "${key}" attribute of a ${type.name} has an invalid value`);
  return null;
}

/** The mark type a Y.XmlText format key stands for, as y-prosemirror names them; null when none. */
export function markOfFormatKey(key: string): MarkType | null {
  const dash = key.indexOf('--');
  const name = dash === -1 ? key : key.slice(0, dash);
  if (!Object.hasOwn(treatySchema.marks, name)) return null;
  const type = treatySchema.marks[name]!;
  // y-prosemirror keys a mark that excludes itself by its name, any other by its name and a hash of its JSON
  // (8 base64 characters of 6 bytes; see `bracketKey`).
  const overlapping = !type.excludes(type);
  if (overlapping ? !/^--[A-Za-z0-9+/]{8}$/.test(key.slice(name.length)) : dash !== -1) return null;
  return type;
}

/** SH5: whether `value` may be stored as format `key` of text inside a block of `block`; null when it may. */
export function formatProblem(key: string, value: unknown, block: NodeType | null): ShapeProblem | null {
  const mark = markOfFormatKey(key);
  if (!mark) return problem('SH5', `text has no formatting "${key.slice(0, 40)}"`);
  if (block && !block.allowsMarkType(mark))
    return problem('SH5', `text of a ${block.name} takes no ${mark.name} mark`);
  if (value === null) return null;
  if (!isPlainObject(value)) return problem('SH5', `a ${mark.name} mark's value must be its attributes`);
  const declared = mark.spec.attrs ?? {};
  for (const [name, attr] of Object.entries(value)) {
    if (!Object.hasOwn(declared, name))
      return problem('SH5', `a ${mark.name} mark has no attribute "${name.slice(0, 40)}"`);
    const format = MARK_ATTRIBUTE_FORMATS[name];
    const valid = format
      ? format(attr)
      : attr === null || (typeof attr === 'string' && attr.length <= MAX_ATTRIBUTE_CHARS);
    if (!valid) return problem('SH5', `the "${name}" of a ${mark.name} mark has an invalid value`);
  }
  for (const [name, spec] of Object.entries(declared)) {
    if (!Object.hasOwn(value, name) && !Object.hasOwn(spec, 'default'))
      return problem('SH5', `a ${mark.name} mark needs its "${name}"`);
  }
  return null;
}

/** SH6: the fields of each kind of record and of the objects inside them. */
const PROPOSAL_FIELDS = new Set([
  'id',
  'delegation',
  'personId',
  'personName',
  'createdAt',
  'note',
  'status',
  'decision',
]);
const DECISION_FIELDS = new Set(['by', 'byName', 'at', 'location', 'inserted', 'deleted', 'blocks']);
const POSITION_FIELDS = new Set(['stance', 'personId', 'at']);
const BRACKET_FIELDS = new Set([
  'id',
  'delegation',
  'personId',
  'personName',
  'createdAt',
  'reason',
  'group',
  'status',
  'derivedFrom',
  'resolution',
]);
const DERIVATION_FIELDS = new Set(['options', 'text']);
const OPTION_FIELDS = new Set(['id', 'n', 'delegation']);
const RESOLUTION_FIELDS = new Set(['by', 'byName', 'at', 'location', 'text', 'option']);
const CHAIR_EDIT_FIELDS = new Set([
  'id',
  'personId',
  'personName',
  'at',
  'block',
  'offset',
  'inserted',
  'removed',
  'marked',
  'undone',
]);
const UNDO_FIELDS = new Set(['by', 'byName', 'at']);

/** SH6: short identity fields of records and their most characters. */
const SHORT_FIELDS: Record<string, number> = {
  personId: 64,
  personName: 200,
  createdAt: 64,
  at: 64,
  by: 64,
  byName: 200,
  location: 500,
};

/** The first field of `value` (recursively, for the nested objects named) that is not in `fields`. */
function extraField(value: Record<string, unknown>, fields: ReadonlySet<string>): string | null {
  for (const key of Object.keys(value)) if (!fields.has(key)) return key;
  return null;
}

function longField(value: Record<string, unknown>): string | null {
  for (const [key, max] of Object.entries(SHORT_FIELDS)) {
    const field = value[key];
    if (typeof field === 'string' && field.length > max) return key;
  }
  return null;
}

/**
 * SH6, SH7: whether `value` may be stored under `key` of the records map `map`; null when it may. Checks the
 * documented fields, their types and bounds and that the key is the record's id; who may write it is for the
 * rules (PR, BR).
 */
export function recordProblem(
  map: string,
  key: string,
  value: unknown,
  limits: ShapeLimits,
): ShapeProblem | null {
  if (!isPlainObject(value)) return problem('SH6', `a ${map} entry must be a record, not ${kindOf(value)}`);
  const size = jsonSize(value);
  if (size > limits.maxRecordBytes)
    return problem('SH7', `a record of ${size} bytes exceeds the bound of ${limits.maxRecordBytes}`);
  const shown = key.slice(0, 40);
  const extra = (fields: ReadonlySet<string>, object: unknown, what: string) => {
    const field = isPlainObject(object) ? extraField(object, fields) : null;
    return field === null
      ? null
      : problem('SH6', `${what} ${shown} has a field "${field.slice(0, 40)}" that records do not have`);
  };
  const long = longField(value) ?? (isPlainObject(value.decision) ? longField(value.decision) : null);
  if (long !== null) return problem('SH6', `the "${long}" of record ${shown} is too long`);
  if (map === PROPOSALS_MAP) {
    const record = parseProposalRecord(value);
    if (!record) return problem('SH6', `proposal record ${shown} is malformed`);
    if (record.id !== key) return problem('SH6', `proposal record ${shown} is stored under another id`);
    return (
      extra(PROPOSAL_FIELDS, value, 'proposal record') ??
      extra(DECISION_FIELDS, value.decision, 'proposal record')
    );
  }
  if (map === POSITIONS_MAP) {
    const parsed = parsePositionKey(key);
    if (!parsed || !isProposalId(parsed.proposalId))
      return problem('SH6', `"${shown}" is not a position key (proposal id|delegation)`);
    if (!parsePosition(value)) return problem('SH6', `position ${shown} is malformed`);
    return extra(POSITION_FIELDS, value, 'position');
  }
  if (map === BRACKETS_MAP) {
    const record = parseBracketRecord(value);
    if (!record) return problem('SH6', `bracket record ${shown} is malformed`);
    if (record.id !== key) return problem('SH6', `bracket record ${shown} is stored under another id`);
    const derivation = value.derivedFrom;
    const options = isPlainObject(derivation) && Array.isArray(derivation.options) ? derivation.options : [];
    return (
      extra(BRACKET_FIELDS, value, 'bracket record') ??
      extra(DERIVATION_FIELDS, derivation, 'bracket record') ??
      extra(RESOLUTION_FIELDS, value.resolution, 'bracket record') ??
      options.reduce<ShapeProblem | null>(
        (found, option) => found ?? extra(OPTION_FIELDS, option, 'bracket record'),
        null,
      )
    );
  }
  if (map === CHAIR_EDITS_MAP) {
    const edit = parseChairEdit(value);
    if (!edit) return problem('SH6', `chair edit record ${shown} is malformed`);
    if (edit.id !== key) return problem('SH6', `chair edit record ${shown} is stored under another id`);
    return (
      extra(CHAIR_EDIT_FIELDS, value, 'chair edit record') ??
      extra(UNDO_FIELDS, value.undone, 'chair edit record')
    );
  }
  return problem('SH1', `"${map.slice(0, 40)}" is not a map of records`);
}

/** The delegation a record is counted against for `maxRecordsPerDelegation` (the Chair's: null). */
export function recordDelegation(value: unknown): string | null {
  return isPlainObject(value) && typeof value.delegation === 'string' ? value.delegation : null;
}

/** The size of `value` as JSON, in UTF-16 code units (a bound, not an exact byte count). */
export function jsonSize(value: unknown): number {
  try {
    return JSON.stringify(value)?.length ?? 0;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array)
  );
}

/** What a value is, for messages. */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Uint8Array) return 'binary data';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
