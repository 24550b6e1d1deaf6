import type { YamlDocument } from '../config/yaml-document.js';
import type { ProjectConfig, TargetConfig } from '../config/types.js';

/** A file of the project, read from disk. Paths are posix and relative to the project root. */
export interface SourceFile {
  readonly path: string;
  readonly absPath: string;
  readonly contents: string;
  /** sha256 hex of the contents. */
  readonly checksum: string;
  /** For models/seeds/tests: the model/seed/test path it was found under, e.g. 'models'. */
  readonly rootDir: string;
}

/** Where in a property file an entry was declared (for error messages). */
export interface YamlLocation {
  readonly file: string;
  readonly line: number;
}

/**
 * A data test as written in yml: `unique`, `{accepted_values: {values: [...]}}`,
 * `{relationships: {to: "ref('x')", field: id, config: {...}}}`, `dbt_utils.accepted_range`...
 * `name` is the test's name without package prefix; `namespace` is e.g. 'dbt_utils'.
 */
export interface TestDeclaration {
  readonly name: string;
  readonly namespace?: string;
  /** Arguments other than `config` (and other than `name`, which renames the test). */
  readonly args: Readonly<Record<string, unknown>>;
  readonly config: Readonly<Record<string, unknown>>;
  /** Explicit test name given with `name:` in the declaration. */
  readonly customName?: string;
  /** `description:` written on the test (dbt 1.9+). */
  readonly description?: string;
  readonly location: YamlLocation;
}

export interface ColumnConstraint {
  readonly type: 'not_null' | 'unique' | 'primary_key' | 'check' | 'foreign_key' | 'custom';
  readonly expression?: string;
  readonly name?: string;
  readonly warn_unenforced?: boolean;
  readonly warn_unsupported?: boolean;
  /** foreign_key: the referenced relation (e.g. "ref('customers')") and its columns (dbt 1.9+). */
  readonly to?: string;
  readonly to_columns?: readonly string[];
}

export interface ColumnProperties {
  readonly name: string;
  readonly description: string;
  readonly data_type?: string;
  readonly quote?: boolean;
  readonly constraints: readonly ColumnConstraint[];
  readonly tests: readonly TestDeclaration[];
  readonly meta: Readonly<Record<string, unknown>>;
  readonly tags: readonly string[];
  readonly location: YamlLocation;
}

export interface ModelProperties {
  readonly name: string;
  readonly description: string;
  readonly config: Readonly<Record<string, unknown>>;
  readonly columns: readonly ColumnProperties[];
  readonly tests: readonly TestDeclaration[];
  /** Model-level constraints (e.g. composite primary_key with `columns:`). */
  readonly constraints: readonly (ColumnConstraint & { readonly columns?: readonly string[] })[];
  readonly location: YamlLocation;
}

export interface SourceTableProperties {
  readonly name: string;
  readonly identifier?: string;
  readonly description: string;
  readonly columns: readonly ColumnProperties[];
  readonly tests: readonly TestDeclaration[];
  readonly config: Readonly<Record<string, unknown>>;
  readonly meta: Readonly<Record<string, unknown>>;
  readonly tags: readonly string[];
  readonly location: YamlLocation;
}

export interface SourceProperties {
  readonly name: string;
  readonly description: string;
  readonly database?: string;
  /** Defaults to the source name, as in dbt. */
  readonly schema?: string;
  readonly tables: readonly SourceTableProperties[];
  readonly config: Readonly<Record<string, unknown>>;
  readonly meta: Readonly<Record<string, unknown>>;
  readonly tags: readonly string[];
  readonly location: YamlLocation;
}

export interface SeedProperties {
  readonly name: string;
  readonly description: string;
  readonly config: Readonly<Record<string, unknown>>;
  readonly columns: readonly ColumnProperties[];
  readonly tests: readonly TestDeclaration[];
  readonly location: YamlLocation;
}

/** Input or expected rows of a unit test: a list of dicts, or csv text. */
export interface UnitTestRows {
  readonly format: 'dict' | 'csv' | 'sql';
  readonly rows?: readonly Readonly<Record<string, unknown>>[];
  readonly csv?: string;
  readonly sql?: string;
  /** `fixture: name` as written; loadProject reads `<test-path>/fixtures/<name>.csv|.sql` into csv/sql. */
  readonly fixture?: string;
}

