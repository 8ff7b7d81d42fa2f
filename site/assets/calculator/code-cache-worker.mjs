// The throw-away worker of code-cache.mjs: imports the module it is sent, through the service
// worker that controls it, and says whether that worked. Pyodide's module only defines its
// factory when imported; nothing runs.

self.onmessage = async ({ data }) => {
  try {
    await import(data);
    self.postMessage("imported");
  } catch {
    self.postMessage("failed");
  }
};
