"""A kernel package for the module golden test: constants at package level."""
PARTITIONS = 128
