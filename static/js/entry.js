/* Entry pages of the 12 tables: live sums, 元/万元, add and remove rows, the code picker, paste from Excel.
 *
 * The page works without this script (the server adds up, checks and reads pasted text); the script
 * makes typing fast. Amounts are exact: they are counted in fen (0.01 元) as BigInt, never as floats,
 * and shown back with the decimals the server would show (万元: 2 to 6 decimals, 元: 2).
 */
(function () {
  "use strict";

  // ---- Exact amounts -------------------------------------------------------------------------------

  var FEN = { "元": { perUnit: 100n, decimals: 2 }, "万元": { perUnit: 1000000n, decimals: 6 } };

  /** Text as the server reads it (disclosures.money.parse_amount, Python's Decimal): outer blanks trimmed,
   *  thousands commas (half- or full-width) dropped, full-width digits (１２, as a Chinese IME types them)
   *  read as digits. */
  function normaliseAmount(text) {
    return String(text == null ? "" : text)
      .trim()
      .replace(/[,，]/g, "")
      .replace(/[０-９]/g, function (digit) {
        return String.fromCharCode(digit.charCodeAt(0) - 0xff10 + 48);
      });
  }

  /** Text typed in `unit` as fen (BigInt); blank is 0n; null when it is not a non-negative amount. */
  function parseAmount(text, unit) {
    var scale = FEN[unit] || FEN["万元"];
    var cleaned = normaliseAmount(text);
    if (cleaned === "") return 0n;
    var match = /^\+?(\d*)(?:\.(\d*))?$/.exec(cleaned);
    if (!match || (match[1] === "" && !match[2])) return null;
    var fraction = (match[2] || "").replace(/0+$/, "");
    if (fraction.length > scale.decimals) return null;
    fraction = fraction.padEnd(scale.decimals, "0");
    return BigInt(match[1] || "0") * scale.perUnit + BigInt(fraction || "0");
  }

  /** Fen shown in `unit`: 元 with 2 decimals; 万元 with 2 decimals, more only when needed. */
  function formatAmount(fen, unit, blankZero) {
    if (blankZero && fen === 0n) return "";
    var scale = FEN[unit] || FEN["万元"];
    var whole = fen / scale.perUnit;
    var fraction = (fen % scale.perUnit).toString().padStart(scale.decimals, "0");
    fraction = fraction.replace(/0+$/, "");
    if (fraction.length < 2) fraction = fraction.padEnd(2, "0");
    return whole.toString() + "." + fraction;
  }

  // ---- Text copied from Excel ---------------------------------------------------------------------

  /** Rows of cells of Excel's clipboard text: tabs between cells, quoted cells may hold tabs and breaks. */
  function readCells(clipboard) {
    var rows = [];
    var row = [];
    var cell = "";
    var quoted = false;
    var atCellStart = true;
    var source = String(clipboard).replace(/\r\n?/g, "\n");
    for (var i = 0; i < source.length; i++) {
      var ch = source[i];
      if (quoted) {
        if (ch === '"' && source[i + 1] === '"') {
          cell += '"';
          i++;
        } else if (ch === '"') {
          quoted = false;
        } else {
          cell += ch;
        }
        atCellStart = false;
      } else if (ch === '"' && atCellStart) {
        quoted = true;
        atCellStart = false;
      } else if (ch === "\t") {
        row.push(cell);
        cell = "";
        atCellStart = true;
      } else if (ch === "\n") {
        row.push(cell);
        rows.push(row);
        row = [];
        cell = "";
        atCellStart = true;
      } else {
        cell += ch;
        atCellStart = false;
      }
    }
    if (cell !== "" || row.length) {
      row.push(cell);
      rows.push(row);
    }
    return rows;
  }

  /** "2080505 机关事业单位基本养老保险缴费支出" (as copied from a table) → "2080505". */
  function codeFromText(text) {
    var match = /^\s*(\d+)/.exec(text || "");
    return match ? match[1] : String(text || "").trim();
  }

  var exported = { normaliseAmount: normaliseAmount, parseAmount: parseAmount, formatAmount: formatAmount, readCells: readCells, codeFromText: codeFromText };
  if (typeof module !== "undefined" && module.exports) {
    module.exports = exported; // lets the helpers above be exercised outside a browser
  }
  if (typeof document === "undefined") return;

  // ---- Grids: rows, renumbering, adding and removing ------------------------------------------------

  function ownedBy(grid, selector) {
    return Array.prototype.filter.call(grid.querySelectorAll(selector), function (element) {
      return element.closest("[data-grid]") === grid;
    });
  }

  function rowsContainer(grid) {
    return ownedBy(grid, "[data-rows]")[0] || null;
  }

  function rowsOf(grid) {
    var container = rowsContainer(grid);
    if (!container) return [];
    return Array.prototype.filter.call(container.children, function (element) {
      return element.classList.contains("js-row");
    });
  }

  function gridOfRow(row) {
    return row.parentElement.closest("[data-grid]");
  }

  function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  var RENAMED_ATTRIBUTES = ["name", "id", "for", "data-prefix", "aria-describedby"];

  /** Give the row at `index` of the grid with `prefix` its names and ids (templates inside included). */
  function rename(root, prefix, index) {
    var pattern = new RegExp("^(id_)?" + escapeRegExp(prefix) + "-(\\d+|__prefix__|__item__)(?=-|$)");
    var replacement = "$1" + prefix + "-" + index;
    var elements = [root].concat(Array.prototype.slice.call(root.querySelectorAll("*")));
    elements.forEach(function (element) {
      RENAMED_ATTRIBUTES.forEach(function (attribute) {
        var value = element.getAttribute(attribute);
        if (value !== null) element.setAttribute(attribute, value.replace(pattern, replacement));
      });
      if (element.tagName === "TEMPLATE") {
        Array.prototype.forEach.call(element.content.children, function (child) {
          rename(child, prefix, index);
        });
      }
    });
  }

  function renumber(grid) {
    var prefix = grid.getAttribute("data-prefix");
    var rows = rowsOf(grid);
    rows.forEach(function (row, index) {
      rename(row, prefix, index);
      var number = row.querySelector("[data-row-number]");
      if (number) number.textContent = String(index + 1);
    });
    var total = ownedBy(grid, 'input[name$="-TOTAL_FORMS"]')[0];
    if (total) total.value = String(rows.length);
  }

  function addRow(grid) {
    var template = ownedBy(grid, "template[data-row-template]")[0];
    var container = rowsContainer(grid);
    if (!template || !container) return null;
    var placeholder = template.getAttribute("data-placeholder") || "__prefix__";
    var index = rowsOf(grid).length;
    container.insertAdjacentHTML("beforeend", template.innerHTML.split(placeholder).join(String(index)));
    renumber(grid);
    var rows = rowsOf(grid);
    return rows[rows.length - 1];
  }

  function removeRow(row) {
    var grid = gridOfRow(row);
    row.remove();
    renumber(grid);
    if (!rowsOf(grid).length) addRow(grid); // keep one row to type into
  }

  // ---- Live sums and the entry unit ------------------------------------------------------------------

  function unitOf(form) {
    var select = form.querySelector(".js-entry-unit");
    return select ? select.value : "万元";
  }

  function amountInputs(scope, names) {
    var selector = names.map(function (name) {
      return '.js-amount[data-field="' + name + '"]';
    }).join(",");
    return selector ? scope.querySelectorAll(selector) : [];
  }

  function sumOf(inputs, unit) {
    var total = 0n;
    Array.prototype.forEach.call(inputs, function (input) {
      var fen = parseAmount(input.value, unit);
      if (fen !== null) total += fen;
    });
    return total;
  }

  function checkAmount(input, unit) {
    var valid = parseAmount(input.value, unit) !== null;
    input.classList.toggle("is-invalid", !valid);
    if (valid) input.removeAttribute("aria-invalid");
    else input.setAttribute("aria-invalid", "true");
  }

  function indicatorText(row) {
    var cell = row.querySelector("[data-indicator-text]");
    if (!cell) return;
    function value(name) {
      var input = row.querySelector('[data-field="' + name + '"]');
      return input ? input.value.trim() : "";
    }
    cell.textContent = value("name") ? value("name") + "(" + value("operator") + value("value") + value("unit") + ")" : "";
  }

  function recalc(form) {
    var unit = unitOf(form);
    form.querySelectorAll("[data-sum]").forEach(function (cell) {
      var scope = cell.closest(".js-row") || cell.closest("[data-grid]");
      var total = sumOf(amountInputs(scope, cell.getAttribute("data-sum").split(" ")), unit);
      cell.textContent = formatAmount(total, unit, false);
    });
    form.querySelectorAll("[data-total]").forEach(function (cell) {
      var grid = cell.closest("[data-grid]");
      var container = rowsContainer(grid) || grid;
      var total = sumOf(amountInputs(container, cell.getAttribute("data-total").split(" ")), unit);
      cell.textContent = formatAmount(total, unit, false);
    });
    form.querySelectorAll(".indicator-row").forEach(indicatorText);
  }

  function switchUnit(form, select) {
    var from = select.getAttribute("data-current") || select.value;
    var to = select.value;
    if (from === to) return;
    form.querySelectorAll(".js-amount").forEach(function (input) {
      var fen = parseAmount(input.value, from);
      if (fen !== null && input.value.trim() !== "") input.value = formatAmount(fen, to, true);
    });
    select.setAttribute("data-current", to);
    recalc(form);
    status(form, pageText(form, "unit-switched", { unit: to }));
  }

  function status(form, message) {
    var live = form.querySelector(".js-status");
    if (live) live.textContent = message;
  }

  /** A message of the page, translated by the server into the form's data-text-* attributes. */
  function pageText(element, name, values) {
    var form = element.closest(".js-entry-form");
    var message = (form && form.getAttribute("data-text-" + name)) || "";
    Object.keys(values || {}).forEach(function (key) {
      message = message.split("{" + key + "}").join(String(values[key]));
    });
    return message;
  }

  // ---- Code picker -----------------------------------------------------------------------------------

  var picker = { menu: null, input: null, items: [], active: -1, request: null, timer: null };

  function menu() {
    if (!picker.menu) {
      picker.menu = document.createElement("div");
      picker.menu.className = "dropdown-menu code-picker";
      picker.menu.id = "code-picker-menu";
      picker.menu.setAttribute("role", "listbox");
      picker.menu.addEventListener("mousedown", function (event) {
        var item = event.target.closest("[data-index]");
        if (!item) return;
        event.preventDefault(); // keep the focus in the input
        choose(Number(item.getAttribute("data-index")));
      });
      document.body.appendChild(picker.menu);
    }
    return picker.menu;
  }

  function closePicker() {
    if (picker.menu) picker.menu.classList.remove("show");
    if (picker.input) picker.input.setAttribute("aria-expanded", "false");
    picker.items = [];
    picker.active = -1;
  }

  function nameCell(input) {
    var row = input.closest(".js-row");
    return row ? row.querySelector('[data-code-name="' + input.getAttribute("data-field") + '"]') : null;
  }

  function showName(input, name, unknown) {
    var cell = nameCell(input);
    if (!cell) return;
    cell.textContent = name;
    cell.classList.toggle("text-danger", Boolean(unknown));
  }

  function searchUrl(input, term) {
    var form = input.closest(".js-entry-form");
    var params = new URLSearchParams({
      scheme: input.getAttribute("data-scheme"),
      level: input.getAttribute("data-level"),
      q: term,
    });
    return form.getAttribute("data-search-url") + "?" + params.toString();
  }

  function lookUp(input, term, signal) {
    return fetch(searchUrl(input, term), {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
      signal: signal,
    }).then(function (response) {
      if (!response.ok) throw new Error(String(response.status));
      return response.json();
    });
  }

  /** The search as the user types: a newer keystroke cancels the request of an older one. */
  function fetchCodes(input, term) {
    if (picker.request) picker.request.abort();
    picker.request = new AbortController();
    return lookUp(input, term, picker.request.signal);
  }

  function render(input, results, more) {
    var list = menu();
    list.textContent = "";
    picker.items = results;
    picker.active = results.length ? 0 : -1;
    if (!results.length) {
      var empty = document.createElement("span");
      empty.className = "dropdown-item-text text-muted small";
      empty.textContent = pageText(input, "no-match");
      list.appendChild(empty);
    }
    results.forEach(function (result, index) {
      var item = document.createElement("button");
      item.type = "button";
      item.className = "dropdown-item" + (index === 0 ? " active" : "");
      item.id = "code-picker-item-" + index;
      item.setAttribute("role", "option");
      item.setAttribute("data-index", String(index));
      var code = document.createElement("strong");
      code.textContent = result.code;
      var name = document.createElement("span");
      name.textContent = " " + result.name;
      item.appendChild(code);
      item.appendChild(name);
      if (result.path) {
        var path = document.createElement("small");
        path.className = "d-block text-muted";
        path.textContent = result.path;
        item.appendChild(path);
      }
      if (!result.verified) item.title = pageText(input, "unverified");
      list.appendChild(item);
    });
    if (more) {
      var hint = document.createElement("span");
      hint.className = "dropdown-item-text text-muted small";
      hint.textContent = pageText(input, "more");
      list.appendChild(hint);
    }
    var box = input.getBoundingClientRect();
    list.style.left = box.left + window.scrollX + "px";
    list.style.top = box.bottom + window.scrollY + "px";
    list.classList.add("show");
    input.setAttribute("aria-expanded", "true");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("aria-activedescendant", picker.active >= 0 ? "code-picker-item-0" : "");
  }

  function highlight(index) {
    if (!picker.items.length) return;
    picker.active = (index + picker.items.length) % picker.items.length;
    menu().querySelectorAll("[data-index]").forEach(function (item) {
      var on = Number(item.getAttribute("data-index")) === picker.active;
      item.classList.toggle("active", on);
      if (on) item.scrollIntoView({ block: "nearest" });
    });
    picker.input.setAttribute("aria-activedescendant", "code-picker-item-" + picker.active);
  }

  function choose(index) {
    var result = picker.items[index];
    var input = picker.input;
    if (!result || !input) return;
    input.value = result.code;
    input.setAttribute("data-settled", result.code);
    input.classList.remove("is-invalid");
    showName(input, result.name, false);
    closePicker();
    markDirty(input.closest(".js-entry-form"));
  }

  function search(input) {
    picker.input = input;
    var term = input.value.trim();
    clearTimeout(picker.timer);
    picker.timer = setTimeout(function () {
      fetchCodes(input, term).then(function (answer) {
        if (picker.input === input && document.activeElement === input) render(input, answer.results, answer.more);
      }).catch(function () {});
    }, 150);
  }

  /** After typing without picking: name a typed code, or take the only match of a typed name. */
  function settle(input) {
    var typed = input.value.trim();
    input.setAttribute("data-settled", typed);
    if (!typed) {
      showName(input, "", false);
      return;
    }
    var code = codeFromText(typed);
    var isCode = /^\d+$/.test(code);
    lookUp(input, isCode ? code : typed).then(function (answer) {
      var found = answer.results.filter(function (result) {
        return result.code === code;
      })[0];
      if (!found && !isCode && answer.results.length === 1) found = answer.results[0];
      if (found) {
        input.value = found.code;
        input.setAttribute("data-settled", found.code);
        showName(input, found.name, false);
      } else {
        showName(input, pageText(input, "unknown-code"), true);
      }
    }).catch(function () {});
  }

  function pickerKeys(event) {
    var open = picker.menu && picker.menu.classList.contains("show") && picker.input === event.target;
    if (!open) {
      if (event.key === "ArrowDown") search(event.target);
      return;
    }
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      highlight(picker.active + (event.key === "ArrowDown" ? 1 : -1));
    } else if (event.key === "Enter") {
      event.preventDefault(); // pick, do not submit the form
      choose(picker.active);
    } else if (event.key === "Escape") {
      closePicker();
    } else if (event.key === "Tab" && picker.active >= 0) {
      choose(picker.active);
    }
  }

  // ---- Paste a block copied from Excel ----------------------------------------------------------------

  function cellsOf(row) {
    return Array.prototype.filter.call(row.querySelectorAll("[data-field]"), function (element) {
      return element.closest(".js-row") === row && element.type !== "hidden";
    });
  }

  function pasteRows(grid) {
    var rows = rowsOf(grid);
    if (rows.length) return rows;
    return ownedBy(grid, "tr").filter(function (row) {
      return row.classList.contains("js-row");
    });
  }

  function setCell(element, value) {
    value = value.trim();
    if (element.tagName === "SELECT") {
      var option = Array.prototype.filter.call(element.options, function (candidate) {
        return candidate.value === value || candidate.textContent.trim() === value;
      })[0];
      if (option) element.value = option.value;
      return;
    }
    element.value = element.classList.contains("js-code") ? codeFromText(value) : value;
    if (element.classList.contains("js-code")) settle(element);
  }

  function isHeader(cells, fields) {
    return cells.some(function (cell, index) {
      return fields[index] && cell.trim() === fields[index].getAttribute("data-label");
    });
  }

  /** Fill the grid from the focused cell rightwards and downwards, adding rows as needed. */
  function paste(target, clipboard) {
    var grid = target.closest("[data-grid]");
    var row = target.closest(".js-row");
    if (!grid || !row) return 0;
    var rows = pasteRows(grid);
    var startRow = rows.indexOf(row);
    var startColumn = cellsOf(row).indexOf(target);
    var columns = cellsOf(row).slice(startColumn);
    var filled = 0;
    readCells(clipboard).forEach(function (cells) {
      var blank = !cells.some(function (cell) {
        return cell.trim();
      });
      if (blank || isHeader(cells, columns)) return;
      var current = rows[startRow + filled] || addRow(grid);
      if (!current) return;
      rows = pasteRows(grid);
      var fields = cellsOf(current).slice(startColumn);
      cells.forEach(function (cell, index) {
        if (fields[index]) setCell(fields[index], cell);
      });
      filled++;
    });
    return filled;
  }

  /** Whether a line of the block is a header copied with it (every cell a column title of the table). */
  function hasHeaderLine(form, clipboard) {
    var panel = form.querySelector("[data-header-titles]");
    if (!panel) return false;
    var titles = JSON.parse(panel.getAttribute("data-header-titles"));
    return readCells(clipboard).some(function (cells) {
      var filled = cells.map(function (cell) { return cell.trim(); }).filter(Boolean);
      return filled.length > 0 && filled.every(function (cell) {
        return titles.indexOf(cell) >= 0 || cell === "序号" || cell === "操作";
      });
    });
  }

  /** A block with its header is read by the server's paste panel, which matches columns by their titles
   *  and skips the read-only ones (disclosures/forms/entry_paste.py): one way of reading, not two. */
  function readOnServer(form, clipboard) {
    var text = form.querySelector("#paste-text");
    var read = form.querySelector(".js-paste-read");
    if (!text || !read) return;
    text.value = clipboard;
    form.removeAttribute("data-dirty");
    form.requestSubmit(read);
  }

  /** Enter moves down a column, as in a spreadsheet, instead of sending the form. */
  function moveDown(target) {
    var grid = target.closest("[data-grid]");
    var row = target.closest(".js-row");
    if (!grid || !row) return;
    var rows = pasteRows(grid);
    var next = rows[rows.indexOf(row) + 1];
    var field = next && cellsOf(next)[cellsOf(row).indexOf(target)];
    if (field) field.focus();
  }

  // ---- Findings: go to the cell a finding names -------------------------------------------------------

  function showTarget() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    if (!id) return;
    document.querySelectorAll(".finding-target").forEach(function (element) {
      element.classList.remove("finding-target");
    });
    var parts = id.split("-");
    for (var length = parts.length; length > 0; length--) {
      var candidate = parts.slice(0, length).join("-");
      var element = document.getElementById("id_" + candidate) || document.getElementById(candidate);
      if (element) {
        element.classList.add("finding-target");
        element.scrollIntoView({ block: "center" });
        if (typeof element.focus === "function" && element.matches("input, select, textarea")) element.focus();
        return;
      }
    }
  }

  // ---- Wiring -------------------------------------------------------------------------------------------

  function markDirty(form) {
    if (form) form.setAttribute("data-dirty", "true");
  }

  function setUp(form) {
    var unit = form.querySelector(".js-entry-unit");
    if (unit) unit.setAttribute("data-current", unit.value);
    form.querySelectorAll(".js-code").forEach(function (input) {
      input.setAttribute("data-settled", input.value.trim());
      input.setAttribute("role", "combobox");
      input.setAttribute("aria-autocomplete", "list");
      input.setAttribute("aria-expanded", "false");
    });
    form.addEventListener("input", function (event) {
      var target = event.target;
      markDirty(form);
      if (target.classList.contains("js-amount")) checkAmount(target, unitOf(form));
      if (target.classList.contains("js-code")) search(target);
      recalc(form);
    });
    form.addEventListener("change", function (event) {
      if (event.target.classList.contains("js-entry-unit")) switchUnit(form, event.target);
      else markDirty(form);
    });
    form.addEventListener("keydown", function (event) {
      var target = event.target;
      if (target.classList.contains("js-code")) pickerKeys(event);
      if (event.key === "Enter" && !event.defaultPrevented && target.tagName === "INPUT" && target.closest("[data-grid]")) {
        event.preventDefault();
        moveDown(target);
      }
    });
    form.addEventListener("focusout", function (event) {
      var target = event.target;
      if (!target.classList.contains("js-code")) return;
      if (picker.input === target) closePicker();
      if (target.value.trim() !== target.getAttribute("data-settled")) settle(target);
    });
    form.addEventListener("click", function (event) {
      var add = event.target.closest(".js-add-row");
      if (add) {
        var name = add.getAttribute("data-grid-target");
        var grid = name ? form.querySelector('[data-grid][data-prefix="' + name + '"]') : add.closest("[data-grid]");
        var row = addRow(grid);
        var first = row && cellsOf(row)[0];
        if (first) first.focus();
        markDirty(form);
        recalc(form);
        return;
      }
      var remove = event.target.closest(".js-remove-row");
      if (remove) {
        removeRow(remove.closest(".js-row"));
        markDirty(form);
        recalc(form);
      }
    });
    form.addEventListener("paste", function (event) {
      var target = event.target;
      if (!target.closest || !target.closest("[data-grid]") || !target.hasAttribute("data-field")) return;
      var clipboard = (event.clipboardData || window.clipboardData).getData("text");
      if (!/[\t\n]/.test(clipboard.replace(/\s+$/, ""))) return; // one cell: let the browser paste it
      event.preventDefault();
      if (hasHeaderLine(form, clipboard)) {
        readOnServer(form, clipboard);
        return;
      }
      var count = paste(target, clipboard);
      markDirty(form);
      recalc(form);
      status(form, pageText(form, "pasted", { count: count }));
    });
    form.addEventListener("submit", function () {
      form.removeAttribute("data-dirty");
    });
    recalc(form);
  }

  // ---- The strip of table tabs ----------------------------------------------------------------------------

  /** Scroll the strip (not the page) so that the current table's tab is in view, centred when it can be. */
  function showActiveTab() {
    var strip = document.querySelector(".table-tabs");
    var active = strip && strip.querySelector(".nav-link.active");
    if (!active) return;
    var item = active.parentElement;
    strip.scrollLeft = item.offsetLeft - strip.offsetLeft - (strip.clientWidth - item.offsetWidth) / 2;
  }

  function wireTableSelect() {
    var select = document.querySelector(".js-table-select");
    if (!select) return;
    select.addEventListener("change", function () {
      window.location.assign(select.value);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    showActiveTab();
    wireTableSelect();
    var forms = document.querySelectorAll(".js-entry-form");
    forms.forEach(setUp);
    window.addEventListener("beforeunload", function (event) {
      var dirty = Array.prototype.some.call(forms, function (form) {
        return form.hasAttribute("data-dirty");
      });
      if (dirty) {
        event.preventDefault();
        event.returnValue = "";
      }
    });
    window.addEventListener("resize", closePicker);
    window.addEventListener("hashchange", showTarget); // a finding's link on the same page
    showTarget();
  });
})();
