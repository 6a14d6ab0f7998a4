// Progressive enhancement only: every page works without it.
// The rule check button keeps the page position at the results.
document.addEventListener("DOMContentLoaded", function () {
  var hasil = document.getElementById("hasil");
  if (hasil) { hasil.setAttribute("tabindex", "-1"); hasil.focus(); }
});
