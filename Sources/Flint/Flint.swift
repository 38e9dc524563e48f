// The `Flint` product: one import for batch jobs. It re-exports the engine (FlintCore), the
// DataFrame/SQL layer (FlintSQL) and, as it arrives, the ML module.
@_exported import FlintCore
@_exported import FlintSQL
