// What the worker uses that TypeScript's lib does not declare yet.

interface FileSystemFileHandle {
  /** Renames the file in its directory (Chromium, Firefox, Safari; not yet in lib.dom). */
  move(name: string): Promise<void>;
}
