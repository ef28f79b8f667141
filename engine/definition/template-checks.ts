/**
 * Every template of the bundle goes through `checkTemplate` with the flow's form fields: a notify
 * node's `template` and `subject` (one text, or one per language) and a webhook node's `body`.
 */
import type { Problem } from '../errors.js';
import { checkTemplate } from '../template/index.js';
import type { FlowInfo } from './bundle-index.js';
import { entries, isObject, own } from './bundle-reader.js';

function checkLocalized(
  value: unknown,
  path: string,
  knownFields: ReadonlySet<string> | undefined,
  problems: Problem[],
): void {
  if (typeof value === 'string') {
    problems.push(...checkTemplate(value, { path, knownFields }));
  } else if (isObject(value)) {
    // Non-string translations and unknown languages are the schema's to report.
    for (const [language, text] of entries(value)) {
      if ((language === 'en' || language === 'zh') && typeof text === 'string') {
        problems.push(...checkTemplate(text, { path: `${path}/${language}`, knownFields }));
      }
    }
  }
}

export function checkTemplates(flow: FlowInfo): Problem[] {
  const problems: Problem[] = [];
  const known = flow.form?.fieldKeys;
  for (const node of flow.nodes.values()) {
    if (node.type === 'notify') {
      checkLocalized(own(node.raw, 'template'), `${node.path}/template`, known, problems);
      checkLocalized(own(node.raw, 'subject'), `${node.path}/subject`, known, problems);
    }
    if (node.type === 'webhook' && typeof own(node.raw, 'body') === 'string') {
      problems.push(
        ...checkTemplate(own(node.raw, 'body'), { path: `${node.path}/body`, knownFields: known }),
      );
    }
  }
  return problems;
}
