// What the app loads once at start (`api.startup()`: today, who is signed
// in, the core's vocabulary), in a Svelte context: App sets it once the
// core has answered, and any screen or component below reads it with these
// helpers instead of taking it as a prop through every screen. Call them
// while a component is being set up (its <script>), as Svelte's
// getContext must be.
import { getContext, setContext } from "svelte";
import type { Startup } from "../generated/Startup";
import type { Vocabulary } from "../generated/Vocabulary";

const KEY = Symbol("startup");

/** Makes `startup` the startup data of this component and every one below it. */
export function setStartup(startup: Startup): Startup {
  return setContext(KEY, startup);
}

/** The startup data a component above set. */
export function getStartup(): Startup {
  const startup = getContext<Startup | undefined>(KEY);
  if (!startup) throw new Error("No startup data: setStartup must run in a component above this one");
  return startup;
}

/** The core's vocabulary: every label the screens show for its values. */
export const getVocabulary = (): Vocabulary => getStartup().vocabulary;

/** The core's vocabulary where a component above set the startup data, or
 * none (a component that also shows on its own, as in a test, without it). */
export const findVocabulary = (): Vocabulary | undefined => getContext<Startup | undefined>(KEY)?.vocabulary;

/** Today, as the core counts it (YYYY-MM-DD; it honours MEDIATION_DESK_TODAY). */
export const getToday = (): string => getStartup().today;

/** The context Svelte's `mount` (and the component tests' `render`) take, holding `startup`. */
export function startupContext(startup: Startup): Map<unknown, unknown> {
  return new Map<unknown, unknown>([[KEY, startup]]);
}
