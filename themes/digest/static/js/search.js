// The site's only script: Pagefind's search UI on search.html (offline, static index).
window.addEventListener("DOMContentLoaded", function () {
  var element = document.getElementById("search");
  if (!element || typeof PagefindUI === "undefined") { return; }
  var ui = new PagefindUI({
    element: "#search",
    baseUrl: element.getAttribute("data-base-url") || "/",
    showSubResults: false,
    showImages: false
  });
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) { ui.triggerSearch(query); }
});
