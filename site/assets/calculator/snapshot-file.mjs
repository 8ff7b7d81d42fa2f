// The snapshot kept in the origin private file system (OPFS) after a first visit, and read back
// with a synchronous access handle straight into the buffer Pyodide restores from: 40–60 ms for
// its 25 MB here, against about 250 ms for the same bytes from Cache Storage (docs/performance-notes.md).
// It is kept as restored (its delta undone, see pyodide-adapter.mjs), in the shipped file's layout:
// without the long zero runs. Its name carries the sha256 of the full snapshot as restored,
// taken when it was written, which the worker checks as it starts (a same-size damaged copy
// had hung the start or given wrong answers).
// A copy is only ever read whole: it is written under a temporary name of its own (two tabs
// may write at once), then renamed. Any failure (no OPFS, the file held by another tab, a full
// quota) leaves the worker on Cache Storage, as before.

import { segments } from "./pyodide-adapter.mjs";
import { hex } from "./files.mjs";

const PREFIX = "hsp-snapshot-";
const PART = ".part";
const ABANDONED_MS = 60 * 1000; // a half-written copy this old has no writer left (a write
// takes about a second; a tab closed or reloaded while writing leaves one)

export const sha256 = async (bytes) => hex(await crypto.subtle.digest("SHA-256", bytes));

// The stored copy named by `id` (its shipped file's content hash), open for reading, if there
// is one of the length `layout` says: {access, sha256, name}; else null.
export async function openStored(id, layout) {
  let access = null;
  try {
    const dir = await navigator.storage.getDirectory();
    const start = `${PREFIX}${id}.`;
    for await (const name of dir.keys()) {
      const sha = name.slice(start.length);
      if (!name.startsWith(start) || !/^[0-9a-f]{64}$/.test(sha)) continue;
      access = await (await dir.getFileHandle(name)).createSyncAccessHandle();
      if (access.getSize() === segments(layout).shipped) return { access, sha256: sha, name };
      break;
    }
  } catch {
    // none yet, or no OPFS here
  }
  access?.close();
  return null;
}

// Fills `bytes` (the full snapshot) from openStored()'s handle and closes it.
export function readStored(access, layout, bytes) {
  try {
    for (const [at, from, n] of segments(layout).parts) {
      if (access.read(bytes.subarray(at, at + n), { at: from }) !== n) {
        throw new Error("the stored snapshot is shorter than its layout says");
      }
    }
  } finally {
    access.close();
  }
}

// Drops every stored copy but `keep` (a file name), and half-written ones left behind; not the
// ones another tab may be writing now.
/** @param {string | null} keep */
export async function forgetStored(keep = null) {
  const dir = await navigator.storage.getDirectory();
  for await (const [name, handle] of dir.entries()) {
    if (!name.startsWith(PREFIX) || name === keep) continue;
    if (name.endsWith(PART)
        && Date.now() - (await /** @type {FileSystemFileHandle} */ (handle).getFile()).lastModified < ABANDONED_MS) continue;
    await dir.removeEntry(name);
  }
}

// Keeps the snapshot (`bytes`, the full one unpack() filled) for the next visit; drops other
// builds' copies.
export async function store(id, layout, bytes) {
  const dir = await navigator.storage.getDirectory();
  const name = `${PREFIX}${id}.${await sha256(bytes)}`;
  const part = await dir.getFileHandle(`${name}.${Math.random().toString(36).slice(2)}${PART}`,
    { create: true });
  try {
    const access = await part.createSyncAccessHandle();
    try {
      for (const [at, from, n] of segments(layout).parts) {
        if (access.write(bytes.subarray(at, at + n), { at: from }) !== n) {
          throw new Error("short write");
        }
      }
      access.flush();
    } finally {
      access.close();
    }
    await part.move(name);
  } catch (error) {
    await dir.removeEntry(part.name).catch(() => {}); // no .part left behind
    throw error;
  }
  await forgetStored(name);
}
