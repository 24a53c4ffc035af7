"""The core: settings and the catalogue, the database, errors, logging, and the records and
helpers more than one stage shares. Imports nothing else of mailroom."""
