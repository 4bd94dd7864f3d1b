import { extractText, getDocumentProxy } from 'unpdf';

/** The text of a PDF, extracted with pdf.js (unpdf), whitespace folded so wrapped lines read as one. */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  const pdf = await getDocumentProxy(bytes);
  const { text } = await extractText(pdf, { mergePages: true });
  return text.replace(/\s+/g, ' ');
}
