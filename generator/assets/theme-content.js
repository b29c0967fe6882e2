// Material's inline content script (partials/javascripts/content.html of mkdocs-material
// 9.8.1), moved into a file so that the Content-Security-Policy can forbid inline script.
var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"));
