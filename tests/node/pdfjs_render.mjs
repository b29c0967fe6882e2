// Render every page of a PDF the way Firefox draws it: pdf.js onto a canvas, one PNG per page.
//   node pdfjs_render.mjs DOCUMENT.pdf OUTPUT_PREFIX [SCALE]
// Writes OUTPUT_PREFIX-1.png, OUTPUT_PREFIX-2.png, ... and prints the page count.
import fs from "node:fs";
import { createRequire } from "node:module";
import { createCanvas } from "@napi-rs/canvas";
import * as pdfjs from "pdfjs-dist/legacy/build/pdf.mjs";

const [documentPath, outputPrefix, scaleText] = process.argv.slice(2);
const scale = Number(scaleText || "1");
const distribution = createRequire(import.meta.url).resolve("pdfjs-dist/package.json").replace("package.json", "");
const pdf = await pdfjs.getDocument({
  data: new Uint8Array(fs.readFileSync(documentPath)),
  cMapUrl: distribution + "cmaps/",
  cMapPacked: true,
  standardFontDataUrl: distribution + "standard_fonts/",
  useSystemFonts: false,
  disableFontFace: true, // glyphs drawn from the embedded programs as paths, as no browser font engine is here
  verbosity: 0,
}).promise;
for (let number = 1; number <= pdf.numPages; number++) {
  const page = await pdf.getPage(number);
  const viewport = page.getViewport({ scale });
  const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
  const context = canvas.getContext("2d");
  context.fillStyle = "white";
  context.fillRect(0, 0, canvas.width, canvas.height);
  await page.render({ canvasContext: context, viewport }).promise;
  fs.writeFileSync(`${outputPrefix}-${number}.png`, canvas.toBuffer("image/png"));
}
console.log(pdf.numPages);
