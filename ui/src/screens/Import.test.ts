// The Import screen against a mocked core: the chosen file's text goes to
// the core's dry run; problems keep the import button disabled; a changed
// column mapping runs the dry run again; a clean file imports.
import { describe, expect, it, vi, beforeEach } from "vitest";
import { render, screen, fireEvent, waitFor } from "@testing-library/svelte";
import { invoke } from "@tauri-apps/api/core";
import Import from "./Import.svelte";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));
const mocked = vi.mocked(invoke);

const text = "Child name,LA,Date sent\nSiân Hughes,Leeds City Council,31/02/2026\n";
const fields = [{ value: "child_name", label: "Child or young person's name" }, { value: "local_authority", label: "Local authority" },
  { value: "decision_sent_on", label: "Date the decision was sent" }, { value: "ignore", label: "Do not import this column" }];
const view = (problems: string[]) => ({
  file: "cases.csv", fields,
  preview: {
    headers: ["Child name", "LA", "Date sent"],
    mapping: { columns: { "Child name": "child_name", LA: "local_authority", "Date sent": "decision_sent_on" } },
    rows: [{ row: 1, cells: [["Child name", "Siân Hughes"], ["LA", "Leeds City Council"], ["Date sent", "31/02/2026"]], problems }],
    total_rows: 1, problems,
  },
});

async function choose() {
  const input = screen.getByLabelText("Spreadsheet (CSV)") as HTMLInputElement;
  const file = Object.assign(new Blob([text]), { name: "cases.csv" });
  Object.defineProperty(input, "files", { value: [file] });
  await fireEvent.change(input);
}

describe("Import", () => {
  beforeEach(() => mocked.mockReset());

  it("sends the file's text to the dry run and keeps import disabled while a problem remains", async () => {
    mocked.mockImplementation(async (cmd) => (cmd === "import_preview" ? view(["row 1: 'Date sent' 31/02/2026 is not a date"]) : null));
    render(Import);
    await choose();
    expect(await screen.findByText("1 row, 1 problem")).toBeTruthy();
    expect(screen.getAllByText("row 1: 'Date sent' 31/02/2026 is not a date").length).toBe(2);
    expect((screen.getByRole("button", { name: "Import 1 case" }) as HTMLButtonElement).disabled).toBe(true);
    expect(mocked).toHaveBeenCalledWith("import_preview", { name: "cases.csv", text, mapping: null });
  });

  it("runs the dry run again with a changed mapping, then imports", async () => {
    mocked.mockImplementation(async (cmd, args: any) => {
      if (cmd === "import_preview") return view(args.mapping ? [] : ["row 1: 'Date sent' 31/02/2026 is not a date"]);
      if (cmd === "import_cases") return "Imported 1 cases.";
      return null;
    });
    render(Import);
    await choose();
    await screen.findByText("1 row, 1 problem");
    await fireEvent.change(screen.getByLabelText("Date sent"), { target: { value: "ignore" } });
    await screen.findByText("1 row, no problems");
    const sent = mocked.mock.calls.filter((c) => c[0] === "import_preview")[1][1] as any;
    expect(sent.mapping.columns["Date sent"]).toBe("ignore");
    await fireEvent.click(screen.getByRole("button", { name: "Import 1 case" }));
    expect(await screen.findByText("Imported 1 cases.")).toBeTruthy();
    await waitFor(() => expect(mocked).toHaveBeenCalledWith("import_cases", expect.objectContaining({ text })));
  });
});
