// The ES-module package for browsers (pkg/web) has the same declarations, plus its
// initialiser.
import init, { interactivity, sample } from "../../pkg/web/desier_wasm.js";
import type { InteractivityResult } from "../../pkg/web/desier_wasm.js";

export async function regionalIndex(): Promise<number | null> {
  await init();
  const result: InteractivityResult = interactivity(sample(), { year: 2020 });
  return result.aggregates.find((a) => a.group === "region")?.index ?? null;
}
