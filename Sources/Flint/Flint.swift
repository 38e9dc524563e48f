// The `Flint` product: one import for batch jobs. It re-exports the engine (FlintCore), the
// DataFrame/SQL layer (FlintSQL), the ML library (FlintML) and its vectors and matrices (FlintLinalg).
@_exported import FlintCore
@_exported import FlintSQL
@_exported import FlintML
@_exported import FlintLinalg
