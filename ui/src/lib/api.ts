// The app's calls into the core, typed with the types generated from Rust
// (ui/src/generated). Each returns what the core computed; the screens do
// no date arithmetic of their own. A call refused because the app is
// locked tells the app (`whenLocked`), which shows the Unlock screen.
import { invoke as tauriInvoke } from "@tauri-apps/api/core";
import type { InvokeArgs } from "@tauri-apps/api/core";
import type { CaseCertificates } from "../generated/CaseCertificates";
import type { CaseDetailsForm } from "../generated/CaseDetailsForm";
import type { FactsForm } from "../generated/FactsForm";
import type { CertificateRecord } from "../generated/CertificateRecord";
import type { DateParts } from "../generated/DateParts";
import type { ExportFormat } from "../generated/ExportFormat";
import type { ImportMapping } from "../generated/ImportMapping";
import type { ImportView } from "../generated/ImportView";
import type { KpiReport } from "../generated/KpiReport";
import type { ReportForm } from "../generated/ReportForm";
import type { IssueCertificateForm } from "../generated/IssueCertificateForm";
import type { CertificateIssued } from "../generated/CertificateIssued";
import type { RegisterQuery } from "../generated/RegisterQuery";
import type { CaseListQuery } from "../generated/CaseListQuery";
import type { CaseSummary } from "../generated/CaseSummary";
import type { CaseView } from "../generated/CaseView";
import type { CommandError } from "../generated/CommandError";
import type { CountingChoices } from "../generated/CountingChoices";
import type { FactsPreview } from "../generated/FactsPreview";
import type { FieldError } from "../generated/FieldError";
import type { NewCallForm } from "../generated/NewCallForm";
import type { ServiceSettings } from "../generated/ServiceSettings";
import type { SettingsView } from "../generated/SettingsView";
import type { StaffMember } from "../generated/StaffMember";
import type { Startup } from "../generated/Startup";
import type { Timeline } from "../generated/Timeline";
import type { TodayItem } from "../generated/TodayItem";
import type { DisagreementForm } from "../generated/DisagreementForm";
import type { KnownParty } from "../generated/KnownParty";
import type { TargetsForm } from "../generated/TargetsForm";
import type { TargetItem } from "../generated/TargetItem";
import type { LockState } from "../generated/LockState";
import type { LockSettings } from "../generated/LockSettings";
import type { RecoveryCodeShown } from "../generated/RecoveryCodeShown";
import type { SecretInput } from "../generated/SecretInput";
import type { BackupStatus } from "../generated/BackupStatus";
import type { CaseAccess } from "../generated/CaseAccess";
import type { Disposal } from "../generated/Disposal";
import type { DisposalOutcome } from "../generated/DisposalOutcome";
import type { Painted } from "../generated/Painted";
import type { RetentionPolicy } from "../generated/RetentionPolicy";
import type { RetentionView } from "../generated/RetentionView";
import type { SubjectAccessCheck } from "../generated/SubjectAccessCheck";

/** What the app does when a call finds it locked (App sets it). */
export const whenLocked = { handler: () => {} };

/** Call the core; a refusal because the app is locked also tells the app. */
async function invoke<T>(command: string, args?: InvokeArgs): Promise<T> {
  try {
    return await tauriInvoke<T>(command, args);
  } catch (e) {
    if (asError(e).locked) whenLocked.handler();
    throw e;
  }
}

/** An error from the core, always with a message. */
export function asError(e: unknown): CommandError {
  if (e && typeof e === "object" && "message" in e) return e as CommandError;
  return { message: String(e), field: null, fields: [], locked: false };
}

/** An error as the problems of a form, for its error summary: the core's
 * field errors, or its one message against its field (else `fallback`). */
/** The message for one field among a form's errors, or "". */
export function errorFor(errors: FieldError[], field: string): string {
  return errors.find((e) => e.field === field)?.message ?? "";
}

export function fieldErrors(e: unknown, fallback: string): FieldError[] {
  const err = asError(e);
  return err.fields.length ? err.fields : [{ field: err.field ?? fallback, message: err.message }];
}

