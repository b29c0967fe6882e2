// Fill a fillable PDF the way Firefox does: pdf.js's annotationStorage, then saveDocument().
//   node pdfjs_fill.mjs BLANK.pdf FILLED.pdf VALUES.json
// VALUES.json maps a field name to what a person enters: the text of a text or choice field,
// or the on-state name ("/Yes", "/2") of the check box or radio button to tick.
import fs from "node:fs";
import { createRequire } from "node:module";
import * as pdfjs from "pdfjs-dist/legacy/build/pdf.mjs";

const [blankPath, filledPath, valuesPath] = process.argv.slice(2);
const values = JSON.parse(fs.readFileSync(valuesPath, "utf-8"));
const distribution = createRequire(import.meta.url).resolve("pdfjs-dist/package.json").replace("package.json", "");
const pdf = await pdfjs.getDocument({
  data: new Uint8Array(fs.readFileSync(blankPath)),
  cMapUrl: distribution + "cmaps/",
  cMapPacked: true,
  standardFontDataUrl: distribution + "standard_fonts/",
  verbosity: 0,
}).promise;
const fields = (await pdf.getFieldObjects()) || {};
const unknown = Object.keys(values).filter((name) => !(name in fields));
if (unknown.length) {
  console.error(`pdf.js finds no field named ${unknown.join(", ")}`);
  process.exit(1);
}
for (const [name, widgets] of Object.entries(fields)) {
  if (!(name in values)) continue;
  const wanted = values[name];
  for (const widget of widgets) {
    if (!widget.id) continue; // the field's parent, not a widget
    if (widget.type === "checkbox" || widget.type === "radiobutton") {
      pdf.annotationStorage.setValue(widget.id, { value: `/${widget.exportValues}` === wanted });
    } else {
      pdf.annotationStorage.setValue(widget.id, { value: wanted });
    }
  }
}
fs.writeFileSync(filledPath, await pdf.saveDocument());
