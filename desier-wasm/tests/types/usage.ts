// A small typed use of the package (pkg/node), checked by `tsc --noEmit` in make test-wasm:
// the declarations must describe every input and output as FORMATS.md does.
import desier = require("../../pkg/node/desier_wasm.js");
import type {
  Aggregate,
  CompareResult,
  DesierError,
  Diagnostic,
  InteractivityOptions,
  InteractivityResult,
  ItalyRegistryOptions,
  MunicipalityGroups,
  Tables,
  UsageResult,
} from "../../pkg/node/desier_wasm.js";

const tables: Tables = desier.sample();
const registryOptions: ItalyRegistryOptions = { year: 2023, region: "Emilia-Romagna" };
const national: Tables = { entities: desier.italyRegistry(registryOptions) };
const everyMunicipality: string = desier.italyRegistry();
// @ts-expect-error: the year of the registry is a number.
desier.italyRegistry({ year: "2023" });
const mine: Tables = {
  entities: "entity_id,name,kind\n037006,Bologna,municipality\n",
  offer: new Uint8Array([0x50, 0x4b, 0x03, 0x04]),
  procedures: { name: "catalogo.csv", data: "procedure_id,area_id,phases\n" },
  returns: new ArrayBuffer(0),
  facilities: null,
};

const options: InteractivityOptions = { year: 2020, rule: "proportional", weighting: "population" };
const result: InteractivityResult = desier.interactivity(tables, options);
const region: Aggregate | undefined = result.aggregates.find((a) => a.group === "region");
const value: number | null = region ? region.index : null;
const byArea: Record<string, number | null> = result.municipalities[0].by_area;

const usage: UsageResult = desier.usage(mine, { year: 2019 });
const share: number | null = usage.services[0].channels.regional_platform;
const useful: number = usage.municipalities[0].useful_services;

const change: CompareResult = desier.compare(tables, 2018, 2019);
const pp: number | null = change.services[0].delta_pp.extra_platform;
const cases: number = change.services[0].comparable_cases;

const problems: Diagnostic[] = desier.validate(tables).diagnostics;
const where: string = `${problems[0].file}:${problems[0].line} ${problems[0].severity}`;

const groups: MunicipalityGroups[] = desier.registry(tables, { years: [2019, 2020] }).municipalities;
const territory: "mountain" | "plain" | null = groups[0].territory;
const detected: ("entities" | "facilities" | "procedures" | "offer" | "services" | "returns")[] =
  desier.detectTables("offerta.csv", "anno;codice\n");

try {
  desier.usage({});
} catch (e) {
  const error = e as DesierError;
  const code: "missing_table" | string = error.code;
  console.log(code, error.file ?? "", error.message);
}

// The declarations reject what the functions reject.
// @ts-expect-error: `rule` is an interactivity option, not a usage one.
desier.usage(tables, { rule: "stepped" });
// @ts-expect-error: the rules are "stepped" and "proportional".
desier.interactivity(tables, { rule: "half" });
// @ts-expect-error: there is no table `entites`.
desier.validate({ entites: "" });
// @ts-expect-error: a table is text or bytes, not a number.
desier.validate({ entities: 42 });
// @ts-expect-error: years are numbers.
desier.compare(tables, "2018", 2019);
// @ts-expect-error: compare takes no options yet.
desier.compare(tables, 2018, 2019, { weighting: "simple" });

export const used = [national, everyMunicipality, value, byArea, share, useful, pp, cases, where, territory, detected, desier.version()];

// The tables read once, computed on many times.
const loaded: desier.Dataset = desier.load(tables);
const loadedIndex: InteractivityResult = loaded.interactivity({ year: 2020 });
const loadedUsage: UsageResult = loaded.usage();
const loadedPair: CompareResult = loaded.compare(2019, 2020);
const loadedRows: number = loaded.tables.reduce((n, t) => n + t.rows, 0);
const loadedWarnings: Diagnostic[] = loaded.diagnostics.filter((d) => d.severity === "warning");
const loadedYears: number[] = loaded.years;
// @ts-expect-error: the dataset's methods take the options of their computation.
loaded.usage({ rule: "stepped" });
export const loadedUsed = [loadedIndex, loadedUsage, loadedPair, loadedRows, loadedWarnings, loadedYears];
