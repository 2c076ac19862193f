// A spreadsheet chosen on the Import screen is read as UTF-8 or refused.
import { describe, expect, it } from "vitest";
import { readSpreadsheet } from "./files";

const file = (bytes: number[] | string, name = "cases.csv") => {
  const blob = new Blob([typeof bytes === "string" ? bytes : new Uint8Array(bytes)]);
  return Object.assign(blob, { name });
};

describe("reading a spreadsheet", () => {
  it("reads UTF-8, names and all", async () => {
    expect(await readSpreadsheet(file("Child,Date sent\nSiân Jones,01/03/2026\n"))).toContain("Siân Jones");
  });
  it("refuses a file saved in another encoding, saying how to save it", async () => {
    // "Siân" in Windows-1252: the â is the single byte 0xE2.
    await expect(readSpreadsheet(file([0x53, 0x69, 0xe2, 0x6e, 0x0a], "old.csv"))).rejects.toThrow(/old.csv is not UTF-8.*CSV UTF-8/);
  });
});