export interface UnitTestProperties {
  readonly name: string;
  readonly model: string;
  readonly description: string;
  /** `input` is the raw string, e.g. "ref('stg_orders')", "source('raw', 'orders')", "this". */
  readonly given: readonly (UnitTestRows & { readonly input: string })[];
  readonly expect: UnitTestRows;
  readonly overrides: {
    readonly vars: Readonly<Record<string, unknown>>;
    readonly macros: Readonly<Record<string, unknown>>;
    readonly env_vars: Readonly<Record<string, unknown>>;
  };
  readonly config: Readonly<Record<string, unknown>>;
  readonly location: YamlLocation;
}

export interface MacroProperties {
  readonly name: string;
  readonly description: string;
  readonly location: YamlLocation;
}

/** One `depends_on` entry of an exposure: ref('x'), ref('pkg', 'x') or source('s', 't'). */
export type ExposureDependency =
  | { readonly kind: 'ref'; readonly name: string; readonly package?: string }
  | { readonly kind: 'source'; readonly source: string; readonly table: string };

/** An `exposures:` entry: a downstream use of the project (a dashboard, a notebook...). It is never run. */
export interface ExposureProperties {
  readonly name: string;
  readonly label?: string;
  readonly type: string;
  readonly owner: { readonly name?: string; readonly email?: string };
  readonly dependsOn: readonly ExposureDependency[];
  readonly description: string;
  readonly url?: string;
  readonly maturity?: string;
  readonly tags: readonly string[];
  readonly meta: Readonly<Record<string, unknown>>;
  readonly enabled: boolean;
  readonly location: YamlLocation;
}

/** One parsed `version: 2` yml file. Jinja inside values is left as text for the render stage. */
/** A `snapshots:` entry: properties of a snapshot file's block, or a whole snapshot (dbt 1.9 `relation:`). */
export interface SnapshotProperties extends ModelProperties {
  /** `relation: source('src', 'table')` or `ref('model')`: the snapshot selects * from it. */
  readonly relation?: string;
}

export interface PropertyFile {
  readonly path: string;
  readonly models: readonly ModelProperties[];
  readonly sources: readonly SourceProperties[];
  readonly seeds: readonly SeedProperties[];
  readonly snapshots: readonly SnapshotProperties[];
  readonly unitTests: readonly UnitTestProperties[];
  readonly macros: readonly MacroProperties[];
  readonly exposures: readonly ExposureProperties[];
}

/** `{% docs name %}...{% enddocs %}` from a .md file under the model paths. */
export interface DocBlock {
  readonly name: string;
  readonly contents: string;
  readonly file: string;
  readonly line: number;
}

/** Everything on disk that makes up a project, parsed and validated but not rendered. */
/** An installed dbt package: its macros (plan does not build package models) and its var defaults. */
export interface LoadedPackage {
  readonly name: string;
  /** Folder relative to the project root, e.g. 'dbt_packages/dbt_utils'. */
  readonly dir: string;
  readonly macros: readonly SourceFile[];
  readonly vars: Readonly<Record<string, unknown>>;
}

export interface LoadedProject {
  /** Absolute path of the project folder. */
  readonly root: string;
  readonly config: ProjectConfig;
  readonly models: readonly SourceFile[];
  readonly seeds: readonly SourceFile[];
  /** .sql files under the snapshot paths, holding `{% snapshot %}` blocks. */
  readonly snapshots: readonly SourceFile[];
  readonly macros: readonly SourceFile[];
  /** .sql files under the test paths that are singular tests (not under a `generic/` folder). */
  readonly singularTests: readonly SourceFile[];
  /** .sql files holding `{% test %}` blocks: under `<test-path>/generic/` (macro paths are in `macros`). */
  readonly genericTestFiles: readonly SourceFile[];
  readonly propertyFiles: readonly PropertyFile[];
  readonly docs: readonly DocBlock[];
  readonly packages: readonly LoadedPackage[];
  /** selectors.yml at the project root (dbt's YAML selectors), parsed as YAML; its definitions are read by src/select. */
  readonly selectorsFile?: YamlDocument;
}

/** What a command needs before it can run: the project, plus the resolved target when it touches a database. */
export interface ProjectContext {
  readonly project: LoadedProject;
  readonly target: TargetConfig;
  /** --vars merged over project vars. */
  readonly vars: Readonly<Record<string, unknown>>;
}
