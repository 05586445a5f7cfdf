// The site's only script: Pagefind's search UI on search.html (offline, static index).
// The header's plain search form (every page) sends ?q=...; the search runs here.
window.addEventListener("DOMContentLoaded", function () {
  var element = document.getElementById("search");
  if (!element) { return; }
  // Opened from disk (file://), the browser refuses to load the index: say so plainly
  // instead of a search box that never answers.
  if (window.location.protocol === "file:") {
    var offline = document.getElementById("search-from-disk");
    if (offline) { offline.hidden = false; }
    return;
  }
  if (typeof PagefindUI === "undefined") { return; }
  // A large digest's index comes in shards; the others are merged into this one.
  var merge = (element.getAttribute("data-merge") || "").split(" ").filter(Boolean);
  var ui = new PagefindUI({
    element: "#search",
    baseUrl: element.getAttribute("data-base-url") || "/",
    mergeIndex: merge.map(function (path) {
      return { bundlePath: new URL(path, document.baseURI).href };
    }),
    showSubResults: false,
    showImages: false
  });
  // Pagefind names its search box only by a placeholder; give it a real label.
  var input = element.querySelector("input");
  if (input) {
    input.setAttribute("aria-label", element.getAttribute("data-label") || "Search");
    input.setAttribute("name", "q");
  }
  var fallback = document.getElementById("search-fallback");
  if (fallback) { fallback.hidden = true; }
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) { ui.triggerSearch(query); }
});
