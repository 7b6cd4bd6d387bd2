"""Tables: the raw cells readers produce, the one builder that makes grids, and
the functions that derive dense grids and header paths from a built table."""
