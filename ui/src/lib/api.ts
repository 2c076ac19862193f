// The app's calls into the core, typed with the types generated from Rust
// (ui/src/generated). Each returns what the core computed; the screens do
// no date arithmetic of their own.
import { invoke } from "@tauri-apps/api/core";
import type { CaseFacts } from "../generated/CaseFacts";
import type { CaseListQuery } from "../generated/CaseListQuery";
import type { CaseSummary } from "../generated/CaseSummary";
import type { CaseView } from "../generated/CaseView";
import type { CommandError } from "../generated/CommandError";
import type { CountingChoices } from "../generated/CountingChoices";
import type { FactsPreview } from "../generated/FactsPreview";
import type { NewCallForm } from "../generated/NewCallForm";
import type { ServiceSettings } from "../generated/ServiceSettings";
import type { SettingsView } from "../generated/SettingsView";
import type { StaffMember } from "../generated/StaffMember";
import type { Startup } from "../generated/Startup";
import type { Timeline } from "../generated/Timeline";
import type { TodayItem } from "../generated/TodayItem";

/** An error from the core, always with a message. */
export function asError(e: unknown): CommandError {
  if (e && typeof e === "object" && "message" in e) return e as CommandError;
  return { message: String(e), field: null, fields: [] };
}

export const api = {
  startup: () => invoke<Startup>("startup"),
  painted: () => invoke<number>("painted"),
  today: (days: number) => invoke<TodayItem[]>("today_view", { days }),
  listCases: (query: CaseListQuery) => invoke<CaseSummary[]>("list_cases", { query }),
  localAuthorities: () => invoke<string[]>("local_authorities"),
  caseView: (reference: string) => invoke<CaseView>("case_view", { reference }),
  previewCall: (form: NewCallForm) => invoke<Timeline>("preview_call", { form }),
  logCall: (form: NewCallForm) => invoke<string>("log_call", { form }),
  previewFacts: (facts: CaseFacts) => invoke<FactsPreview>("preview_facts", { facts }),
  saveFacts: (reference: string, facts: CaseFacts) => invoke<CaseView>("save_facts", { reference, facts }),
  addNote: (reference: string, text: string) => invoke<CaseView>("add_note", { reference, text }),
  closeCase: (reference: string, reason: string) => invoke<CaseView>("close_case", { reference, reason }),
  settings: () => invoke<SettingsView>("settings"),
  saveService: (service: ServiceSettings) => invoke<void>("save_service", { service }),
  saveChoices: (choices: CountingChoices) => invoke<void>("save_choices", { choices }),
  saveStaff: (member: StaffMember) => invoke<void>("save_staff", { member }),
  importBankHolidays: (path: string) => invoke<number[]>("import_bank_holidays", { path }),
  backupNow: (path: string) => invoke<string>("backup_now", { path }),
};
