// Sort and filter for the register tables, and dates that move on without a rebuild.
// Plain script, no network: the intranet is offline.
// Material loads pages instantly (XHR); document$ re-runs this after each navigation.
(function () {
  function pad(number) { return (number < 10 ? "0" : "") + number; }

  // The reader's date (local), as YYYY-MM-DD: ISO dates compare as strings.
  function readerDate() {
    var now = new Date();
    return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  }

  // A page built on day D is read on day D+30: every element with data-hb-due="YYYY-MM-DD"
  // shows its [data-hb-when-due] part from that date on (待生效 → 已生效, a superseded
  // notice, 逾期) and its [data-hb-until-due] part before it. The text is in the page.
  function applyDates() {
    var today = readerDate();
    document.querySelectorAll("[data-hb-due]").forEach(function (element) {
      var due = today >= element.getAttribute("data-hb-due");
      element.querySelectorAll("[data-hb-until-due]").forEach(function (part) { part.hidden = due; });
      element.querySelectorAll("[data-hb-when-due]").forEach(function (part) { part.hidden = !due; });
      var marker = element.getAttribute("data-hb-due-class");
      if (marker) element.classList.toggle(marker, due);
    });
  }

  function cellText(row, index) {
    var cell = row.children[index];
    return cell ? cell.textContent.trim() : "";
  }

  function sortBy(table, header) {
    var index = Array.prototype.indexOf.call(header.parentNode.children, header);
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    table.querySelectorAll("th[data-hb-sort]").forEach(function (th) { th.removeAttribute("aria-sort"); });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var result = cellText(a, index).localeCompare(cellText(b, index), "zh-Hans-CN", { numeric: true });
      return ascending ? result : -result;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }

  function applyFilters(register) {
    var filters = register.querySelectorAll("[data-hb-filter]");
    register.querySelectorAll("tbody tr").forEach(function (row) {
      var visible = true;
      filters.forEach(function (filter) {
        var value = filter.value.trim().toLowerCase();
        if (!value) return;
        var key = filter.getAttribute("data-hb-filter");
        if (key === "text") {
          visible = visible && row.textContent.toLowerCase().indexOf(value) !== -1;
        } else {
          visible = visible && (row.getAttribute("data-" + key) || "").toLowerCase() === value;
        }
      });
      row.hidden = !visible;
    });
  }

  function setUp() {
    applyDates();
    document.querySelectorAll("table.hb-sortable").forEach(function (table) {
      table.querySelectorAll("th[data-hb-sort]").forEach(function (header) {
        header.setAttribute("tabindex", "0");
        header.addEventListener("click", function () { sortBy(table, header); });
        header.addEventListener("keydown", function (event) { if (event.key === "Enter") sortBy(table, header); });
      });
    });
    document.querySelectorAll("[data-hb-register]").forEach(function (register) {
      register.querySelectorAll("[data-hb-filter]").forEach(function (filter) {
        filter.addEventListener("input", function () { applyFilters(register); });
        filter.addEventListener("change", function () { applyFilters(register); });
      });
    });
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(setUp);
  } else {
    document.addEventListener("DOMContentLoaded", setUp);
  }
})();
