// Loaded with `async` from the top of the calculator, so the runtime starts downloading while
// the rest of the page still loads; main.mjs runs only once the whole document is parsed.
import { runtime } from "./runtime.mjs";

runtime.start();
