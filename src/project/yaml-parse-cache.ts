import fs from 'node:fs';
import path from 'node:path';
import { writeJsonArtifact } from '../artifacts/write-artifacts.js';
import type { ParsedYaml, YamlParseCache } from '../config/yaml-document.js';
import { sha256 } from './source-file.js';

/**
 * Parsed property files kept between runs in `<target-path>/yaml_parse_cache.json`, like dbt's
 * partial parsing: the `yaml` library needs ~70 ms for the flagship's 25 KB of yml in a new
 * process, the cache ~1 ms. An entry is keyed by a hash of the file's text, and the whole file by
 * `format` (the tool's version), so an edited file or another release parses again. Only parses
 * whose value survives JSON unchanged are kept. The file is an optimization: a missing,
 * unreadable or foreign one is ignored, and failing to write it is not an error.
 */
export class FileYamlParseCache implements YamlParseCache {
  /** Entries as JSON text, so values handed out (and maybe changed by callers) are never saved. */
  private readonly kept = new Map<string, string>();
  private changed = false;

  private constructor(
    private readonly file: string,
    private readonly format: string,
    private readonly stored: ReadonlyMap<string, string>,
  ) {}

  static open(targetDir: string, format: string): FileYamlParseCache {
    const file = path.join(targetDir, 'yaml_parse_cache.json');
    let stored = new Map<string, string>();
    try {
      const data = JSON.parse(fs.readFileSync(file, 'utf8')) as { format?: unknown; entries?: unknown };
      if (data.format === format && data.entries && typeof data.entries === 'object') {
        stored = new Map(Object.entries(data.entries as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string'));
      }
    } catch {
      // no cache yet, or not ours: parse everything
    }
    return new FileYamlParseCache(file, format, stored);
  }

  get(text: string): ParsedYaml | undefined {
    const key = sha256(text);
    const entry = this.stored.get(key);
    if (entry === undefined) return undefined;
    try {
      const parsed = JSON.parse(entry) as ParsedYaml;
      this.kept.set(key, entry);
      return parsed;
    } catch {
      return undefined;
    }
  }

  set(text: string, parsed: ParsedYaml): void {
    if (!survivesJson(parsed.value)) return;
    this.kept.set(sha256(text), JSON.stringify(parsed));
    this.changed = true;
  }

  /**
   * Writes the entries used by this run (others are dropped), when anything changed. Only into a
   * target folder that exists: reading a project (a dry run, a refused invocation) creates nothing.
   */
  save(): void {
    if (!this.changed && this.kept.size === this.stored.size) return;
    if (!fs.existsSync(path.dirname(this.file))) return;
    try {
      writeJsonArtifact(path.dirname(this.file), path.basename(this.file), { format: this.format, entries: Object.fromEntries(this.kept) });
    } catch {
      // a read-only project still works, it just parses every time
    }
  }
}

/** JSON keeps the value exactly: plain objects and arrays of strings, booleans, null and finite numbers. */
function survivesJson(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
  if (Array.isArray(value)) return value.every(survivesJson);
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.entries(value as Record<string, unknown>).every(([key, v]) => key !== '__proto__' && survivesJson(v));
  }
  return false;
}
