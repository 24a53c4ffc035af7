"""The faces: the command line (``mailroom watch`` runs :mod:`mailroom.app.watch`) and the
broker worker; thin adapters over :mod:`mailroom.app` that parse, call one library
function and render."""
