/* The handbook's search worker, in place of Material's (generator/overrides/main.html points
 * the theme's search box at this file; same messages: 0 SETUP, 1 READY, 2 QUERY, 3 RESULT).
 *
 * Why our own: staff ask in sentences and with the handbook's numbers — 24小时内给顾客满意的回复,
 * 单次索赔数额超过500元, QR-GZ001-02. Material's worker ORs the words of a query, so one word in a
 * page title (1000× the weight of the text) beats the clause that says the whole rule; it cuts
 * the query only where the index has words and drops the query's last character, and splits
 * numbers at "-". Here a page is scored on the text itself:
 *   - the whole query (question words removed) found as a phrase: in a title, then in a clause;
 *   - otherwise the share of the query's character pairs a section holds, each pair weighted by
 *     how rare it is in the handbook (售后 and 服务 are everywhere, 定金 is not);
 *   - numbers and quantities (SH/GZ-001, 24小时, 500元) are matched whole.
 * The index holds only pages in force (archive pages are excluded when the site is built), and
 * every page's first entry is titled with its number (generator/render/site/search.py).
 * Result titles and texts are the index's own escaped HTML; only <mark> is added, outside tags.
 */
"use strict";

const QUESTION_WORDS = /怎么办|怎么|怎样|如何|多久|多长时间|什么|哪些|哪个|是否|吗|呢|？|\?/g;
const PUNCTUATION = /[\s\u200b\u3000、。，．？！；：:,.;!?“”"'‘’（）()《》【】\[\]]+/g;
const ASCII_RUN = /[a-z0-9][a-z0-9/\-.%]*/g;
const MAX_SECTIONS = 4;

let entries = [];
let pageCount = 1;
const pairPages = new Map(); // character pair → number of pages that hold it

function plain(html) {
  return html.replace(/<[^>]*>/g, " ").replace(/&lt;/g, "<").replace(/&gt;/g, ">")
    .replace(/&quot;/g, "\"").replace(/&#39;/g, "'").replace(/&amp;/g, "&")
    .replace(/\u200b/g, "").toLowerCase();
}

function compact(text) {
  return text.replace(PUNCTUATION, "");
}

/* The pieces a query is matched by: character pairs of Chinese, whole ASCII runs. */
function pieces(text) {
  const found = new Set();
  for (const run of text.match(ASCII_RUN) || []) found.add(run.replace(/[.\-/]+$/, ""));
  for (const run of text.replace(ASCII_RUN, " ").split(/[^\u3400-\u9fff\uf900-\ufaff]+/)) {
    if (run.length === 1) found.add(run);
    for (let i = 0; i + 1 < run.length; i++) found.add(run.slice(i, i + 2));
  }
  found.delete("");
  return [...found];
}

function pageOf(location) {
  return location.split("#")[0];
}

function setup(docs) {
  entries = docs.map(doc => {
    const title = plain(doc.title);
    const text = plain(doc.text);
    return { doc, page: pageOf(doc.location), title, text, titleCompact: compact(title), textCompact: compact(text) };
  });
  const pages = new Map();
  for (const entry of entries) {
    const held = pages.get(entry.page) || new Set();
    for (const piece of pieces(entry.title + " " + entry.text)) held.add(piece);
    pages.set(entry.page, held);
  }
  pageCount = pages.size || 1;
  pairPages.clear();
  for (const held of pages.values())
    for (const piece of held) pairPages.set(piece, (pairPages.get(piece) || 0) + 1);
}

function weight(piece) {
  return Math.log(1 + pageCount / (pairPages.get(piece) || 0.5));
}

function coverage(held, wanted, total) {
  let sum = 0;
  for (const piece of wanted) if (held.includes(piece)) sum += weight(piece);
  return total ? sum / total : 0;
}

function scoreEntry(entry, phrase, wanted, total) {
  let score = 0;
  if (phrase) {
    if (entry.titleCompact.endsWith(phrase)) score += 60; // the heading is the query (after its number)
    if (entry.titleCompact.includes(phrase)) score += 40;
    if (entry.textCompact.includes(phrase)) score += 25;
  }
  score += 20 * coverage(entry.titleCompact, wanted, total) ** 2;
  score += 30 * coverage(entry.textCompact, wanted, total) ** 2;
  return score * (entry.doc.boost || 1) ** 0.25;
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/* <mark> the query's pieces in the text between tags; the HTML itself stays as the index has it. */
function highlight(html, marks) {
  const text = html.replace(/\u200b/g, "");
  if (!marks.length) return text;
  const pattern = new RegExp(marks.map(escapeRegExp).join("|"), "gi");
  return text.split(/(<[^>]*>|&[#a-z0-9]+;)/i)
    .map((part, index) => index % 2 ? part : part.replace(pattern, found => `<mark>${found}</mark>`))
    .join("");
}

function search(query) {
  const asked = query.toLowerCase().replace(QUESTION_WORDS, " ");
  const phrase = compact(asked);
  if (!phrase) return { items: [] };
  const wanted = pieces(asked);
  const total = wanted.reduce((sum, piece) => sum + weight(piece), 0);
  const pages = new Map();
  for (const entry of entries) {
    const score = scoreEntry(entry, phrase, wanted, total);
    if (score <= 0.5) continue;
    const found = pages.get(entry.page) || [];
    found.push({ entry, score });
    pages.set(entry.page, found);
  }
  const marks = [phrase, ...wanted.filter(piece => piece.length > 1 || wanted.length === 1)]
    .filter(mark => !/[<>&]/.test(mark))
    .sort((a, b) => b.length - a.length);
  const terms = Object.fromEntries(wanted.map(piece => [piece, true]));
  const groups = [];
  for (const [page, found] of pages) {
    found.sort((a, b) => b.score - a.score);
    const held = found.map(item => item.entry.titleCompact + item.entry.textCompact).join("");
    const pageScore = found[0].score + 10 * coverage(held, wanted, total) ** 2;
    const best = found.slice(0, MAX_SECTIONS);
    if (!best.some(item => item.entry.doc.location === page)) {
      const article = entries.find(entry => entry.doc.location === page);
      if (article) best.push({ entry: article, score: 0 });
    }
    groups.push({
      score: pageScore,
      items: best.map(({ entry, score }) => ({
        ...entry.doc,
        title: highlight(entry.doc.title, marks),
        text: highlight(entry.doc.text, marks),
        score,
        terms
      }))
    });
  }
  groups.sort((a, b) => b.score - a.score);
  return { items: groups.map(group => group.items) };
}

addEventListener("message", event => {
  const message = event.data;
  if (message.type === 0) {
    setup(message.data.docs);
    postMessage({ type: 1 });
  } else if (message.type === 2) {
    postMessage({ type: 3, data: search(String(message.data || "")) });
  }
});
