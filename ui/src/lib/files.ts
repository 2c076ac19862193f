// Reading a file the user chose in the page (the Import screen): the bytes
// must be UTF-8, or "Siân" would silently become "Si?n".
export const MAX_SPREADSHEET_BYTES = 100 * 1024 * 1024;

export async function readSpreadsheet(file: Blob & { name: string }): Promise<string> {
  if (file.size > MAX_SPREADSHEET_BYTES) throw new Error(`${file.name} is larger than 100 MB, the largest spreadsheet Mediation Desk reads`);
  const bytes = await new Promise<ArrayBuffer>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.onerror = () => reject(new Error(`${file.name} could not be read`));
    reader.readAsArrayBuffer(file);
  });
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new Error(`${file.name} is not UTF-8 text: in the spreadsheet, save it as "CSV UTF-8 (comma delimited)" and choose it again`);
  }
}
