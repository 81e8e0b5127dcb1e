// Function logs at info level drown test output; warnings and errors still show.
process.env.LOG_LEVEL ??= 'warn';
