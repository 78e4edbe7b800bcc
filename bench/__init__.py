"""The benchmark at municipality scale: data generator, measured pages, runner and report."""
