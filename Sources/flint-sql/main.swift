import FlintCLI

// flint-sql: SQL over files from the command line or an interactive prompt (see SQLShell).
SQLShell.main()
