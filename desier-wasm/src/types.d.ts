
// ---- Inputs (docs/FORMATS.md, "Input tables") ----

/** The tables of the method, by their canonical names. */
export type TableName = "entities" | "facilities" | "procedures" | "offer" | "services" | "returns";

/** A table's content: CSV text, or the bytes of a CSV file or an XLSX workbook. */
export type TableData = string | Uint8Array | ArrayBuffer;

/** A table's content, optionally with the file name that diagnostics give as `file`. */
export type TableInput = TableData | { name?: string | null; data: TableData };

/**
 * The input tables of a computation, or of `load()` (which reads them once into a
 * `Dataset` whose methods `interactivity()`, `usage()`, `compare()`, `validate()` and
 * `registry()` compute on them). `entities` is always required; `procedures` and
 * `offer` for the interactivity index, `returns` for usage and comparison; `facilities`
 * and `services` are optional. The same workbook may be given for several tables: each
 * reads its own sheet (`offer` or `offerta`, ...).
 */
export type Tables = { [T in TableName]?: TableInput | null };

/** The built-in sample, as returned by `sample()`: CSV text per table. */
export type SampleTables = {
  entities: string;
  facilities: string;
  procedures: string;
  offer: string;
  returns: string;
};

/** How a procedure is scored: 0 / 50 / 100 (the method's rule) or 100 x online / applicable phases. */
export type ScoringRule = "stepped" | "proportional";

/** How municipal values are averaged into aggregates. */
export type Weighting = "simple" | "population";

/** A size class: its key and the smallest population it contains. */
export interface SizeClass {
  key: string;
  min_population: number;
}

/** Options of `interactivity()`; every field has the method's default. */
export interface InteractivityOptions {
  /** Compute only this year (default: every year of the offer). */
  year?: number | null;
  /** Default `"stepped"`. */
  rule?: ScoringRule;
  /** Default `"simple"`. */
  weighting?: Weighting;
  /** Default: micro, small, medium, medium_large, large. */
  size_classes?: SizeClass[];
}

/** Options of `usage()`; every field has the method's default. */
export interface UsageOptions {
  /** Compute only this year (default: every year of the returns). */
  year?: number | null;
  /** Default `"simple"`. */
  weighting?: Weighting;
  /** Default: micro, small, medium, medium_large, large. */
  size_classes?: SizeClass[];
}

/** Options of `compare()`: none yet (the years are arguments). */
export type CompareOptions = Record<string, never>;

/** Options of `registry()`. */
export interface RegistryOptions {
  /** The years to describe (default: the registry without a year, `year: null`). */
  years?: number[];
  /** Default: micro, small, medium, medium_large, large. */
  size_classes?: SizeClass[];
}

/** Options of `italyRegistry()`. */
export interface ItalyRegistryOptions {
  /** The year of the registry and of its population on 1 January: 2022 or 2023 (default: the latest). */
  year?: number;
  /** Only this region: its ISTAT code (`"08"`) or its name (`"Emilia-Romagna"`). */
  region?: string;
}

// ---- Results (docs/FORMATS.md, "Results") ----

/** The stable codes of diagnostics. */
export type DiagnosticCode =
  | "unknown_column" | "title_line" | "missing_value" | "malformed_row" | "truncated_row"
  | "field_count" | "merged_cells" | "formula_without_value" | "invalid_encoding"
  | "invalid_year" | "invalid_boolean" | "invalid_number" | "duplicate_row" | "unknown_entity"
  | "entity_id_padded" | "invalid_kind" | "unknown_union" | "missing_population"
  | "registry_year_fallback" | "unknown_procedure" | "unknown_phase" | "phase_not_applicable"
  | "entity_not_municipal" | "year_not_in_data" | "unknown_service" | "invalid_count"
  | "online_exceeds_total" | "platform_equals_total" | "counts_on_inactive" | "share_jump"
  | "total_jump" | "invalid_value" | "competence_mismatch"
  // pagoPA payment records (desier payments)
  | "invalid_outcome" | "invalid_amount" | "invalid_date" | "duplicate_payment" | "invalid_class"
  | "malformed_xml" | "unsafe_xml" | "malformed_json" | "survey_below_records"
  | "platform_differs_from_records";

/** One rejected (`error`) or flagged (`warning`) input row. */
export interface Diagnostic {
  /** The file, as named in `tables` (`offer.csv` when given without a name). */
  file: string;
  /** 1-based line; the header is line 1 (in a workbook, the row number). */
  line: number;
  severity: "error" | "warning";
  code: DiagnosticCode;
  /** What is wrong and what to do, in plain words. */
  message: string;
}