export const api = {
  // Locking and unlocking.
  databaseState: () => invoke<LockState>("database_state"),
  unlock: (secret: SecretInput) => invoke<void>("unlock", { secret }),
  setUp: (passphrase: string, confirm: string) => invoke<RecoveryCodeShown>("set_up", { passphrase, confirm }),
  changePassphrase: (current: string | null, passphrase: string, confirm: string) =>
    invoke<void>("change_passphrase", { current, passphrase, confirm }),
  lock: () => invoke<void>("lock"),
  activity: () => invoke<void>("activity"),
  lockSettings: () => invoke<LockSettings>("lock_settings"),
  restoreLocked: (path: string, secret: SecretInput) => invoke<string>("restore_locked", { path, secret }),
  backupStatus: () => invoke<BackupStatus>("backup_status"),
  saveLockSettings: (lockAfterMinutes: number) => invoke<void>("save_lock_settings", { lockAfterMinutes }),
  startup: () => invoke<Startup>("startup"),
  painted: (screen: "unlock" | "today") => invoke<Painted>("painted", { screen }),
  today: (days: number) => invoke<TodayItem[]>("today_view", { days }),
  listCases: (query: CaseListQuery) => invoke<CaseSummary[]>("list_cases", { query }),
  localAuthorities: () => invoke<string[]>("local_authorities"),
  caseView: (reference: string) => invoke<CaseView>("case_view", { reference }),
  /** A person opens the case: recorded as looked at (`caseView` reads it again unrecorded). */
  openCase: (reference: string) => invoke<CaseView>("open_case", { reference }),
  caseAccess: (reference: string) => invoke<CaseAccess[]>("case_access", { reference }),
  previewCall: (form: NewCallForm) => invoke<Timeline>("preview_call", { form }),
  logCall: (form: NewCallForm) => invoke<string>("log_call", { form }),
  factsForm: (reference: string) => invoke<FactsForm>("facts_form", { reference }),
  previewFacts: (reference: string, form: FactsForm) => invoke<FactsPreview>("preview_facts", { reference, form }),
  saveFacts: (reference: string, form: FactsForm) => invoke<CaseView>("save_facts", { reference, form }),
  addNote: (reference: string, text: string) => invoke<CaseView>("add_note", { reference, text }),
  caseDetails: (reference: string) => invoke<CaseDetailsForm>("case_details", { reference }),
  saveDetails: (reference: string, form: CaseDetailsForm) => invoke<CaseView>("save_details", { reference, form }),
  closeCase: (reference: string, reason: string) => invoke<CaseView>("close_case", { reference, reason }),
  settings: () => invoke<SettingsView>("settings"),
  saveService: (service: ServiceSettings) => invoke<void>("save_service", { service }),
  saveChoices: (choices: CountingChoices) => invoke<void>("save_choices", { choices }),
  saveStaff: (member: StaffMember) => invoke<void>("save_staff", { member }),
  importBankHolidays: (path: string) => invoke<number[]>("import_bank_holidays", { path }),
  backupNow: (path: string) => invoke<string>("backup_now", { path }),
  restoreBackup: (path: string, secret: SecretInput | null = null) => invoke<string>("restore_backup", { path, secret }),
  caseCertificates: (reference: string) => invoke<CaseCertificates>("case_certificates", { reference }),
  previewCertificate: (reference: string, form: IssueCertificateForm) => invoke<CertificateIssued>("preview_certificate", { reference, form }),
  issueCertificate: (reference: string, form: IssueCertificateForm) => invoke<CertificateIssued>("issue_certificate", { reference, form }),
  openCertificate: (number: string) => invoke<string>("open_certificate", { number }),
  saveCertificateAs: (number: string, path: string) => invoke<string>("save_certificate_as", { number, path }),
  voidCertificate: (number: string, reason: string) => invoke<void>("void_certificate", { number, reason }),
  reissueCertificate: (number: string, issuedOn: DateParts) => invoke<CertificateIssued>("reissue_certificate", { number, issuedOn }),
  reportForm: () => invoke<ReportForm>("report_form"),
  report: (form: ReportForm) => invoke<KpiReport>("report", { form }),
  saveReport: (form: ReportForm, path: string) => invoke<string>("save_report", { form, path }),
  exportCases: (form: ReportForm, format: ExportFormat, withNames: boolean, path: string) =>
    invoke<string>("export_cases", { form, format, withNames, path }),
  exportNotice: (format: ExportFormat, withNames: boolean) => invoke<string | null>("export_notice", { format, withNames }),
  importPreview: (name: string, text: string, mapping: ImportMapping | null) => invoke<ImportView>("import_preview", { name, text, mapping }),
  importCases: (text: string, mapping: ImportMapping) => invoke<string>("import_cases", { text, mapping }),
  exemptionLetter: (reference: string, dated: DateParts, signedBy: string | null) =>
    invoke<string>("exemption_letter", { reference, dated, signedBy }),
  certificateRegister: (query: RegisterQuery) => invoke<CertificateRecord[]>("certificate_register", { query }),
  // Retention, erasure and a person's requests.
  retention: () => invoke<RetentionView>("retention"),
  saveRetentionPolicy: (policy: RetentionPolicy) => invoke<RetentionView>("save_retention_policy", { policy }),
  disposeDue: (references: string[]) => invoke<DisposalOutcome>("dispose_due", { references }),
  eraseCase: (reference: string, reason: string) => invoke<Disposal>("erase_case", { reference, reason }),
  subjectAccessCheck: (name: string) => invoke<SubjectAccessCheck>("subject_access_check", { name }),
  saveSubjectAccess: (name: string, path: string) => invoke<string>("save_subject_access", { name, path }),
  // Disagreement resolution.
  otherParties: () => invoke<KnownParty[]>("other_parties"),
  disagreementForm: (reference: string) => invoke<DisagreementForm>("disagreement_form", { reference }),
  saveDisagreement: (reference: string, form: DisagreementForm) => invoke<CaseView>("save_disagreement", { reference, form }),
  recordOfOutcome: (reference: string, dated: DateParts) => invoke<string>("record_of_outcome", { reference, dated }),
  todayTargets: (days: number) => invoke<TargetItem[]>("today_targets", { days }),
  serviceTargets: () => invoke<TargetsForm>("service_targets"),
  saveServiceTargets: (targets: TargetsForm) => invoke<void>("save_service_targets", { targets }),
};
