// Progressive enhancement only: every page works without this file.
import { initAll } from "/static/vendor/nhsuk/nhsuk-frontend.min.js";

initAll();
