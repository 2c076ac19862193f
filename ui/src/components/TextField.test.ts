// A text field names its hint and its own error in aria-describedby, marks
// itself invalid, and its id is the one the error summary links to.
import { describe, expect, it } from "vitest";
import { render, screen } from "@testing-library/svelte";
import TextField from "./TextField.svelte";

describe("A text field", () => {
  it("is described by its hint and its error, and is marked invalid", () => {
    render(TextField, { id: "caller_name", label: "Caller's name", hint: "As they gave it", error: "Enter the caller's name", value: "" });
    const box = screen.getByLabelText("Caller's name") as HTMLInputElement;
    expect(box.id).toBe("caller_name");
    expect(box.getAttribute("aria-invalid")).toBe("true");
    expect(box.getAttribute("aria-describedby")).toBe("caller_name-hint caller_name-error");
    expect(document.getElementById("caller_name-error")!.textContent).toBe("Error: Enter the caller's name");
  });
  it("is a textarea when given rows, with its note in the label and nothing to describe it", () => {
    render(TextField, { id: "note", label: "Note", note: "optional", rows: 3, value: "Rang back" });
    const box = screen.getByLabelText("Note (optional)") as HTMLTextAreaElement;
    expect(box.tagName).toBe("TEXTAREA");
    expect(box.value).toBe("Rang back");
    expect(box.getAttribute("aria-invalid")).toBe("false");
    expect(box.hasAttribute("aria-describedby")).toBe(false);
  });
});
