// The join form: show the "another organisation" box only when it is chosen.
const select = document.querySelector("select[data-other]");
if (select) {
  const other = document.getElementById(select.dataset.other);
  const sync = () => { other.hidden = select.value !== "__other__"; };
  select.addEventListener("change", sync);
  sync();
}
