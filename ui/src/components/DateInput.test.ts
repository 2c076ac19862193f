// The day / month / year date input: labelled boxes, and its error shown beside it.
import { describe, expect, it } from "vitest";
import { render, screen } from "@testing-library/svelte";
import DateInput from "./DateInput.svelte";

describe("DateInput", () => {
  it("has a labelled box for each part, with ids the error summary links to", () => {
    render(DateInput, { id: "sent_on", label: "Date the letter was sent", value: { day: "2", month: "3", year: "2026" } });
    expect((screen.getByLabelText("Day") as HTMLInputElement).value).toBe("2");
    expect(screen.getByLabelText("Month").id).toBe("sent_on-month");
    expect((screen.getByLabelText("Year") as HTMLInputElement).value).toBe("2026");
  });

  it("shows its error and marks the boxes invalid", () => {
    render(DateInput, { id: "letter_dated", label: "Date on the letter", error: "Date on the letter must be a real date", value: { day: "31", month: "2", year: "2026" } });
    expect(screen.getByText(/must be a real date/)).toBeTruthy();
    expect(screen.getByLabelText("Day").getAttribute("aria-invalid")).toBe("true");
  });
});
