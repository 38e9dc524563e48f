// The `Flint` product: one import for batch jobs. It re-exports the engine (FlintCore) and, as
// they arrive, the DataFrame/SQL and ML modules.
@_exported import FlintCore
