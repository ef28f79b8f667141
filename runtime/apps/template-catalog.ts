/**
 * The shipped templates: `templates/index.json` lists them, each entry naming its bundle file.
 * Reads go to disk every time, so a template edited during development shows up without restart.
 */
import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FlowcaseError, type LocalizedText } from '../../engine/index.js';

/** The folder with `index.json` and the bundles, next to `runtime/`. */
export const DEFAULT_TEMPLATES_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));

export interface TemplateInfo {
  key: string;
  name: LocalizedText;
  description?: LocalizedText;
  /** The gallery's picture of the app (a PNG in the folder), served at `/api/v1/templates/:key/screenshot`. */
  screenshot?: string;
  /** What installing brings: forms, flows, dashboards, and sample records per form. */
  contents: { forms: number; flows: number; dashboards: number; sampleRecords: Record<string, number> };
}

interface IndexEntry {
  key: string;
  name: LocalizedText;
  description?: LocalizedText;
  file: string;
  screenshot?: string;
}

const SCREENSHOT = /^[a-z0-9][a-z0-9-]*\.png$/;

export class TemplateCatalog {
  constructor(private readonly dir: string = DEFAULT_TEMPLATES_DIR) {}

  async list(): Promise<TemplateInfo[]> {
    const out: TemplateInfo[] = [];
    for (const entry of await this.entries()) {
      const { key, name, description } = entry;
      const bundle = (await this.load(key)) as {
        forms?: unknown[];
        flows?: unknown[];
        dashboards?: unknown[];
        sampleData?: Record<string, unknown[]>;
      };
      const sampleRecords: Record<string, number> = {};
      for (const [form, rows] of Object.entries(bundle.sampleData ?? {}))
        sampleRecords[form] = Array.isArray(rows) ? rows.length : 0;
      out.push({
        key,
        name,
        ...(description === undefined ? {} : { description }),
        ...((await this.screenshot(key)) ? { screenshot: `/api/v1/templates/${key}/screenshot` } : {}),
        contents: {
          forms: bundle.forms?.length ?? 0,
          flows: bundle.flows?.length ?? 0,
          dashboards: bundle.dashboards?.length ?? 0,
          sampleRecords,
        },
      });
    }
    return out;
  }

  /** The template's screenshot file, when its index entry names one that exists in the folder. */
  async screenshot(key: string): Promise<string | undefined> {
    const entry = (await this.entries()).find((e) => e.key === key);
    // Only a plain file name in the screenshots folder: the index cannot point elsewhere.
    if (!entry?.screenshot || !SCREENSHOT.test(entry.screenshot)) return undefined;
    const file = path.join(this.dir, 'screenshots', entry.screenshot);
    try {
      await access(file);
      return file;
    } catch {
      return undefined;
    }
  }

  /**
   * The raw bundle of a template, by its key (`after_sales`) or its file name with or without
   * `.json` (`after-sales`), as the CLI's `install <template>` accepts both. `FC_NOT_FOUND` otherwise.
   */
  async load(keyOrFile: string): Promise<unknown> {
    const entry = (await this.entries()).find(
      (e) => e.key === keyOrFile || e.file === keyOrFile || e.file === `${keyOrFile}.json`,
    );
    if (!entry)
      throw new FlowcaseError('FC_NOT_FOUND', `There is no template ${keyOrFile}.`, { path: '/template' });
    // The index is ours, but a file name with a path in it must still not leave the folder.
    return JSON.parse(await readFile(path.join(this.dir, path.basename(entry.file)), 'utf8')) as unknown;
  }

  private async entries(): Promise<IndexEntry[]> {
    const index = JSON.parse(await readFile(path.join(this.dir, 'index.json'), 'utf8')) as {
      templates?: IndexEntry[];
    };
    return (index.templates ?? []).filter((e) => typeof e.key === 'string' && typeof e.file === 'string');
  }
}
