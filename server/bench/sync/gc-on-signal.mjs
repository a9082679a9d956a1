// Preloaded into every benchmarked server (`node --expose-gc --import ...`): SIGUSR2 runs a full collection,
// so that RSS is read after garbage is freed, the same way for each server.
process.on('SIGUSR2', () => globalThis.gc?.());
