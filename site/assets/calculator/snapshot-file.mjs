// The snapshot kept in the origin private file system (OPFS) after a first visit, and read back
// with a synchronous access handle straight into the buffer Pyodide restores from: 40–60 ms for
// its 25 MB here, against about 250 ms for the same bytes from Cache Storage (docs/performance-notes.md).
// It is kept as restored (its delta undone, see snapshot.mjs), in the shipped file's layout:
// without the long zero runs.
// A copy is only ever read whole: it is written under a temporary name, then renamed. Any
// failure (no OPFS, the file held by another tab, a full quota) leaves the worker on Cache
// Storage, as before.

import { segments } from "./snapshot.mjs";

const PREFIX = "hsp-snapshot-";

// The stored copy named by `id` (its shipped file's content hash), open for reading, if there
// is one of the length `layout` says; else null.
export async function openStored(id, layout) {
  let access = null;
  try {
    const dir = await navigator.storage.getDirectory();
    access = await (await dir.getFileHandle(PREFIX + id)).createSyncAccessHandle();
    if (access.getSize() === segments(layout).shipped) return access;
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

// Drops every stored copy but `keep` (a file name), half-written ones too.
export async function forgetStored(keep = null) {
  const dir = await navigator.storage.getDirectory();
  for await (const name of dir.keys()) {
    if (name.startsWith(PREFIX) && name !== keep) await dir.removeEntry(name);
  }
}

// Keeps the snapshot (`bytes`, the full one unpack() filled) for the next visit; drops other
// builds' copies.
export async function store(id, layout, bytes) {
  const dir = await navigator.storage.getDirectory();
  const part = await dir.getFileHandle(`${PREFIX}${id}.part`, { create: true });
  const access = await part.createSyncAccessHandle();
  try {
    access.truncate(0);
    for (const [at, from, n] of segments(layout).parts) {
      if (access.write(bytes.subarray(at, at + n), { at: from }) !== n) {
        throw new Error("short write");
      }
    }
    access.flush();
  } finally {
    access.close();
  }
  await part.move(PREFIX + id);
  await forgetStored(PREFIX + id);
}