/** What a diagnostic code means (`codes()`): the page's labels come from here. */
export interface CodeInfo {
  code: DiagnosticCode;
  /** `error` when a row with this code is rejected, `warning` when it is kept. */
  severities: ("error" | "warning")[];
  /** What the code means, in English. */
  description: string;
  /** What the code means, in Italian. */
  description_it: string;
}

/**
 * The accounting of one table read: `rows` = `accepted` + `accepted_with_warnings` +
 * `rejected`, always. A row with an `error` diagnostic is rejected (left out of the
 * computation), one with only warnings is accepted with warnings.
 */
export interface TableRead {
  table: TableName;
  /** The file, as named in `tables` (as in diagnostics). */
  file: string;
  rows: number;
  accepted: number;
  accepted_with_warnings: number;
  rejected: number;
}

export type Group = "region" | "size_class" | "province" | "territory" | "union";

/** The mean of a municipal index over a group of municipalities in one year. */
export interface Aggregate {
  group: Group;
  /** `region`; a size class key; a province code; `mountain` / `plain`; a union's id. */
  key: string;
  year: number;
  /** 0-100, `null` when no municipality of the group has a value. */
  index: number | null;
  municipalities: number;
}

export interface MunicipalityInteractivity {
  entity_id: string;
  /** The municipality's name as the registry gives it (empty when it gives none). */
  name: string;
  year: number;
  /** 0-100, `null` when every procedure is `na`. */
  index: number | null;
  procedures_scored: number;
  procedures_na: number;
  /** Area sub-indices, by area id. */
  by_area: Record<string, number | null>;
}

export interface InteractivityResult {
  municipalities: MunicipalityInteractivity[];
  aggregates: Aggregate[];
  diagnostics: Diagnostic[];
  /** The accounting of every table read, in reading order. */
  tables: TableRead[];
}

/** One value per online channel. */
export interface Channels<T> {
  regional_platform: T;
  autonomous_platform: T;
  national_platform: T;
  extra_platform: T;
}

export interface ServiceFigures {
  service_id: string;
  year: number;
  bodies_offering: number;
  bodies_potential: number;
  bodies_with_data: number;
  availability_rate: number | null;
  online: number;
  total: number;
  /** online / total, a fraction. */
  share: number | null;
  /** Each channel's pooled count / pooled total. */
  channels: Channels<number | null>;
}

export interface MunicipalityUsage {
  entity_id: string;
  /** The municipality's name as the registry gives it (empty when it gives none). */
  name: string;
  year: number;
  /** 0-100, `null` without a useful datum. */
  index: number | null;
  useful_services: number;
  potential_services: number;
}

export interface UsageResult {
  services: ServiceFigures[];
  municipalities: MunicipalityUsage[];
  aggregates: Aggregate[];
  diagnostics: Diagnostic[];
  /** The accounting of every table read, in reading order. */
  tables: TableRead[];
}

export interface PooledFigures {
  online: number;
  total: number;
  share: number | null;
  channels: Channels<number | null>;
}

/** Changes in percentage points, `null` when either share is undefined. */
export interface DeltaPp extends Channels<number | null> {
  share: number | null;
}

export interface ServiceComparison {
  service_id: string;
  comparable_cases: number;
  from: PooledFigures;
  to: PooledFigures;
  delta_pp: DeltaPp;
}

export interface CompareResult {
  from: number;
  to: number;
  services: ServiceComparison[];
  diagnostics: Diagnostic[];
  /** The accounting of every table read, in reading order. */
  tables: TableRead[];
}

export interface ValidationResult {
  diagnostics: Diagnostic[];
  /** The accounting of every table read, in reading order. */
  tables: TableRead[];
}

/** A municipality with the keys of the groups it belongs to, as aggregates key them. */
export interface MunicipalityGroups {
  entity_id: string;
  year: number | null;
  name: string;
  population: number | null;
  size_class: string | null;
  province: string | null;
  territory: "mountain" | "plain" | null;
  union_id: string | null;
  union_name: string | null;
}

export interface RegistryResult {
  municipalities: MunicipalityGroups[];
  diagnostics: Diagnostic[];
  /** The accounting of the registry. */
  tables: TableRead[];
}

// ---- Errors ----

/** The stable codes of the errors the functions throw. */
export type ErrorCode =
  | "unreadable_file" | "unwritable_file" | "serialization_error" | "missing_column"
  | "wrong_table" | "duplicate_column" | "missing_table" | "invalid_option" | "invalid_argument" | "internal_error";

/**
 * What every function throws when it cannot compute at all (a missing table or column,
 * an unreadable file, a bad argument or option). Rejected rows are not errors: they are
 * `diagnostics` of the result.
 */
export interface DesierError extends Error {
  name: "DesierError";
  code: ErrorCode;
  /** The file the error is about, when there is one. */
  file?: string;
  /** The column the error is about, when there is one. */
  column?: string;
}
